package needle

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
)

// The words of a common-words list. RULER draws them from English word
// lists and, when a list needs more words than those hold, from a larger
// dictionary. niah does the same with what it carries: the real words of
// this package (keys and word values), then invented, pronounceable words
// of two and three syllables, as many as a 1M-token list needs.

var (
	syllableOnsets = strings.Fields("b d f g h k l m n p r s t v w z br dr fr gr kr pl pr st tr")
	syllableVowels = strings.Fields("a e i o u")
)

// syllables is how many distinct syllables invented words are made of.
var syllables = len(syllableOnsets) * len(syllableVowels)

// inventedWords is how many invented words there are: every two- and
// three-syllable word.
var inventedWords = syllables*syllables + syllables*syllables*syllables

// inventedWord is the i-th invented word (0 ≤ i < inventedWords).
func inventedWord(i int) string {
	n := 2
	if i >= syllables*syllables {
		i -= syllables * syllables
		n = 3
	}
	var b strings.Builder
	for range n {
		s := i % syllables
		i /= syllables
		b.WriteString(syllableOnsets[s/len(syllableVowels)])
		b.WriteString(syllableVowels[s%len(syllableVowels)])
	}
	return b.String()
}

// cweRealWords are the real words a list draws first: this package's
// adjectives and nouns, less the words of the prompt's own sentences (an
// answer repeats those, and they must not count as naming a listed word).
var cweRealWords = sync.OnceValue(func() []string {
	prompt := map[string]bool{}
	for _, t := range tokens(cweInstructions + cweQuestion + " answer answers word words most common often list top the and") {
		prompt[t] = true
	}
	var out []string
	for _, w := range slices.Concat(adjectives, nouns) {
		if !prompt[w] && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
})

// wordDraw hands out a trial's words in draw order: every real word in a
// random order, then invented words at random, none twice. The first n
// words of a draw are the same whatever is drawn after them, so a longer
// list of the same trial holds the words of a shorter one.
type wordDraw struct {
	rng   *rand.Rand
	words []string
	seen  map[string]bool
	mu    sync.Mutex
}

// newWordDraw starts a draw from rng that never hands out a word of skip.
func newWordDraw(rng *rand.Rand, skip map[string]bool) *wordDraw {
	words := slices.DeleteFunc(slices.Clone(cweRealWords()), func(w string) bool { return skip[w] })
	rng.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
	seen := make(map[string]bool, len(words)+len(skip))
	for w := range skip {
		seen[w] = true
	}
	for _, w := range words {
		seen[w] = true
	}
	return &wordDraw{rng: rng, words: words, seen: seen}
}

// first returns the first n words of the draw.
func (d *wordDraw) first(n int) []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	for len(d.words) < n {
		w := inventedWord(d.rng.IntN(inventedWords))
		if !d.seen[w] {
			d.seen[w] = true
			d.words = append(d.words, w)
		}
	}
	return d.words[:n]
}
