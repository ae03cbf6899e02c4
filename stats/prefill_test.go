package stats

import (
	"testing"

	"niah/results"
)

func ip(n int) *int { return &n }

// Three prompts share a 100-token spine up to their first needles (at 40,
// 70 and 100) and differ after: the tree has 100 + (200-40) + (300-70) +
// (300-100) = 690 distinct tokens.
func TestPrefillBoundIsThePrefixTree(t *testing.T) {
	ms := 12.5
	recs := []results.Record{
		{Label: "m", PromptTokens: 200, SharedPrefixTokens: 40, PromptTokensServer: ip(200), ComputedTokens: ip(200), PrefillMS: &ms},
		{Label: "m", PromptTokens: 300, SharedPrefixTokens: 70, PromptTokensServer: ip(300), ComputedTokens: ip(260)},
		{Label: "m", PromptTokens: 300, SharedPrefixTokens: 100, PromptTokensServer: ip(300), ComputedTokens: ip(230)},
		{Label: "m", PromptTokens: 300, SharedPrefixTokens: 100}, // never answered: not sent
	}
	p := PrefillOf(recs)
	if p.Bound != 690 || p.Sent != 800 || p.Computed != 690 || p.Reused != 110 || p.Timed != 1 || p.PrefillMS != 12.5 {
		t.Fatalf("%+v", p)
	}
	if p.Ratio() != 1 {
		t.Errorf("ratio %v", p.Ratio())
	}
	// A second model caches on its own: its spine counts again.
	recs = append(recs, results.Record{Label: "n", PromptTokens: 200, SharedPrefixTokens: 40, PromptTokensServer: ip(200)})
	if p := PrefillOf(recs); p.Bound != 690+200 || p.Ratio() != 0 {
		t.Errorf("two models: %+v ratio %v (one trial without a computed count makes the ratio unknown)", p, p.Ratio())
	}
}

// The tree a plan sums from its prompts (length and offset to the first
// needle) is the bound a run reports from its records.
func TestPrefixTreeIsTheBound(t *testing.T) {
	var tree PrefixTree
	for _, p := range []struct{ tokens, shared int }{{200, 40}, {300, 70}, {300, 100}, {50, 80}} {
		tree.Add(p.tokens, p.shared) // a shared prefix longer than the prompt counts as the prompt
	}
	if got := tree.Tokens(); got != 100+(200-40)+(300-70)+(300-100)+0 {
		t.Errorf("tree %d, want 690", got)
	}
}

func TestPrefillRate(t *testing.T) {
	ms := func(v float64) *float64 { return &v }
	recs := []results.Record{
		{Model: "llamacpp:any", PromptTokensServer: ip(4000), ComputedTokens: ip(1000), PrefillMS: ms(500)},
		{Model: "llamacpp:any", PromptTokensServer: ip(4000), ComputedTokens: ip(3000), PrefillMS: ms(1500)},
		{Model: "llamacpp:any", PromptTokensServer: ip(4000), PrefillMS: ms(0)}, // untimed: not counted
		{Model: "other", PromptTokensServer: ip(10), ComputedTokens: ip(10), PrefillMS: ms(1)},
	}
	var r PrefillRate
	if !r.Add(recs, "llamacpp:any") || r.Trials != 2 {
		t.Fatalf("%+v: want 2 timed trials", r)
	}
	if rate, upper := r.PerSecond(); rate != 2000 || upper {
		t.Errorf("%v tok/s (upper %v), want 4000 computed in 2 s", rate, upper)
	}
	// A trial without a computed count: prompt tokens over all the time,
	// flagged as an upper bound.
	r.Add([]results.Record{{Label: "llamacpp:any", PromptTokensServer: ip(4000), PrefillMS: ms(2000)}}, "llamacpp:any")
	if rate, upper := r.PerSecond(); rate != 3000 || !upper || r.Trials != 3 {
		t.Errorf("%v tok/s (upper %v) over %d, want 12000 sent in 4 s, an upper bound", rate, upper, r.Trials)
	}
	var none PrefillRate
	if none.Add(recs, "nobody") || none.Trials != 0 {
		t.Error("a model never run has no rate")
	}
	if rate, _ := none.PerSecond(); rate != 0 {
		t.Errorf("no trial: %v tok/s", rate)
	}
}

func TestSpendAgainstTheFullGrid(t *testing.T) {
	m := &results.Manifest{Lengths: []int{1000, 2000}, Depths: []float64{0, 50, 100}, Trials: 2, Models: make([]results.ModelInfo, 2)}
	recs := []results.Record{{PromptTokens: 1000}, {PromptTokens: 2000}, {PromptTokens: 1500}}
	s := SpendOf(recs, m)
	if s != (Spend{Trials: 3, Spent: 4500, Full: (1000 + 2000) * 3 * 2 * 2}) || s.Percent() != 12.5 {
		t.Errorf("%+v (%v%%), want 4,500 of 36,000 (12.5%%)", s, s.Percent())
	}
}
