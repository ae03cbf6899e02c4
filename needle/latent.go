package needle

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// latentDistractors is how many other characters share a latent prompt
// with the asked one, so that the model has to make the association rather
// than find the only name about the subject. They come from the same link
// kind with a different link ("lives next to the Colosseum" when the
// question is about Paris), so none of them also answers the question.
const latentDistractors = 3

// lureGap is how far, in depth points, latent:distract's lure sits from
// the needle at least.
const lureGap = 20

// LatentInstructions open every latent prompt, whatever its form.
const LatentInstructions = "The following text is long and mostly irrelevant. A few of its sentences are about characters, each named once. " +
	"Read it carefully: at the end you will be asked which character fits a description. Answer with that character's name only.\n\n"

// latentForm is what a latent task asks and how.
type latentForm int

const (
	formLatent   latentForm = iota // the question names the link: "Which character has been to Paris?"
	formLiteral                    // the control: the same trials, asked with the needle's item
	formInverted                   // NoLiMa's inverted order: the needle holds the link, the question names the item
	formDistract                   // latent, plus a lure that names the link and no character
	form2hop                       // the question is two facts from the needle (item → city → region)
)

var formNames = []string{"", "literal", "inverted", "distract", "2hop"}

// latentTask is "latent" or one of its forms, "latent:FORM". hay, when set,
// is what a haystack leaves drawable (see ForHaystack).
type latentTask struct {
	form latentForm
	hay  *latentHay
}

func latentByName(name, form string, hasForm bool) (Task, error) {
	if !hasForm {
		return latentTask{}, nil
	}
	if i := slices.Index(formNames, form); i > 0 {
		return latentTask{form: latentForm(i)}, nil
	}
	return nil, fmt.Errorf("%q: latent forms are latent:literal (the control), latent:inverted, latent:distract and latent:2hop", name)
}

func (t latentTask) Name() string {
	if t.form == formLatent {
		return "latent"
	}
	return "latent:" + formNames[t.form]
}

func (latentTask) DefaultHaystack() string { return "builtin" }

// SeedName makes every one-hop form draw the same trials as latent: same
// pair, characters, distractors and depths; only the question (literal,
// inverted), the needles' wording (inverted) or an added lure (distract)
// differ. The two-hop tier draws from its own set.
func (t latentTask) SeedName() string {
	if t.form == form2hop {
		return "latent:2hop"
	}
	return "latent"
}

// PairedAcrossLengths: trial t at depth d draws the same pair, characters
// and distractors at every length, so the length curve moves with length
// only, not with which pairs each length happened to draw.
func (latentTask) PairedAcrossLengths() bool { return true }

// set is the task's pair set: the two-hop tier or the one-hop pairs.
func (t latentTask) set() int {
	if t.form == form2hop {
		return 1
	}
	return 0
}

var pairSets = [2][]latentPair{latentPairs, twoHopPairs}

// besideSets are, per set and pair, the names that share no origin with it.
var besideSets = [2][][]string{namesBeside(latentPairs), namesBeside(twoHopPairs)}

// canDistract reports whether d may stand beside target t as a distractor:
// same kind, and its character cannot answer t's question (another link,
// and no city or country of d is t's link: the Semper Opera House's
// character has been to Germany).
func canDistract(d, t latentPair) bool {
	return d.Kind == t.Kind && d.Link != t.Link && d.Via != t.Link && d.Within != t.Link
}

// Make draws a pair the haystack leaves clean, up to latentDistractors
// pairs of its kind that cannot answer its question, and for each needle a
// distinct name that shares no origin with its pair. The asked needle sits
// at depth, the others at depths drawn uniformly (as multikey's
// distractors); latent:distract then adds its lure at least lureGap points
// from the needle.
//
// A task bound to its haystack (ForHaystack) draws only what it left
// clean; an unbound one checks each candidate with used, as other tasks
// do, and panics when nothing is left (the runner always binds).
func (t latentTask) Make(rng *rand.Rand, depth float64, used func(string) bool) Instance {
	s := t.set()
	pairs := pairSets[s]
	ok := func(i int) bool {
		if t.hay != nil {
			return t.hay.clean[s][i]
		}
		p := pairs[i]
		return used == nil || (!used(itemKey(p.Item)) && !used(p.Link))
	}
	target := -1
	for _, i := range rng.Perm(len(pairs)) {
		if ok(i) && (t.hay == nil || t.hay.drawable[s][i]) {
			target = i
			break
		}
	}
	if target < 0 {
		panic("needle: latent: every pair's item or link occurs in the haystack; use another --haystack")
	}
	tp := pairs[target]
	seen := map[string]bool{}
	name := func(i int) string {
		var free []string
		for _, n := range besideSets[s][i] {
			if !seen[n] && (t.hay == nil || t.hay.nameOK[n]) && (t.hay != nil || used == nil || !used(n)) {
				free = append(free, n)
			}
		}
		if len(free) == 0 {
			return ""
		}
		n := free[rng.IntN(len(free))]
		seen[n] = true
		return n
	}
	who := name(target)
	if who == "" {
		panic("needle: latent: every character name occurs in the haystack; use another --haystack")
	}
	kind := linkKinds[tp.Kind]
	tr := Instance{
		Instructions: LatentInstructions,
		Needles:      []Placement{{Text: " " + t.needle(who, tp), Depth: depth}},
		Expected:     []string{who},
		Exclusive:    true,
		Pair:         tp.String(),
	}
	n := 0
	for _, i := range rng.Perm(len(pairs)) {
		if n == latentDistractors {
			break
		}
		if i == target || !canDistract(pairs[i], tp) || !ok(i) {
			continue
		}
		d := name(i)
		if d == "" {
			continue
		}
		tr.Needles = append(tr.Needles, Placement{Text: " " + t.needle(d, pairs[i]), Depth: 100 * rng.Float64(), Distractor: true})
		tr.Others = append(tr.Others, d)
		n++
	}
	tr.Question = "\n\n" + t.question(tp)
	if t.form == formDistract {
		tr.Needles = append(tr.Needles, Placement{Text: " " + fmt.Sprintf(kind.Lure, tp.Link), Depth: lureDepth(rng, depth), Distractor: true})
	}
	return tr
}

// lureDepth draws a depth uniformly from [0, 100] at least lureGap points
// from the needle's.
func lureDepth(rng *rand.Rand, depth float64) float64 {
	below := max(0, depth-lureGap)
	above := max(0, 100-(depth+lureGap))
	u := rng.Float64() * (below + above)
	if u < below {
		return u
	}
	return depth + lureGap + (u - below)
}

// needle is a character's sentence about a pair in the task's form.
func (t latentTask) needle(who string, p latentPair) string {
	k := linkKinds[p.Kind]
	if t.form == formInverted {
		return fmt.Sprintf(k.Inverted, who, p.Link)
	}
	return fmt.Sprintf(k.Needle, who, p.Item)
}

// question is what the task asks about its pair.
func (t latentTask) question(p latentPair) string {
	k := linkKinds[p.Kind]
	switch t.form {
	case formLiteral:
		return fmt.Sprintf(k.Literal, p.Item)
	case formInverted:
		return fmt.Sprintf(k.InvertedAsk, p.Item)
	}
	return fmt.Sprintf(k.Latent, p.Link)
}

// String names a pair in records: "the Eiffel Tower → Paris", "the Semper
// Opera House → Dresden → Saxony".
func (p latentPair) String() string {
	if p.Via != "" {
		return p.Item + " → " + p.Via + " → " + p.Link
	}
	return p.Item + " → " + p.Link
}

// latentAsk is what a question sentence refers to: the needle sentences
// (without the name) that answer it (a latent question can fit several
// pairs of one kind: "a percussion instrument"), whether it asks through
// world knowledge (not the literal control), whether through two hops, and
// the lure latent:distract would plant for it.
type latentAsk struct {
	needles []string
	latent  bool
	twoHop  bool
	lure    string
}

var latentQuestions = func() map[string]latentAsk {
	m := map[string]latentAsk{}
	add := func(t latentTask, p latentPair) {
		q := t.question(p)
		a := m[q]
		a.needles = append(a.needles, t.needle("", p)) // " lives next to the Eiffel Tower."
		a.latent, a.twoHop = t.form != formLiteral, t.form == form2hop
		if k := linkKinds[p.Kind]; t.form == formLatent && k.Lure != "" {
			a.lure = fmt.Sprintf(k.Lure, p.Link)
		}
		m[q] = a
	}
	for _, p := range latentPairs {
		for _, f := range []latentForm{formLatent, formLiteral, formInverted} {
			add(latentTask{form: f}, p)
		}
	}
	for _, p := range twoHopPairs {
		add(latentTask{form: form2hop}, p)
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

// LatentTraits say what a latent prompt asks of a reader beyond the
// association: a second hop, or passing over a lure that names the
// question's own keyword. The simulation finds both harder still.
type LatentTraits struct{ TwoHop, Lured bool }

// LatentPromptTraits reads the traits of a latent prompt; ok is false for
// a prompt that does not close with a latent question.
func LatentPromptTraits(prompt string) (tr LatentTraits, ok bool) {
	at, ask, ok := latentQuestionAt(prompt)
	if !ok || !ask.latent {
		return tr, false
	}
	tr.TwoHop = ask.twoHop
	tr.Lured = ask.lure != "" && strings.Contains(prompt[:at], ask.lure)
	return tr, true
}

// solveLatent answers a latent prompt with the name in the needle that
// answers its question (the oracle knows every link), and the offset of
// that name. ok is false when prompt is not a latent prompt.
func solveLatent(prompt string) (answer string, offsets []int, ok bool) {
	at, ask, ok := latentQuestionAt(prompt)
	if !ok {
		return "", nil, false
	}
	text := prompt[:at]
	for _, rest := range ask.needles {
		for from := 0; ; {
			j := strings.Index(text[from:], rest)
			if j < 0 {
				break
			}
			j += from
			from = j + len(rest)
			// The name is the word right before: a lure or a haystack
			// sentence of the same shape without one does not count.
			start := j
			for start > 0 && isNameByte(text[start-1]) {
				start--
			}
			if start == j || j-start > 40 {
				continue
			}
			name := text[start:j]
			if _, known := nameOrigins[name]; !known {
				continue
			}
			return name + ".", []int{start}, true
		}
	}
	return "None of the characters.", nil, true
}

func isNameByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

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
