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
	// Exclusive makes an answer that names any of Others score 0: a latent
	// question has one answer, and a list of names is a guess.
	Exclusive bool

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

// SeedName is the name a trial's random source is keyed by: Name(), except
// for tasks that share their trials with another (latent:literal draws
// exactly the trials of latent and differs only in the question).
func SeedName(t Task) string {
	if s, ok := t.(interface{ SeedName() string }); ok {
		return s.SeedName()
	}
	return t.Name()
}
