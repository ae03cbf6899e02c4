package needle

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestHopsByName(t *testing.T) {
	for in, want := range map[string]string{
		"hops": "hops:4", "hops:1": "hops:1", "HOPS:7": "hops:7", "hops:3:distract": "hops:3:distract",
		"hops:3:distract1": "hops:3:distract", "hops:2:distract3": "hops:2:distract3",
	} {
		if got := mustTask(t, in).Name(); got != want {
			t.Errorf("ByName(%q).Name() = %q, want %q", in, got, want)
		}
	}
	for _, bad := range []string{"hops:", "hops:0", "hops:21", "hops:x", "hops:3:distract0", "hops:3:distract9", "hops:3:decoy", "hops::distract"} {
		if _, err := ByName(bad); err == nil || !strings.Contains(err.Error(), bad) {
			t.Errorf("ByName(%q) = %v, want an error naming --task", bad, err)
		}
	}
}

var hopsRe = regexp.MustCompile(`^ VAR ([B-DF-HJ-NP-TV-XZ]{5}) = (?:([0-9]{5})|VAR ([B-DF-HJ-NP-TV-XZ]{5}))\.$`)

// TestHopsChain: hops:4 at depth 20 is a value assigned at 20% and four
// copies at 40, 60, 80 and 100%, each copying the one before; all five
// names expected, asked by the value.
func TestHopsChain(t *testing.T) {
	tr := mustTask(t, "hops:4").Make(rand.New(rand.NewPCG(5, 6)), 20, nil)
	if len(tr.Needles) != 5 || len(tr.Expected) != 5 || tr.Others != nil || tr.Exclusive || tr.Absent {
		t.Fatalf("%+v", tr)
	}
	var value string
	for i, p := range tr.Needles {
		m := hopsRe.FindStringSubmatch(p.Text)
		if m == nil || p.Distractor {
			t.Fatalf("needle %d: %+v", i, p)
		}
		if want := 20 + float64(i)*20; p.Depth != want {
			t.Errorf("needle %d at %v, want %v", i, p.Depth, want)
		}
		if m[1] != tr.Expected[i] {
			t.Errorf("needle %d assigns %s, expected[%d] is %s", i, m[1], i, tr.Expected[i])
		}
		switch {
		case i == 0 && m[2] == "":
			t.Errorf("the first assignment gives no number: %q", p.Text)
		case i == 0:
			value = m[2]
		case m[3] != tr.Expected[i-1]:
			t.Errorf("needle %d copies %q, want the previous %s", i, m[3], tr.Expected[i-1])
		}
	}
	if !strings.Contains(tr.Question, " value "+value+" ") {
		t.Errorf("question %q does not ask for %s", tr.Question, value)
	}
	if got := mustTask(t, "hops:4").Make(rand.New(rand.NewPCG(5, 6)), 100, nil); got.Needles[0].Depth != 100 || got.Needles[4].Depth != 100 {
		t.Errorf("at depth 100 every assignment goes at the end: %+v", got.Needles)
	}
}

// TestHopsDistractorChainsInterleave: each distractor chain has its own
// value and names, and its i-th assignment lies between the asked chain's
// i-th and (i+1)-th.
func TestHopsDistractorChainsInterleave(t *testing.T) {
	tr := mustTask(t, "hops:3:distract2").Make(rand.New(rand.NewPCG(8, 8)), 10, nil)
	if len(tr.Needles) != 12 || len(tr.Expected) != 4 || len(tr.Others) != 8 {
		t.Fatalf("%d needles, %d expected, %d others", len(tr.Needles), len(tr.Expected), len(tr.Others))
	}
	values := map[string]bool{}
	for i, p := range tr.Needles {
		m := hopsRe.FindStringSubmatch(p.Text)
		if m == nil {
			t.Fatalf("needle %q", p.Text)
		}
		if m[2] != "" {
			values[m[2]] = true
		}
		// Asked hops at 10, 40, 70, 100; chain k of 2 a third of the way
		// further per k, none past the end.
		hop, k := i/3, i%3
		if want := min(100, 10+float64(hop)*30+float64(k)*10); (k == 0) == p.Distractor || p.Depth != want {
			t.Errorf("needle %d (hop %d, chain %d): %+v, want depth %v", i, hop, k, p, want)
		}
		if k > 0 && !slices.Contains(tr.Others, m[1]) || k == 0 && !slices.Contains(tr.Expected, m[1]) {
			t.Errorf("needle %d names %s outside its chain", i, m[1])
		}
	}
	if len(values) != 3 {
		t.Errorf("the three chains should hold three values: %v", values)
	}
	for _, o := range tr.Others {
		if slices.Contains(tr.Expected, o) {
			t.Errorf("%s is in both chains", o)
		}
	}
}

// TestSolveHopsIgnoresDistractorChains: the oracle follows only the asked
// chain, and the grade of its answer has no extra name.
func TestSolveHopsIgnoresDistractorChains(t *testing.T) {
	for seed := range uint64(20) {
		tr := mustTask(t, "hops:5:distract3").Make(rand.New(rand.NewPCG(seed, 4)), float64(seed*5), nil)
		answer, offsets := Solve(assemble(tr, proseFiller, 60))
		r := GradeInstance(answer, tr)
		if !r.Correct || r.Score != 1 || r.Extra != nil || len(offsets) != 6 {
			t.Fatalf("seed %d: %q graded %+v, %d offsets", seed, answer, r, len(offsets))
		}
	}
}

func TestGradeHops(t *testing.T) {
	tr := Instance{Expected: []string{"QXKZP", "HJWDT", "MNBVC"}, Others: []string{"RSTLN", "GHJKL"}}
	cases := []struct {
		name, answer string
		score        float64
		extra        []string
	}{
		{"all", "QXKZP, HJWDT, MNBVC", 1, nil},
		{"list", "- `QXKZP`\n- `HJWDT`\n- `MNBVC`", 1, nil},
		{"lower-case, any order", "mnbvc hjwdt qxkzp", 1, nil},
		{"two of three", "QXKZP and HJWDT", 2.0 / 3, nil},
		{"one of three", "QXKZP", 1.0 / 3, nil},
		{"with extra names", "QXKZP, HJWDT, MNBVC, RSTLN", 3.0 / 4, []string{"RSTLN"}},
		{"partial with extras", "QXKZP, RSTLN, GHJKL", 1.0 / 5, []string{"RSTLN", "GHJKL"}},
		{"only the wrong chain", "RSTLN, GHJKL", 0, []string{"RSTLN", "GHJKL"}},
		{"embedded in another word", "QXKZPA, XHJWDT, MNBVCS", 0, nil},
		{"glued together", "QXKZPHJWDTMNBVC", 0, nil},
		{"reasoning names the wrong chain", "<think>RSTLN = 12345? no.</think>QXKZP, HJWDT, MNBVC", 1, nil},
		{"dont know", "I don't know.", 0, nil},
		{"empty", "", 0, nil},
	}
	for _, c := range cases {
		r := GradeInstance(c.answer, tr)
		if r.Score != c.score || r.Correct != (c.score == 1 && c.extra == nil) || !slices.Equal(r.Extra, c.extra) {
			t.Errorf("%s: GradeInstance(%q) = score %v correct %v extra %v; want %v %v", c.name, c.answer, r.Score, r.Correct, r.Extra, c.score, c.extra)
		}
	}
}
