package needle

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"
)

// latentDistractors is how many other characters share a latent prompt
// with the asked one. The built-in haystack names nobody, so without them
// the only name in the text would be the answer; with them the model has
// to make the association. They come from the same link kind with a
// different link ("lives next to the Colosseum" when the question is about
// Paris), so none of them also answers the question.
const latentDistractors = 3

// LatentInstructions open every latent prompt, latent or literal.
const LatentInstructions = "The following text is long and mostly irrelevant. A few of its sentences are about characters, each named once. " +
	"Read it carefully: at the end you will be asked which character fits a description. Answer with that character's name only.\n\n"

// latentTask is "latent" (the question shares no word with the needle; the
// link is world knowledge) or, with literal, "latent:literal" (the control:
// the same trials, asked with the needle's own keyword).
type latentTask struct{ literal bool }

func (t latentTask) Name() string {
	if t.literal {
		return "latent:literal"
	}
	return "latent"
}

func (latentTask) DefaultHaystack() string { return "builtin" }

// SeedName makes latent and latent:literal draw the same trials: same
// pair, characters, depths; only the question differs.
func (latentTask) SeedName() string { return "latent" }

// itemKey is the part of an item that must not occur in the haystack: the
// item without a leading article ("Eiffel Tower", "Starry Night").
func itemKey(item string) string {
	for _, a := range []string{"the ", "The "} {
		if k, ok := strings.CutPrefix(item, a); ok {
			return k
		}
	}
	return item
}

// Make draws a pair whose item and link are absent from the haystack, up
// to latentDistractors pairs of the same kind with other links, and a
// distinct unused name for each. The asked needle sits at depth, the
// others at depths drawn uniformly (as multikey's distractors).
func (t latentTask) Make(rng *rand.Rand, depth float64, used func(string) bool) Instance {
	clean := func(p latentPair) bool {
		return used == nil || (!used(itemKey(p.Item)) && !used(p.Link))
	}
	target := -1
	for _, i := range rng.Perm(len(latentPairs)) {
		if clean(latentPairs[i]) {
			target = i
			break
		}
	}
	if target < 0 {
		panic("needle: latent: every pair's item or link occurs in the haystack; use another --haystack")
	}
	tp := latentPairs[target]
	var others []latentPair
	for _, i := range rng.Perm(len(latentPairs)) {
		p := latentPairs[i]
		if len(others) == latentDistractors {
			break
		}
		if i == target || p.Kind != tp.Kind || p.Link == tp.Link || !clean(p) {
			continue
		}
		others = append(others, p)
	}
	d := newDrawer(rng, used)
	name := func() string {
		return d.draw(func(r *rand.Rand) string { return characterNames[r.IntN(len(characterNames))] })
	}
	kind := linkKinds[tp.Kind]
	who := name()
	tr := Instance{
		Instructions: LatentInstructions,
		Needles:      []Placement{{Text: " " + fmt.Sprintf(kind.Needle, who, tp.Item), Depth: depth}},
		Expected:     []string{who},
		Exclusive:    true,
	}
	for _, p := range others {
		n := name()
		tr.Needles = append(tr.Needles, Placement{Text: " " + fmt.Sprintf(kind.Needle, n, p.Item), Depth: 100 * rng.Float64(), Distractor: true})
		tr.Others = append(tr.Others, n)
	}
	tr.Question = "\n\n" + tp.question(t.literal)
	return tr
}

// question is the pair's latent question, or its literal control.
func (p latentPair) question(literal bool) string {
	k := linkKinds[p.Kind]
	if literal {
		return fmt.Sprintf(k.Literal, p.Item)
	}
	return fmt.Sprintf(k.Latent, p.Link)
}

// latentAsk is what a question sentence refers to: the pairs it may ask
// about (a latent question can fit several pairs of one kind: "a
// percussion instrument"), and whether it is the latent form.
type latentAsk struct {
	pairs  []int
	latent bool
}

var latentQuestions = func() map[string]latentAsk {
	m := map[string]latentAsk{}
	for i, p := range latentPairs {
		for _, literal := range []bool{false, true} {
			q := p.question(literal)
			a := m[q]
			a.pairs, a.latent = append(a.pairs, i), !literal
			m[q] = a
		}
	}
	return m
}()

// latentQuestionAt finds the latent task's question closing prompt: the
// part after the last blank line, when it is one of the set's questions.
func latentQuestionAt(prompt string) (at int, ask latentAsk, ok bool) {
	p := strings.TrimRight(prompt, " \t\r\n")
	at = lastIndexInTail(p, "\n\nWhich character ")
	if at < 0 {
		return 0, latentAsk{}, false
	}
	ask, ok = latentQuestions[strings.TrimSpace(p[at:])]
	return at, ask, ok
}

// LatentQuestion reports whether prompt closes with a latent-association
// question (not its literal control): the simulation finds those harder.
func LatentQuestion(prompt string) bool {
	_, ask, ok := latentQuestionAt(prompt)
	return ok && ask.latent
}

// solveLatent answers a latent prompt with the name in the needle of the
// asked pair (the oracle knows every link), and the offset of that name.
// ok is false when prompt is not a latent prompt.
func solveLatent(prompt string) (answer string, offsets []int, ok bool) {
	at, ask, ok := latentQuestionAt(prompt)
	if !ok {
		return "", nil, false
	}
	text := prompt[:at]
	for _, i := range ask.pairs {
		p := latentPairs[i]
		rest := fmt.Sprintf(strings.TrimPrefix(linkKinds[p.Kind].Needle, "%s"), p.Item)
		j := strings.Index(text, rest)
		if j < 0 {
			continue
		}
		start := j
		for start > 0 && unicode.IsLetter(rune(text[start-1])) {
			start--
		}
		if start == j {
			continue
		}
		return text[start:j] + ".", []int{start}, true
	}
	return "None of the characters.", nil, true
}

// questionTail is how far from the end of a prompt its closing question
// is looked for: a question is one sentence, and a full-prompt backward
// search (strings.LastIndex has no fast path) would cost milliseconds on
// every 1M-token prompt the simulation reads.
const questionTail = 1024

// lastIndexInTail is strings.LastIndex limited to the last questionTail
// bytes of s.
func lastIndexInTail(s, sub string) int {
	from := max(0, len(s)-questionTail)
	i := strings.LastIndex(s[from:], sub)
	if i < 0 {
		return -1
	}
	return from + i
}
