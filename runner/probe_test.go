package runner

import (
	"context"
	"testing"

	"niah/corpora"
	"niah/haystack"
	"niah/needle"
	"niah/provider"
	"niah/results"
)

func probePrompter(t *testing.T) *Prompter {
	t.Helper()
	task, _ := needle.ByName("single")
	pr, err := NewPrompter(task, corpora.Builtin(0), haystack.Sim(), 1, 40000, testCache)
	if err != nil {
		t.Fatal(err)
	}
	return pr
}

func TestProbeOutcomes(t *testing.T) {
	const window = 8192
	pr := probePrompter(t)
	reject := &fakeClient{respond: func(_ string, n int) (provider.Response, error) {
		if n > window {
			return provider.Response{}, &provider.Error{Reason: results.ReasonContextExceeded, Message: "too long"}
		}
		return provider.Response{PromptTokens: &n}, nil
	}}
	// A server that keeps the head (as SGLang's auto-truncate does) and
	// reports cached tokens: the repeat of the head is a cache hit.
	var lastHead string
	keepHead := &fakeClient{respond: func(prompt string, n int) (provider.Response, error) {
		seen := min(n, window)
		cached := 0
		if lastHead != "" && len(prompt) <= len(lastHead) && lastHead[:len(prompt)] == prompt {
			cached = n
		}
		lastHead = prompt
		return provider.Response{PromptTokens: &seen, CachedTokens: &cached}, nil
	}}
	accept := &fakeClient{}

	r, err := Probe(context.Background(), reject, pr, window, 0)
	if err != nil || r.Outcome != ProbeRejects || r.Limit <= window {
		t.Errorf("rejecting server: %+v %v", r, err)
	}
	r, err = Probe(context.Background(), keepHead, pr, window, 0)
	if err != nil || r.Outcome != ProbeCuts || r.Limit != window || r.HeadKept == nil || !*r.HeadKept {
		t.Errorf("head-keeping server: %+v %v", r, err)
	}
	// No context reported: the 1K, 2K, ... ladder up to max.
	r, err = Probe(context.Background(), accept, pr, 0, 8192)
	if err != nil || r.Outcome != ProbeAccepts || len(r.Steps) != 4 {
		t.Errorf("accepting server: %+v %v", r, err)
	}
	// The ladder's prompts land near, not exactly on, each power of two:
	// a window between steps makes the test independent of the haystack.
	reject6k := &fakeClient{respond: func(_ string, n int) (provider.Response, error) {
		if n > 6000 {
			return provider.Response{}, &provider.Error{Reason: results.ReasonContextExceeded, Message: "too long"}
		}
		return provider.Response{PromptTokens: &n}, nil
	}}
	r, err = Probe(context.Background(), reject6k, pr, 0, 32768)
	if err != nil || r.Outcome != ProbeRejects || len(r.Steps) != 4 {
		t.Errorf("ladder should stop at the first rejection (8K): %+v %v", r, err)
	}
}
