package stats

import (
	"reflect"
	"testing"

	"niah/results"
)

// Refused trials are invalid, counted among the invalid reasons and apart,
// by the server's own block or stop reason.
func TestRefusedCountsApartByReason(t *testing.T) {
	s := perLength(map[int]float64{4096: 0.5})
	if r := RefusedOf(s); r.Trials != 0 || r.By != nil {
		t.Fatalf("nothing refused, got %+v", r)
	}
	for i, why := range []string{"PROMPT_BLOCKED:SAFETY", "refusal", "refusal"} {
		s.Records[i].Status, s.Records[i].Reason, s.Records[i].FinishReason = results.StatusInvalid, results.ReasonRefused, why
	}
	s.Records[3].Status, s.Records[3].Reason = results.StatusInvalid, results.ReasonTruncated
	s = Summarize(s.Records)[0]
	r := RefusedOf(s)
	if r.Trials != 3 || !reflect.DeepEqual(r.By, map[string]int{"PROMPT_BLOCKED:SAFETY": 1, "refusal": 2}) {
		t.Fatalf("got %+v", r)
	}
	if s.Overall.Invalid != 4 || s.Overall.Refused != 3 || s.Overall.Reasons[results.ReasonRefused] != 3 || s.Overall.Valid != 6 {
		t.Fatalf("tally %+v", s.Overall)
	}
}

// The follow-ups' cost sums what each said: tokens counted, those computed
// (when every confirming one said), prefill and wall time.
func TestLengthChecksSumTheFollowUps(t *testing.T) {
	s := perLength(map[int]float64{4096: 0.5})
	n, computed, ms := 4100, 4, 20.0
	s.Records[0].LengthCheck = &results.LengthCheck{PromptTokens: &n, ComputedTokens: &computed, PrefillMS: &ms, LatencyMS: 300}
	s.Records[1].LengthCheck = &results.LengthCheck{PromptTokens: &n, LatencyMS: 200}
	s.Records[2].LengthCheck = &results.LengthCheck{Error: "HTTP 500", LatencyMS: 50}
	got := LengthChecksOf(Summarize(s.Records)[0])
	want := LengthChecks{Trials: 3, Confirmed: 2, Tokens: 8200, Computed: 4, Known: 1, PrefillMS: 20, Timed: 1, LatencyMS: 550}
	if got != want {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}
