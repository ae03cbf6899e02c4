package needle

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
)

// Multi-hop tracing, after RULER's variable tracking (vt): one variable is
// assigned a number, and each of N further assignments copies the previous
// variable ("VAR HJQWD = VAR QXKZP."). The question gives the number and
// asks for every variable that holds it.
const (
	defaultHops  = 4 // RULER's vt: num_hops 4
	maxHops      = 20
	maxHopChains = 4
)

// HopsInstructions open every hops prompt.
const HopsInstructions = "The following text is long and mostly irrelevant. Some of its sentences assign values to variables: " +
	"VAR, the variable's name, an equals sign, and either a number or VAR and another variable's name, whose value it then holds as well. " +
	"Read it carefully: at the end you will be asked for every variable that holds a given number. Answer with the variable names only.\n\n"

// hopsTask is "hops:N" (N ≥ 1 copies after the first assignment), with
// chains distractor chains when chains > 0 ("hops:N:distract" is one,
// "hops:N:distractK" is K).
type hopsTask struct{ hops, chains int }

func (t hopsTask) Name() string {
	n := "hops:" + strconv.Itoa(t.hops)
	switch t.chains {
	case 0:
		return n
	case 1:
		return n + ":distract"
	}
	return n + ":distract" + strconv.Itoa(t.chains)
}

func (hopsTask) DefaultHaystack() string { return "builtin" }

var hopsSpec = regexp.MustCompile(`^(?:([0-9]+)(?::distract([0-9]*))?)?$`)

// hopsByName reads what follows "hops:" (hasSpec false: nothing does).
func hopsByName(name, spec string, hasSpec bool) (Task, error) {
	m := hopsSpec.FindStringSubmatch(spec)
	if m == nil || (hasSpec && m[1] == "") {
		return nil, fmt.Errorf("%q: hops takes a hop count and optional distractor chains: hops:N, hops:N:distract or hops:N:distractK", name)
	}
	t := hopsTask{hops: defaultHops}
	if m[1] != "" {
		t.hops, _ = strconv.Atoi(m[1])
	}
	if t.hops < 1 || t.hops > maxHops {
		return nil, fmt.Errorf("%q: the hop count must be 1 to %d", name, maxHops)
	}
	if strings.Contains(spec, ":distract") {
		t.chains = 1
		if m[2] != "" {
			t.chains, _ = strconv.Atoi(m[2])
		}
		if t.chains < 1 || t.chains > maxHopChains {
			return nil, fmt.Errorf("%q: distractor chains must be 1 to %d", name, maxHopChains)
		}
	}
	return t, nil
}

// varLetters are the letters of variable names: consonants only, so that
// no name is an English word an answer could contain by chance.
const varLetters = "BCDFGHJKLMNPQRSTVWXZ"

func varName(rng *rand.Rand) string {
	var b [5]byte
	for i := range b {
		b[i] = varLetters[rng.IntN(len(varLetters))]
	}
	return string(b[:])
}

func hopsAssign(name, value string) string { return " VAR " + name + " = " + value + "." }

// Make builds the asked chain (its first assignment at depth, the N copies
// spread evenly from there to the end, the last at 100%) and each
// distractor chain with its own number and names, interleaved with the
// asked one: its i-th assignment sits between the asked chain's i-th and
// (i+1)-th. Every name and number is absent from the haystack.
func (t hopsTask) Make(rng *rand.Rand, depth float64, used func(string) bool) Instance {
	d := newDrawer(rng, used)
	step := (100 - depth) / float64(t.hops)
	type chain struct {
		value string
		names []string
	}
	draw := func() chain {
		c := chain{value: d.draw(fiveDigits)}
		for range t.hops + 1 {
			c.names = append(c.names, d.draw(varName))
		}
		return c
	}
	asked := draw()
	var decoys []chain
	for range t.chains {
		decoys = append(decoys, draw())
	}
	tr := Instance{Instructions: HopsInstructions, Expected: asked.names}
	for i := range t.hops + 1 {
		at := depth + float64(i)*step
		for k, c := range append([]chain{asked}, decoys...) {
			text := hopsAssign(c.names[i], c.value)
			if i > 0 {
				text = hopsAssign(c.names[i], "VAR "+c.names[i-1])
			}
			tr.Needles = append(tr.Needles, Placement{
				Text:       text,
				Depth:      min(100, at+float64(k)*step/float64(t.chains+1)),
				Distractor: k > 0,
			})
		}
	}
	for _, c := range decoys {
		tr.Others = append(tr.Others, c.names...)
	}
	tr.Question = "\n\n" + hopsAsk + asked.value +
		" in the text above, directly or through other variables. List every one."
	return tr
}

const hopsAsk = "Find all variables that are assigned the value "

var (
	hopsQuestion = regexp.MustCompile(`^` + hopsAsk + `([0-9]+) in the text above`)
	hopsLine     = regexp.MustCompile(`VAR ([A-Z]+) = (?:([0-9]+)|VAR ([A-Z]+))\.`)
)

// solveHops follows the assignments before a hops question in text order
// and answers with every variable holding the asked number, and the
// offsets of the assignments it used. ok is false for other prompts.
func solveHops(prompt string) (answer string, offsets []int, ok bool) {
	at := lastIndexInTail(prompt, hopsAsk)
	if at < 0 {
		return "", nil, false
	}
	q := hopsQuestion.FindStringSubmatchIndex(prompt[at:])
	if q == nil {
		return "", nil, false
	}
	value, text := prompt[at+q[2]:at+q[3]], prompt[:at]
	holds := map[string]bool{}
	var names []string
	for _, m := range hopsLine.FindAllStringSubmatchIndex(text, -1) {
		name := text[m[2]:m[3]]
		if (m[4] >= 0 && text[m[4]:m[5]] == value) || (m[6] >= 0 && holds[text[m[6]:m[7]]]) {
			if !holds[name] {
				names = append(names, name)
			}
			holds[name] = true
			offsets = append(offsets, m[0])
		}
	}
	if len(names) == 0 {
		return "NONE", nil, true
	}
	return strings.Join(names, ", "), offsets, true
}
