package needle

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
)

// Common-words extraction (RULER's cwe), with RULER's documented defaults:
// a numbered list in which 10 words appear 30 times each and every other
// word 3 times, shuffled; the answer is the 10 common words. Below a 4K
// length RULER lists them 6 and 1 times. One worked example comes first
// (RULER's num_fewshot 1: 40 words, 10 of them 10 times, the rest 3
// times; 20 words, 3 and 1 times, below 4K). The example is the same in
// every prompt of a run, so prompts share it as a prefix. The wording is
// niah's own.
const (
	cweAnswers        = 10 // num_cw
	cweCommonRepeats  = 30 // freq_cw
	cweRareRepeats    = 3  // freq_ucw
	cweShortLength    = 4096
	cweShortCommon    = 6
	cweShortRare      = 1
	cweExampleSeed    = 19
	cweExampleWords   = 40
	cweExampleCommon  = 10
	cweExampleRare    = 3
	cweExampleShortN  = 20
	cweExampleShortCo = 3
	cweExampleShortRa = 1
)

const (
	cweInstructions = "Below is a numbered list of words. A few words appear in it many times, every other word only a few times. " +
		"Find the words that appear most often.\n\n"
	cweExampleStart = "An example list:\n"
	cweExampleAfter = "\nThe 10 words that appear most often in the example list: "
	cweListStart    = "\n\nThe list:\n"
	cweQuestion     = "\n\nWhich 10 words appear most often in the list above? Answer with the 10 words only, separated by commas."
)

type cweTask struct{}

func (cweTask) Name() string            { return "cwe" }
func (cweTask) DefaultHaystack() string { return "builtin" } // none is read: the task writes its own list
func (cweTask) Depthless() bool         { return true }

// Make is the trial at a small size; runs size it with Compose.
func (t cweTask) Make(rng *rand.Rand, depth float64, _ func(string) bool) Instance {
	c := t.Compose(rng, depth, cweShortLength)
	return c.Sized(c.Min + 40)
}

// cweExample is the worked example of a list of the given length class.
var cweExample = sync.OnceValues(func() (string, string) {
	return cweExampleText(cweExampleWords, cweExampleCommon, cweExampleRare), cweExampleText(cweExampleShortN, cweExampleShortCo, cweExampleShortRa)
})

// cweExampleWordSet are the example's words, never drawn for a trial.
var cweExampleWordSet = sync.OnceValue(func() map[string]bool {
	out := map[string]bool{}
	for _, w := range newWordDraw(rand.New(rand.NewPCG(cweExampleSeed, 0)), nil).first(cweExampleWords) {
		out[w] = true
	}
	return out
})

func cweExampleText(n, common, rare int) string {
	rng := rand.New(rand.NewPCG(cweExampleSeed, 0))
	words := newWordDraw(rng, nil).first(cweExampleWords)[:n]
	list := cweList(words, common, rare, rand.New(rand.NewPCG(cweExampleSeed, uint64(n))))
	return cweExampleStart + list + cweExampleAfter + strings.Join(words[:cweAnswers], ", ") + "."
}

// cweList writes words as RULER does: the first cweAnswers words common
// times each, the rest rare times, shuffled, numbered "1. w 2. w ...".
func cweList(words []string, common, rare int, rng *rand.Rand) string {
	var list []string
	for i, w := range words {
		k := rare
		if i < cweAnswers {
			k = common
		}
		for range k {
			list = append(list, w)
		}
	}
	rng.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
	var b strings.Builder
	b.Grow(len(list) * 14)
	for i, w := range list {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString(". ")
		b.WriteString(w)
	}
	return b.String()
}

// Compose draws the trial's words; with n units its list holds 10 common
// words and n − 10 rare ones.
func (cweTask) Compose(rng *rand.Rand, _ float64, length int) Composition {
	common, rare := cweCommonRepeats, cweRareRepeats
	example, shortExample := cweExample()
	if length < cweShortLength {
		common, rare, example = cweShortCommon, cweShortRare, shortExample
	}
	draw := newWordDraw(rng, cweExampleWordSet())
	listSeed := rng.Uint64()
	sized := func(n int) Instance {
		words := draw.first(n)
		in := Instance{
			Instructions: cweInstructions + example + cweListStart,
			Context:      cweList(words, common, rare, rand.New(rand.NewPCG(listSeed, uint64(n)))),
			Question:     cweQuestion,
			Expected:     append([]string(nil), words[:cweAnswers]...),
		}
		in.Listed = listedIn(words[cweAnswers:])
		return in
	}
	return Composition{Sized: sized, Min: cweAnswers + 1, Max: len(cweRealWords()) + inventedWords/2,
		Guess: 1000 / (5 * float64(rare))}
}

// listedIn is the membership test of words, its set built on first use
// (grading), not when the prompt is planned.
func listedIn(words []string) func(string) bool {
	set := sync.OnceValue(func() map[string]bool {
		m := make(map[string]bool, len(words))
		for _, w := range words {
			m[w] = true
		}
		return m
	})
	return func(w string) bool { return set()[w] }
}
