package stats

import (
	"testing"

	"niah/internal/recordtest"
	"niah/results"
)

func TestExpectationsNameEachLabel(t *testing.T) {
	depths := []float64{50}
	good := recordtest.Grid("good", []int{4096, 8192, 16384, 32768, 65536}, depths, 2, func(int, float64, int) float64 { return 1 })
	bad := recordtest.Grid("bad", []int{4096, 8192}, depths, 2, func(int, float64, int) float64 { return 0 })
	sums := Summarize(append(good, bad...))
	xs := Criteria{Threshold: 0.9}.Expectations(sums, 32768)
	want := []Expectation{{Label: "good", Got: 65536, Want: 32768, Threshold: 0.9}, {Label: "bad", Got: 0, Want: 32768, Threshold: 0.9}}
	if len(xs) != 2 || xs[0] != want[0] || xs[1] != want[1] {
		t.Fatalf("expectations %+v, want %+v", xs, want)
	}
	if !xs[0].Met() || xs[1].Met() {
		t.Errorf("good reaches 32K and bad does not: met %v, %v", xs[0].Met(), xs[1].Met())
	}
	if x := (Criteria{}).Expectations(sums[1:], 0)[0]; !x.Met() {
		t.Errorf("nothing expected is always met: %+v", x)
	}
}

// The claimed context has one rule: --claimed for every label, else the
// manifest's claim, else the server's window, else unknown.
func TestClaimsOfResolvesEachLabelOnce(t *testing.T) {
	recs := append(recordtest.Grid("a", []int{4096}, []float64{50}, 2, func(int, float64, int) float64 { return 1 }),
		recordtest.Grid("b", []int{4096}, []float64{50}, 2, func(int, float64, int) float64 { return 1 })...)
	recs = append(recs, recordtest.Grid("c", []int{4096}, []float64{50}, 1, func(int, float64, int) float64 { return 1 })...)
	recs = append(recs, results.Record{Model: "ollama:x", Length: 4096, Status: results.StatusOK}) // no label: its spec
	m := &results.Manifest{Models: []results.ModelInfo{
		{Label: "a", Claimed: 8192, ContextLength: 4096},
		{Label: "b", ContextLength: 16384},
		{Label: "other", Spec: "ollama:x", ContextLength: 2048},
	}}
	got := ClaimsOf(0, m, recs)
	want := Claims{"a": 8192, "b": 16384, "ollama:x": 2048}
	if len(got) != len(want) {
		t.Fatalf("claims %v, want %v (c is unknown)", got, want)
	}
	for l, n := range want {
		if got[l] != n {
			t.Errorf("claims %v, want %v", got, want)
		}
	}
	for _, l := range []string{"a", "b", "c", "ollama:x"} {
		if n := ClaimsOf(1<<20, m, recs)[l]; n != 1<<20 {
			t.Errorf("--claimed holds for every label: %s has %d", l, n)
		}
	}
	if c := ClaimsOf(0, nil, recs); len(c) != 0 {
		t.Errorf("no manifest, no flag: %v, want no claim", c)
	}
}
