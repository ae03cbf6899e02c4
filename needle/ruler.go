package needle

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Member is one task of a set: its name in the set's reports and records,
// the task, and the haystack it runs on (a corpus name, or one of the
// haystacks this package writes: see Haystack).
type Member struct {
	Name     string
	Task     Task
	Haystack string
}

// Set is a task made of several tasks, each on its own haystack, run
// together: ruler. Its members are what is sent; the set's own Make draws
// its first member's trial.
type Set interface {
	Task
	Members() []Member
}

// rulerSet is RULER's synthetic set in niah's tasks, with RULER's names
// (scripts/synthetic.yaml):
//   - niah_single_1: single, number values, on noise;
//   - niah_single_2: single, number values, on prose;
//   - niah_single_3: single, UUID values, on prose;
//   - niah_multikey_1: multikey (3 distractor needles), on prose;
//   - niah_multikey_2: single, on a haystack of needles (word keys, number values);
//   - niah_multikey_3: single with UUID keys and values, on a haystack of such needles;
//   - niah_multivalue: multivalue (4 values), on prose;
//   - niah_multiquery: multiquery (4 keys), on prose;
//   - vt: variable tracking, hops:4 (1 chain, 4 hops), on noise;
//   - cwe, fwe: the aggregation tasks (cwe.go, fwe.go);
//   - qa_1 (SQuAD) or qa_2 (HotpotQA): with ruler:qa=FILE (qa.go).
type rulerSet struct {
	qa *qaTask // nil without ruler:qa=FILE
}

func (rulerSet) Name() string            { return "ruler" }
func (rulerSet) DefaultHaystack() string { return "builtin" }

func (s rulerSet) Make(rng *rand.Rand, depth float64, used func(string) bool) Instance {
	return s.Members()[0].Task.Make(rng, depth, used)
}

func (s rulerSet) Members() []Member {
	m := []Member{
		member("niah_single_1", task{base: "single", kind: KindNumber}, "noise"),
		member("niah_single_2", task{base: "single", kind: KindNumber}, "builtin"),
		member("niah_single_3", task{base: "single", kind: KindUUID}, "builtin"),
		member("niah_multikey_1", task{base: "multikey", kind: KindNumber}, "builtin"),
		member("niah_multikey_2", task{base: "single", kind: KindNumber}, NeedlesHaystack),
		member("niah_multikey_3", task{base: "single", kind: KindUUID, keys: KindUUID}, NeedlesHaystackUUID),
		member("niah_multivalue", task{base: "multivalue", kind: KindNumber}, "builtin"),
		member("niah_multiquery", task{base: "multiquery", kind: KindNumber}, "builtin"),
		member("vt", hopsTask{hops: defaultHops}, "noise"),
		member("cwe", cweTask{}, "builtin"),
		member("fwe", fweTask{}, "builtin"),
	}
	if s.qa != nil {
		m = append(m, member(s.qa.rulerName(), *s.qa, "builtin"))
	}
	return m
}

// member names a task for a set: its records carry the set's name, and
// its trials are drawn apart from those of the same task elsewhere.
func member(name string, t Task, haystack string) Member {
	n := named{Task: t, name: name, haystack: haystack}
	if c, ok := t.(Composer); ok {
		return Member{Name: name, Task: namedComposer{named: n, c: c}, Haystack: haystack}
	}
	return Member{Name: name, Task: n, Haystack: haystack}
}

type named struct {
	Task
	name, haystack string
}

func (n named) Name() string            { return n.name }
func (n named) SeedName() string        { return n.name }
func (n named) DefaultHaystack() string { return n.haystack }
func (n named) Depthless() bool         { return Depthless(n.Task) }

// MaterialOf names what a task's context is made of when it is not a
// haystack (the QA file of ruler:qa=FILE) and fingerprints it, for the
// manifest; ok is false for every other task.
func MaterialOf(t Task) (name, hash string, ok bool) {
	if n, is := t.(namedComposer); is {
		t = n.c
	}
	if m, is := t.(interface{ Material() (string, string) }); is {
		name, hash = m.Material()
		return name, hash, true
	}
	return "", "", false
}

type namedComposer struct {
	named
	c Composer
}

func (n namedComposer) Compose(rng *rand.Rand, depth float64, length int) Composition {
	return n.c.Compose(rng, depth, length)
}

// rulerByName reads ruler and ruler:qa=FILE.
func rulerByName(name, spec string, hasSpec bool) (Task, error) {
	if !hasSpec {
		return rulerSet{}, nil
	}
	file, ok := strings.CutPrefix(spec, "qa=")
	if !ok || strings.TrimSpace(file) == "" {
		return nil, fmt.Errorf("%q: ruler takes qa=FILE, a SQuAD or HotpotQA JSON file, e.g. ruler:qa=dev-v2.0.json", name)
	}
	qa, err := LoadQA(file)
	if err != nil {
		return nil, err
	}
	return rulerSet{qa: qa}, nil
}
