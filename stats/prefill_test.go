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
