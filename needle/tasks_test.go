package needle

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// allTaskNames is every base task with every kind it accepts, and latent
// and hops in their variants.
func allTaskNames() []string {
	var names []string
	for _, b := range Names() {
		switch b {
		case "passkey":
			names = append(names, b)
			continue
		case "latent":
			names = append(names, "latent", "latent:literal", "latent:inverted", "latent:distract", "latent:2hop")
			continue
		case "hops":
			names = append(names, "hops:1", "hops:4", "hops:3:distract", "hops:2:distract3")
			continue
		}
		for _, k := range ValueKinds() {
			names = append(names, b+":"+k)
		}
	}
	return names
}

func mustTask(t testing.TB, name string) Task {
	t.Helper()
	task, err := ByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return task
}

func TestByNameCanonicalAndErrors(t *testing.T) {
	for in, want := range map[string]string{
		"single": "single", "single:number": "single", "SINGLE:UUID": "single:uuid",
		"multikey:word": "multikey:word", "passkey": "passkey", "passkey:number": "passkey", "none": "none",
	} {
		if got := mustTask(t, in).Name(); got != want {
			t.Errorf("ByName(%q).Name() = %q, want %q", in, got, want)
		}
	}
	for _, bad := range []string{"", "sngle", "single:float", "passkey:uuid", "multi:"} {
		_, err := ByName(bad)
		if err == nil {
			t.Errorf("ByName(%q) accepted", bad)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, fmt.Sprintf("%q", bad)) || strings.Contains(msg, "--") || strings.Contains(msg, "\n") {
			t.Errorf("ByName(%q) error %q should quote the name on one line, naming no flag", bad, msg)
		}
	}
	_, err := ByName("nope")
	for _, n := range Names() {
		if !strings.Contains(err.Error(), n) {
			t.Errorf("error %q does not list %q", err, n)
		}
	}
}

func TestDefaultHaystack(t *testing.T) {
	for _, n := range allTaskNames() {
		want := "builtin"
		if n == "passkey" {
			want = "noise"
		}
		if got := mustTask(t, n).DefaultHaystack(); got != want {
			t.Errorf("%s: DefaultHaystack %q, want %q", n, got, want)
		}
	}
}

func TestPasskeyBytes(t *testing.T) {
	tr := mustTask(t, "passkey").Make(rand.New(rand.NewPCG(7, 7)), 40, nil)
	if tr.Instructions != "There is an important piece of information hidden inside a lot of irrelevant text. Find it and remember it: you will be asked about it at the end.\n\n" {
		t.Errorf("instructions %q", tr.Instructions)
	}
	if tr.Question != " What is the pass key? The pass key is" {
		t.Errorf("question %q", tr.Question)
	}
	n := tr.Expected[0]
	if len(tr.Expected) != 1 || len(n) != 5 || n < "10000" || n > "99999" {
		t.Fatalf("expected %q", tr.Expected)
	}
	want := " The pass key is " + n + ". Remember it. " + n + " is the pass key."
	if len(tr.Needles) != 1 || tr.Needles[0].Text != want || tr.Needles[0].Depth != 40 {
		t.Errorf("needles %+v, want one %q at 40", tr.Needles, want)
	}
}

func TestMakeIsDeterministic(t *testing.T) {
	for _, n := range allTaskNames() {
		task := mustTask(t, n)
		a := task.Make(rand.New(rand.NewPCG(11, 12)), 30, nil)
		b := task.Make(rand.New(rand.NewPCG(11, 12)), 30, nil)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: same seed, different trials:\n%+v\n%+v", n, a, b)
		}
		c := task.Make(rand.New(rand.NewPCG(13, 14)), 30, nil)
		if n != "none:number" && n != "none:word" && n != "none:uuid" && reflect.DeepEqual(a.Expected, c.Expected) {
			t.Errorf("%s: another seed gave the same values %v", n, a.Expected)
		}
	}
}

func TestInstructionsIgnoreKeysAndTrials(t *testing.T) {
	for _, n := range allTaskNames() {
		task := mustTask(t, n)
		first := task.Make(rand.New(rand.NewPCG(1, 1)), 0, nil)
		for seed := range uint64(20) {
			tr := task.Make(rand.New(rand.NewPCG(seed, 99)), float64(seed*5), nil)
			if tr.Instructions != first.Instructions {
				t.Fatalf("%s: instructions differ between trials", n)
			}
			for _, v := range tr.Expected {
				if strings.Contains(tr.Instructions, v) {
					t.Errorf("%s: instructions contain the value %q", n, v)
				}
			}
		}
	}
}

func TestNeedleShapeAndExpectedValues(t *testing.T) {
	wantNeedles := map[string]int{"single": 1, "passkey": 1, "multikey": 4, "multivalue": 4, "multiquery": 4, "multi": 3, "none": 0,
		"latent": 4, "latent:literal": 4, "latent:inverted": 4, "latent:distract": 5, "latent:2hop": 4, "hops:1": 2, "hops:4": 5, "hops:3:distract": 8, "hops:2:distract3": 12}
	wantExpected := map[string]int{"single": 1, "passkey": 1, "multikey": 1, "multivalue": 4, "multiquery": 4, "multi": 3, "none": 0,
		"latent": 1, "latent:literal": 1, "latent:inverted": 1, "latent:distract": 1, "latent:2hop": 1, "hops:1": 2, "hops:4": 5, "hops:3:distract": 4, "hops:2:distract3": 3}
	for _, n := range allTaskNames() {
		base, _, _ := strings.Cut(n, ":")
		if _, ok := wantNeedles[n]; ok {
			base = n
		}
		for seed := range uint64(30) {
			tr := mustTask(t, n).Make(rand.New(rand.NewPCG(seed, 5)), 25, nil)
			if len(tr.Needles) != wantNeedles[base] || len(tr.Expected) != wantExpected[base] {
				t.Fatalf("%s: %d needles, %d expected", n, len(tr.Needles), len(tr.Expected))
			}
			if tr.Absent != (base == "none") {
				t.Errorf("%s: Absent = %v", n, tr.Absent)
			}
			strs := map[string]bool{}
			for _, v := range tr.Expected {
				if strs[v] {
					t.Errorf("%s: value %q repeated", n, v)
				}
				strs[v] = true
				if !askedNeedlesContain(tr, v) {
					t.Errorf("%s: expected %q is in no asked needle %+v", n, v, tr.Needles)
				}
			}
			for _, p := range tr.Needles {
				if !strings.HasPrefix(p.Text, " ") || strings.HasPrefix(p.Text, "  ") || !strings.HasSuffix(p.Text, ".") {
					t.Errorf("%s: needle %q must start with one space and end with a period", n, p.Text)
				}
				if p.Depth < 0 || p.Depth > 100 {
					t.Errorf("%s: depth %v out of range", n, p.Depth)
				}
				if strs[p.Text] {
					t.Errorf("%s: needle %q repeated", n, p.Text)
				}
				strs[p.Text] = true
			}
		}
	}
}

func askedNeedlesContain(tr Instance, v string) bool {
	for _, p := range tr.Needles {
		if !p.Distractor && containsValue(tokens(p.Text), v) {
			return true
		}
	}
	return false
}

func TestDepths(t *testing.T) {
	depths := func(name string, depth float64) []float64 {
		var ds []float64
		for _, p := range mustTask(t, name).Make(rand.New(rand.NewPCG(2, 3)), depth, nil).Needles {
			ds = append(ds, p.Depth)
		}
		return ds
	}
	if got := depths("multi", 40); !reflect.DeepEqual(got, []float64{40, 60, 80}) {
		t.Errorf("multi at 40: %v, want 40 60 80", got)
	}
	if got := depths("multiquery", 70); !reflect.DeepEqual(got, []float64{70, 70, 70, 70}) {
		t.Errorf("multiquery at 70: %v", got)
	}
	tr := mustTask(t, "multikey").Make(rand.New(rand.NewPCG(2, 3)), 10, nil)
	if tr.Needles[0].Depth != 10 || tr.Needles[0].Distractor {
		t.Errorf("multikey: asked needle %+v, want first at 10", tr.Needles[0])
	}
	spread := map[float64]bool{}
	for _, p := range tr.Needles[1:] {
		if !p.Distractor {
			t.Errorf("multikey: %+v should be a distractor", p)
		}
		spread[p.Depth] = true
	}
	if len(spread) != multikeyDistractors {
		t.Errorf("multikey distractor depths not spread: %v", tr.Needles)
	}
}

// TestUsedIsRespected rejects the first candidates of every draw and checks
// none of them reaches the trial.
func TestUsedIsRespected(t *testing.T) {
	for _, n := range allTaskNames() {
		rejected := map[string]bool{}
		used := func(s string) bool {
			if len(rejected) < 6 {
				rejected[s] = true
			}
			return rejected[s]
		}
		tr := mustTask(t, n).Make(rand.New(rand.NewPCG(21, 22)), 50, used)
		if len(rejected) != 6 {
			t.Fatalf("%s: used() saw %d candidates", n, len(rejected))
		}
		all := tr.Question
		for _, p := range tr.Needles {
			all += p.Text
		}
		for s := range rejected {
			if strings.Contains(all, s) {
				t.Errorf("%s: rejected %q still appears in the trial", n, s)
			}
		}
	}
}
