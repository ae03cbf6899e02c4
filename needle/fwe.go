package needle

import (
	"math"
	"math/rand/v2"
	"strings"
)

// Frequent-words extraction (RULER's fwe), with RULER's documented
// defaults: a coded text of six-letter code words whose counts follow a
// Zipf (zeta) distribution with α = 2.0 — the k-th word of the vocabulary
// appears ⌊n·k^−α/ζ(α)⌋ times in a text of n units — the first word
// replaced by dots ("...") as noise; the answer is the 3 most frequent
// code words. The vocabulary holds one word per 50 tokens of length
// (RULER's vocab_size). The wording is niah's own.
const (
	fweAlpha      = 2.0
	fweAnswers    = 3
	fweWordLength = 6  // coded_wordlen
	fweVocabPer   = 50 // tokens of length per vocabulary word
	fweNoise      = "..."
	fweMinUnits   = 64 // the fewest units whose top three counts differ
)

const (
	fweInstructions = "Below is a coded text made of six-letter code words and dots. A few code words appear in it far more often than the others. " +
		"Keep count of how often each code word appears.\n\n"
	fweTextStart = "The coded text:\n"
	fweQuestion  = "\n\nIgnore the dots. Which 3 code words appear most often in the coded text above? Answer with the 3 code words only, separated by commas."
)

// zeta2 is ζ(2) = π²/6, the normaliser of the Zipf counts at α = 2.
var zeta2 = math.Pi * math.Pi / 6

type fweTask struct{}

func (fweTask) Name() string            { return "fwe" }
func (fweTask) DefaultHaystack() string { return "builtin" } // none is read: the task writes its own text
func (fweTask) Depthless() bool         { return true }

// Make is the trial at a small size; runs size it with Compose.
func (t fweTask) Make(rng *rand.Rand, depth float64, _ func(string) bool) Instance {
	c := t.Compose(rng, depth, 4096)
	return c.Sized(c.Min * 4)
}

// fweCount is how many times the k-th vocabulary word (from 1) appears in
// a text of n units.
func fweCount(n, k int) int { return int(float64(n) * math.Pow(float64(k), -fweAlpha) / zeta2) }

// Compose draws the trial's vocabulary; with n units its text holds each
// word its Zipf count of times.
func (fweTask) Compose(rng *rand.Rand, _ float64, length int) Composition {
	own := map[string]bool{}
	for _, t := range tokens(fweInstructions + fweTextStart + fweQuestion) {
		own[t] = true
	}
	size := max(length/fweVocabPer, 2*fweAnswers)
	vocab := []string{fweNoise}
	seen := map[string]bool{}
	for len(vocab) < size {
		w := codeWord(rng)
		if !seen[w] && !own[w] {
			seen[w] = true
			vocab = append(vocab, w)
		}
	}
	textSeed := rng.Uint64()
	sized := func(n int) Instance {
		var words []string
		var listed []string
		for k := 1; k <= len(vocab); k++ {
			c := fweCount(n, k)
			if c == 0 {
				break
			}
			for range c {
				words = append(words, vocab[k-1])
			}
			if k > 1+fweAnswers {
				listed = append(listed, vocab[k-1])
			}
		}
		r := rand.New(rand.NewPCG(textSeed, uint64(n)))
		r.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
		in := Instance{
			Instructions: fweInstructions + fweTextStart,
			Context:      strings.Join(words, " "),
			Question:     fweQuestion,
			Expected:     append([]string(nil), vocab[1:1+fweAnswers]...),
		}
		in.Listed = listedIn(listed)
		return in
	}
	return Composition{Sized: sized, Min: fweMinUnits, Max: 1 << 26, Guess: 600}
}

// codeWord draws a six-letter lower-case code word.
func codeWord(rng *rand.Rand) string {
	var b [fweWordLength]byte
	for i := range b {
		b[i] = byte('a' + rng.IntN(26))
	}
	return string(b[:])
}
