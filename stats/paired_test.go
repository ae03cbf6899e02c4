package stats

import (
	"fmt"
	"testing"

	"niah/results"
)

// run makes the records of one label on lengths × depths × trials, with
// ids as runner.TrialID writes them (label|task/length/depth/trial/seed);
// right(l, d, t) says whether a trial is correct, status(l, d, t) its
// status ("" for ok).
func run(label string, lengths []int, depths []float64, trials int, right func(l int, d float64, t int) bool,
	status func(l int, d float64, t int) results.Status) []results.Record {
	var out []results.Record
	for _, l := range lengths {
		for _, d := range depths {
			for tr := 0; tr < trials; tr++ {
				r := results.Record{ID: fmt.Sprintf("%s|single/%d/d%g/t%d/s42", label, l, d, tr), Label: label, Task: "single",
					Length: l, Depth: d, Trial: tr, Status: results.StatusOK, Answer: fmt.Sprintf("the value is %d", l+tr)}
				if status != nil && status(l, d, tr) != "" {
					r.Status, r.Answer = status(l, d, tr), ""
				} else if right(l, d, tr) {
					r.Score, r.Correct = 1, true
				} else {
					r.Answer = "I could not find it."
				}
				out = append(out, r)
			}
		}
	}
	return out
}

func TestPairKeyDropsTheLabel(t *testing.T) {
	for id, want := range map[string]string{
		"niah-ref|passkey/2048/d100/t0/s42":   "passkey/2048/d100/t0/s42",
		"a|b|single/4096/d50/t1/s1":           "single/4096/d50/t1/s1", // a label holding "|"
		"single/4096/d50/t1/s1":               "single/4096/d50/t1/s1",
		"ollama:qwen3:8b|multikey/1/d0/t0/s5": "multikey/1/d0/t0/s5",
	} {
		if got := PairKey(&results.Record{ID: id}); got != want {
			t.Errorf("PairKey(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestPairCountsTablesPerLengthAndOverall(t *testing.T) {
	lengths, depths := []int{4096, 8192}, []float64{0, 50, 100}
	// A: right everywhere at 4K, right only at depth 0 at 8K.
	a := run("a", lengths, depths, 2, func(l int, d float64, _ int) bool { return l == 4096 || d == 0 }, nil)
	// B: right everywhere but trial 1 at 4K depth 50; one 8K trial invalid;
	// and one more length A never ran.
	b := run("b", append(lengths, 16384), depths, 2, func(l int, d float64, tr int) bool {
		return !(l == 4096 && d == 50 && tr == 1)
	}, func(l int, d float64, tr int) results.Status {
		if l == 8192 && d == 100 && tr == 0 {
			return results.StatusInvalid
		}
		return ""
	})
	p := Pair(Summarize(a)[0], Summarize(b)[0])
	if p.Matched != 12 || p.Excluded != 1 || p.OnlyB != 6 || p.OnlyA != 0 {
		t.Fatalf("matched %d excluded %d onlyA %d onlyB %d, want 12, 1, 0, 6", p.Matched, p.Excluded, p.OnlyA, p.OnlyB)
	}
	if len(p.PerLength) != 2 {
		t.Fatalf("per length %+v, want 4K and 8K", p.PerLength)
	}
	at4, at8 := p.PerLength[0], p.PerLength[1]
	if at4.Length != 4096 || at4.PairTable != (PairTable{Both: 5, OnlyA: 1}) || at4.Cells != 3 {
		t.Errorf("4K: %+v", at4)
	}
	// 8K: depth 0 both right (2); depths 50 and 100 only B (4, less the invalid one).
	if at8.PairTable != (PairTable{Both: 2, OnlyB: 3}) || at8.Cells != 3 {
		t.Errorf("8K: %+v", at8.PairTable)
	}
	if p.Overall.PairTable != (PairTable{Both: 7, OnlyA: 1, OnlyB: 3}) || p.Overall.Cells != 6 {
		t.Errorf("overall: %+v", p.Overall.PairTable)
	}
	if p.Overall.P != McNemarExact(1, 3) || p.Overall.PAdj != p.Overall.P {
		t.Errorf("overall p %v (adjusted %v), want %v unadjusted", p.Overall.P, p.Overall.PAdj, McNemarExact(1, 3))
	}
	if d := p.Overall.Diff; d != 2.0/11 {
		t.Errorf("B − A = %v, want 2/11", d)
	}
	if p.Overall.Significant() || !p.Overall.DetectOK || p.Overall.Needed == 0 || p.Overall.NeededPerCell != (p.Overall.Needed+5)/6 {
		t.Errorf("power: %+v", p.Overall)
	}
	if p.Same.Identical() || p.Same.WordsOnly() {
		t.Errorf("the answers and scores differ: %+v", p.Same)
	}
}

func TestSameness(t *testing.T) {
	lengths, depths := []int{2048, 4096}, []float64{0, 100}
	right := func(l int, _ float64, _ int) bool { return l == 2048 }
	a := run("f16", lengths, depths, 1, right, nil)
	b := run("q8_0", lengths, depths, 1, right, nil)
	p := Pair(Summarize(a)[0], Summarize(b)[0])
	if !p.Same.Identical() || p.Same.Matched != 4 {
		t.Errorf("same answers: %+v", p.Same)
	}
	if p.Overall.Discordant() != 0 || p.Overall.P != 1 {
		t.Errorf("nothing discordant: %+v", p.Overall)
	}
	b[3].Answer = "The value is 4096."
	b[3].Reasoning = "thinking"
	if p := Pair(Summarize(a)[0], Summarize(b)[0]); p.Same.Identical() || !p.Same.WordsOnly() || p.Same.SameAnswer != 3 {
		t.Errorf("one answer differs, no score: %+v", p.Same)
	}
	b[3].Score, b[3].Correct = 1, true
	if p := Pair(Summarize(a)[0], Summarize(b)[0]); p.Same.WordsOnly() || p.Same.SameScore != 3 {
		t.Errorf("a score differs too: %+v", p.Same)
	}
	other := run("x", []int{1 << 20}, depths, 1, right, nil)
	if p := Pair(Summarize(a)[0], Summarize(other)[0]); p.Matched != 0 || p.Same.Identical() || p.Overall.N() != 0 {
		t.Errorf("no shared id: %+v", p)
	}
}

func TestAdjustHolmPerFamily(t *testing.T) {
	base := run("base", []int{4096}, []float64{0, 50, 100}, 4, func(int, float64, int) bool { return true }, nil)
	var ps []*Paired
	for i, wrong := range []int{0, 6, 12} { // how many of B's 12 trials fail
		b := run(fmt.Sprint("v", i), []int{4096}, []float64{0, 50, 100}, 4, func(_ int, d float64, tr int) bool {
			return int(d/50)*4+tr >= wrong
		}, nil)
		ps = append(ps, Pair(Summarize(base)[0], Summarize(b)[0]))
	}
	AdjustHolm(ps)
	raw := []float64{1, McNemarExact(6, 0), McNemarExact(12, 0)}
	want := Holm(raw)
	for i, p := range ps {
		if p.Overall.P != raw[i] || p.Overall.PAdj != want[i] || p.PerLength[0].PAdj != want[i] {
			t.Errorf("comparison %d: p %v adjusted %v (length %v), want %v → %v", i, p.Overall.P, p.Overall.PAdj, p.PerLength[0].PAdj, raw[i], want[i])
		}
	}
	// 6 failures alone: p = 1/32; with three comparisons, × 2 = 1/16.
	if ps[1].Overall.Significant() || !ps[2].Overall.Significant() {
		t.Errorf("after Holm, 6 one-way pairs of 3 comparisons are not significant, 12 are: %v %v", ps[1].Overall.PAdj, ps[2].Overall.PAdj)
	}
}
