package render

import (
	"testing"

	"niah/stats"
)

func TestRefusedAndFollowUpNotes(t *testing.T) {
	if n := refusedNote(stats.Refused{}); n != "" {
		t.Errorf("nothing refused, got %q", n)
	}
	got := refusedNote(stats.Refused{Trials: 3, By: map[string]int{"refusal": 2, "PROMPT_BLOCKED:SAFETY": 1}})
	want := "refused: 3 trials were blocked by the API or declined by the model (PROMPT_BLOCKED:SAFETY 1, refusal 2); they measured no retrieval and are left out of accuracy"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if n := lengthCheckNote(stats.LengthChecks{}); n != "" {
		t.Errorf("no follow-up, got %q", n)
	}
	got = lengthCheckNote(stats.LengthChecks{Trials: 3, Confirmed: 2, Tokens: 8200, Computed: 4, Known: 2, PrefillMS: 20, Timed: 1, LatencyMS: 550})
	want = "length checked by a one-token follow-up: 3 answers carried no prompt count (e.g. a repetition abort); the server counted 2 of their prompts again; " +
		"the follow-ups cost 8,200 prompt tokens (4 computed, the rest from its cache), 20 ms of server prefill and 550 ms in all"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
