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

// Trial is everything one prompt needs besides the haystack.
type Trial struct {
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
}

// Task makes trials. Implementations are pure functions of their inputs.
type Task interface {
	Name() string
	// DefaultHaystack is the corpus this task uses unless the user picks
	// one ("builtin", or "noise" for passkey).
	DefaultHaystack() string
	// Make builds one trial whose primary needle sits at depth (percent).
	// used reports whether a candidate key or value string already occurs
	// in the haystack; Make draws again until every key and value is unused.
	Make(rng *rand.Rand, depth float64, used func(s string) bool) Trial
}
