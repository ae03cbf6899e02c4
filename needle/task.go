// Package needle defines the tasks (what is hidden and what is asked), makes
// needles from a seed, and grades answers.
package needle

import "math/rand/v2"

// Placement is one needle sentence and the depth it is asked to sit at.
type Placement struct {
	// Text is the needle sentence exactly as inserted. It starts with a
	// single space and ends with its final punctuation (no trailing space),
	// because the haystack builder inserts it at an in-paragraph sentence
	// boundary, just before the space that opens the next sentence.
	Text  string
	Depth float64 // percent of the haystack, 0–100
	// Distractor is true for needles that are not asked about.
	Distractor bool
}

// Instance is one draw of a task: everything one prompt needs besides
// the haystack.
type Instance struct {
	// Instructions open the prompt, before the haystack, including their
	// trailing separator. They are identical for every trial of a task, so
	// every prompt of a run shares its prefix up to the first needle.
	Instructions string
	Needles      []Placement // in the order they are to be inserted when depths tie
	// Question closes the prompt, after the haystack, including its leading
	// separator.
	Question string
	// Expected are the strings a correct answer contains. For the "none"
	// task it is empty and Absent is true.
	Expected []string
	Absent   bool
	// Others are names in the prompt that a correct answer leaves out: the
	// other characters of a latent prompt, the distractor chains' variables
	// of a hops prompt. GradeInstance lists those an answer names as extra.
	Others []string
	// Exclusive marks a question with one answer (latent): the answer is
	// the first name offered, and two names offered as alternatives score
	// 0 (see GradeInstance).
	Exclusive bool
	// Pair names the latent pair the instance asks about ("the Eiffel
	// Tower → Paris"), so reports can score each pair apart; "" for other
	// tasks.
	Pair string

	// Context is the text between Instructions and Question of a task
	// that writes its own (a Composer); "" for tasks hidden in a haystack.
	Context string
	// Listed, when set, tells the words of the prompt's list that a
	// correct answer leaves out (cwe, fwe): each one an answer names is an
	// extra and lowers its score to found / (expected + extras).
	Listed func(word string) bool `json:"-"`
	// AnyOf scores an answer 1 when it holds any of Expected (QA: the
	// references are alternatives), RULER's string_match_part.
	AnyOf bool
}

// Task makes trials. Implementations are pure functions of their inputs.
type Task interface {
	Name() string
	// DefaultHaystack is the corpus this task uses unless the user picks
	// one ("builtin", or "noise" for passkey).
	DefaultHaystack() string
	// Make draws one instance whose primary needle sits at depth (percent).
	// used reports whether a candidate key or value string already occurs
	// in the haystack; Make draws again until every key and value is unused.
	Make(rng *rand.Rand, depth float64, used func(s string) bool) Instance
}

// PairedAcrossLengths reports whether t draws the same instance for a
// trial and depth at every length (the latent tasks: NoLiMa's pairs are
// compared across lengths), so its random source must not depend on the
// length. Other tasks draw afresh per length.
func PairedAcrossLengths(t Task) bool {
	p, ok := t.(interface{ PairedAcrossLengths() bool })
	return ok && p.PairedAcrossLengths()
}

// SeedName is the name a trial's random source is keyed by: Name(), except
// for tasks that share their trials with another (latent:literal draws
// exactly the trials of latent and differs only in the question).
func SeedName(t Task) string {
	if s, ok := t.(interface{ SeedName() string }); ok {
		return s.SeedName()
	}
	return t.Name()
}

// Bind gives t the text of the haystack it will be planted in. A task that
// draws only what a haystack leaves clean (latent: no pair whose words the
// text holds) comes back bound to it, or with a one-line error when the
// text leaves nothing to draw; other tasks come back as they are.
func Bind(t Task, haystack string) (Task, error) {
	if b, ok := t.(interface{ ForHaystack(string) (Task, error) }); ok {
		return b.ForHaystack(haystack)
	}
	return t, nil
}

// PairsLeftOut is how many of a bound task's pairs its haystack left out
// because it holds their words, of how many; ok is false for tasks that
// draw no pairs.
func PairsLeftOut(t Task) (leftOut, total int, ok bool) {
	p, ok := t.(interface{ PairsLeftOut() (int, int) })
	if !ok {
		return 0, 0, false
	}
	leftOut, total = p.PairsLeftOut()
	return leftOut, total, true
}
