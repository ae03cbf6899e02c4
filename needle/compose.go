package needle

import "math/rand/v2"

// A Composer is a task that writes its whole context itself instead of
// hiding needles in a haystack: a list of words (cwe), a coded text (fwe),
// documents (qa). Its context is made of units (one word more in the list,
// one more coded word, one more word of a document), and a longer prompt
// holds more of them: the runner picks the number of units that fills a
// length, counting the whole prompt in the model's tokenizer.
type Composer interface {
	Task
	// Compose draws one trial from rng and returns it at every size.
	// length is the trial's length (RULER sizes some vocabularies by it);
	// depth is where the answer goes, for composers that place it.
	Compose(rng *rand.Rand, depth float64, length int) Composition
}

// Composition is one trial of a Composer at every size.
type Composition struct {
	// Sized is the trial with n units (Min ≤ n ≤ Max): the same draw at
	// every n, its Context holding the units. Equal n, equal instance.
	Sized func(n int) Instance
	// Min and Max bound the units: the fewest that make the task, the
	// most the trial's material holds.
	Min, Max int
	// Guess is about how many units a thousand tokens hold, where the
	// search for a length starts (0: it measures from Min).
	Guess float64
}

// Depthless reports whether depth means nothing for a task (cwe, fwe: the
// answer is spread over the whole context): its trials of a length form
// one row, at depth 0.
func Depthless(t Task) bool {
	d, ok := t.(interface{ Depthless() bool })
	return ok && d.Depthless()
}
