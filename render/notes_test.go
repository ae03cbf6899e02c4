package render

import (
	"testing"

	"niah/stats"
)

func TestRefusedNote(t *testing.T) {
	if n := refusedNote(stats.Refused{}); n != "" {
		t.Errorf("nothing refused, got %q", n)
	}
	got := refusedNote(stats.Refused{Trials: 3, By: map[string]int{"refusal": 2, "PROMPT_BLOCKED:SAFETY": 1}})
	want := "refused: 3 trials were blocked by the API or declined by the model (PROMPT_BLOCKED:SAFETY 1, refusal 2); they measured no retrieval and are left out of accuracy"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
