package sim

import (
	"context"
	"errors"
	"strings"
	"testing"

	"niah/haystack"
	"niah/provider"
	"niah/results"
)

// The simulation counts its window as a server does: the prompt and the
// answer budget together. A prompt of W − budget tokens fits a window of
// W; one token more is rejected as too long, unless truncation is asked
// for, and then the prompt is cut to what fits beside the answer.
func TestSimWindowHoldsPromptAndAnswerBudget(t *testing.T) {
	spec, _ := provider.ParseSpec("sim:1k")
	c, err := Open(spec)
	if err != nil {
		t.Fatal(err)
	}
	const budget = 100
	words := func(n int) string { return strings.TrimSpace(strings.Repeat(" word", n)) }
	send := func(n int, opts map[string]string) (provider.Response, error) {
		text := words(n)
		if got := haystack.SimCount(text); got != n {
			t.Fatalf("a prompt of %d words counts %d sim tokens", n, got)
		}
		return c.Complete(context.Background(), provider.Request{Messages: []results.Message{{Role: "user", Content: text}},
			MaxTokens: budget, Options: opts})
	}
	if _, err := send(1024-budget, nil); err != nil {
		t.Errorf("a prompt of window − budget tokens must fit: %v", err)
	}
	_, err = send(1024-budget+1, nil)
	var pe *provider.Error
	if !errors.As(err, &pe) || pe.Reason != results.ReasonContextExceeded || !strings.Contains(pe.Message, "answer budget (100)") {
		t.Errorf("one token over the prompt's share: %v", err)
	}
	resp, err := send(2000, map[string]string{"truncate": "true"})
	if err != nil || resp.PromptTokens == nil || *resp.PromptTokens+budget > 1024+8 {
		t.Errorf("a cut prompt must leave room for the answer: %v %v", err, resp.PromptTokens)
	}
}
