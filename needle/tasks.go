package needle

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

// The llama.cpp passkey format, byte for byte: the reference model answers
// by matching the question's final bytes against the needle's lead-in, so
// these strings must not change.
const (
	PasskeyInstructions = "There is an important piece of information hidden inside a lot of irrelevant text. Find it and remember it: you will be asked about it at the end.\n\n"
	PasskeyQuestion     = " What is the pass key? The pass key is"
	passkeyNeedle       = " The pass key is %s. Remember it. %s is the pass key."
)

// Counts of needles, after RULER's defaults (num_needle_k=4 i.e. 3
// distractors, num_needle_v=4, num_needle_q=4) and gkamradt's 3-needle
// example.
const (
	multikeyDistractors = 3
	multivalueValues    = 4
	multiqueryKeys      = 4
	multiNeedles        = 3
)

// Value kinds: what an access value looks like.
const (
	KindNumber = "number" // 7 digits, 1000000–9999999 (the default)
	KindWord   = "word"   // an adjective-noun pair such as "amber-lantern"
	KindUUID   = "uuid"   // a lower-case version 4 UUID
)

var kinds = []string{KindNumber, KindWord, KindUUID}

// kindNoun is what the needle calls the value: "The access number for ...".
var kindNoun = map[string]string{KindNumber: "access number", KindWord: "access word", KindUUID: "access code"}

var kindGen = map[string]func(*rand.Rand) string{KindNumber: sevenDigits, KindWord: wordPair, KindUUID: uuid4}

var keyGen = map[string]func(*rand.Rand) string{"": wordPair, KindUUID: uuid4}

var baseNames = []string{"single", "passkey", "multikey", "multivalue", "multiquery", "multi", "none"}

// Names lists the task names accepted by ByName, without value kinds:
// the key–value tasks, then latent and hops (see latent.go, hops.go).
func Names() []string { return append(slices.Clone(baseNames), "latent", "hops") }

// AggregateNames lists the tasks that write their own context and ask
// for what it holds most of (cwe, fwe; see cwe.go, fwe.go), and the task
// set ruler (ruler.go).
func AggregateNames() []string { return []string{"cwe", "fwe", "ruler"} }

// ValueKinds lists the value kinds a task name may carry after a colon.
func ValueKinds() []string { return slices.Clone(kinds) }

// ByName returns the task called name. A name is TASK or TASK:KIND, where
// TASK is one of Names() and KIND one of ValueKinds() (default "number"):
// "single", "multikey:uuid", "multivalue:word". passkey takes no kind: its
// value is always a 5-digit number. Keys are always adjective-noun pairs.
// Name() of the result is canonical: "single:number" comes back as "single".
//
// Needles read " The access number for amber-lantern is 7391204." ("access
// word" / "access code" for the other kinds). What each task hides, and at
// which depth (percent of the haystack):
//   - single: one needle at depth, asked by key.
//   - passkey: llama.cpp's passkey prompt, needle and question, at depth.
//   - multikey: the asked needle at depth plus 3 distractors with other keys
//     at depths drawn uniformly from rng; asked by key, one value expected.
//   - multivalue: 4 needles with one key and 4 values, the first at depth,
//     the others at depths drawn uniformly from rng (as RULER scatters
//     them); all 4 values expected.
//   - multiquery: 4 keys asked at once, their 4 needles all at depth, one
//     after the other, so the cell's depth is where every answer is.
//   - multi: 3 keys at depth + i*(100-depth)/3, i = 0, 1, 2 (gkamradt's
//     multi-needle spread); all asked.
//   - none: no needle (Absent); asks for a key that is nowhere. Its
//     instructions are the same as single's, which tell the model to answer
//     NONE when the text does not give what is asked.
//
// latent[:literal|inverted|distract|2hop] and hops:N[:distract[K]] are
// described in latent.go and hops.go.
func ByName(name string) (Task, error) {
	base, kind, hasKind := strings.Cut(strings.ToLower(strings.TrimSpace(name)), ":")
	switch base {
	case "latent":
		return latentByName(name, kind, hasKind)
	case "hops":
		return hopsByName(name, kind, hasKind)
	case "cwe", "fwe", "ruler":
		_, spec, _ := strings.Cut(strings.TrimSpace(name), ":") // a file name keeps its case
		return aggregateOrSetByName(name, base, spec, hasKind)
	}
	if !slices.Contains(baseNames, base) {
		return nil, fmt.Errorf("%q: unknown task; choose one of %s, optionally with :%s; or latent[:literal|inverted|distract|2hop], hops:N, cwe, fwe, ruler",
			name, strings.Join(baseNames, ", "), strings.Join(kinds, "|"))
	}
	if !hasKind {
		kind = KindNumber
	}
	if !slices.Contains(kinds, kind) {
		return nil, fmt.Errorf("%q: unknown value kind %q; choose one of %s", name, kind, strings.Join(kinds, ", "))
	}
	if base == "passkey" && hasKind && kind != KindNumber {
		return nil, fmt.Errorf("%q: passkey always uses 5-digit numbers and takes no value kind", name)
	}
	return task{base: base, kind: kind}, nil
}

type task struct {
	base string // one of baseNames
	kind string // one of kinds
	keys string // "": adjective-noun keys; KindUUID: UUID keys (ruler's niah_multikey_3)
}

func (t task) Name() string {
	if t.kind == KindNumber {
		return t.base
	}
	return t.base + ":" + t.kind
}

func (t task) DefaultHaystack() string {
	if t.base == "passkey" {
		return "noise"
	}
	return "builtin"
}

// instructions are shared by every task but passkey (per value kind), so
// the none control differs from single only in the missing needle.
func (t task) instructions() string {
	noun := kindNoun[t.kind]
	return "The following text is long and mostly irrelevant. Some of its sentences may give the " + noun +
		" for a key. Read it carefully: at the end you will be asked for one or more of them. Answer with each " +
		noun + " exactly as the text gives it. If the text does not give what is asked, answer NONE.\n\n"
}

func (t task) needle(key, value string) string {
	return " The " + kindNoun[t.kind] + " for " + key + " is " + value + "."
}

func (t task) askOne(key string) string {
	return "\n\nWhat is the " + kindNoun[t.kind] + " for " + key + " in the text above?"
}

func (t task) askAllOf(key string) string {
	return "\n\nWhat are all the " + kindNoun[t.kind] + "s for " + key + " in the text above? List every one."
}

func (t task) askEach(keys []string) string {
	return "\n\nWhat are the " + kindNoun[t.kind] + "s for " + joinAnd(keys) + " in the text above?"
}

// joinAnd writes "a, b and c".
func joinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Make builds one trial; see ByName for what each task hides and where.
func (t task) Make(rng *rand.Rand, depth float64, used func(s string) bool) Instance {
	d := newDrawer(rng, used)
	if t.base == "passkey" {
		n := d.draw(fiveDigits)
		return Instance{
			Instructions: PasskeyInstructions,
			Needles:      []Placement{{Text: fmt.Sprintf(passkeyNeedle, n, n), Depth: depth}},
			Question:     PasskeyQuestion,
			Expected:     []string{n},
		}
	}
	tr := Instance{Instructions: t.instructions()}
	value := func() string { return d.draw(kindGen[t.kind]) }
	key := func() string { return d.draw(keyGen[t.keys]) }
	switch t.base {
	case "single":
		k, v := key(), value()
		tr.Needles = []Placement{{Text: t.needle(k, v), Depth: depth}}
		tr.Question, tr.Expected = t.askOne(k), []string{v}
	case "multikey":
		k, v := key(), value()
		tr.Needles = []Placement{{Text: t.needle(k, v), Depth: depth}}
		for range multikeyDistractors {
			tr.Needles = append(tr.Needles, Placement{Text: t.needle(key(), value()), Depth: 100 * rng.Float64(), Distractor: true})
		}
		tr.Question, tr.Expected = t.askOne(k), []string{v}
	case "multivalue":
		k := key()
		for i := range multivalueValues {
			v, at := value(), depth
			if i > 0 {
				at = 100 * rng.Float64()
			}
			tr.Needles = append(tr.Needles, Placement{Text: t.needle(k, v), Depth: at})
			tr.Expected = append(tr.Expected, v)
		}
		tr.Question = t.askAllOf(k)
	case "multiquery", "multi":
		n, step := multiqueryKeys, 0.0
		if t.base == "multi" {
			n, step = multiNeedles, (100-depth)/multiNeedles
		}
		var keys []string
		for i := range n {
			k, v := key(), value()
			keys = append(keys, k)
			tr.Needles = append(tr.Needles, Placement{Text: t.needle(k, v), Depth: depth + float64(i)*step})
			tr.Expected = append(tr.Expected, v)
		}
		tr.Question = t.askEach(keys)
	case "none":
		tr.Question, tr.Absent = t.askOne(key()), true
	}
	return tr
}
