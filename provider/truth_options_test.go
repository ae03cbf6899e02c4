package provider

import (
	"context"
	"strings"
	"testing"
)

// TestThinkingBudgetRefusedWhereNoAPITakesIt: --option thinking_budget on
// an OpenAI-compatible server or Ollama's native API is refused before
// anything is sent, pointing to reasoning_effort or the server's own
// field; the hosted APIs that take a budget still take it.
func TestThinkingBudgetRefusedWhereNoAPITakesIt(t *testing.T) {
	t.Setenv("OPENAI_API_KEY", "ok-test-key")
	t.Setenv("ANTHROPIC_API_KEY", "ak-test-key")
	t.Setenv("GEMINI_API_KEY", "gk-test-key")
	f := newFake(t, map[string][]scripted{})
	for _, c := range []struct{ spec, suffix, points string }{
		{"openai:gpt-4.1", "/v1", "reasoning_effort"},
		{"vllm:m", "/v1", "thinking_token_budget"},
		{"sglang:m", "/v1", `chat_template_kwargs='{"thinking_budget":N}'`},
		{"llamacpp:any", "/v1", "--reasoning-budget"},
		{"lmstudio:m", "/v1", "reasoning_effort"},
		{"ollama:q", "", "think="},
	} {
		cl := client(t, c.spec, f.URL+c.suffix, Options{})
		req := Request{Messages: userMsg, MaxTokens: 64, Options: map[string]string{"thinking_budget": "1024"}}
		err := CheckRequest(cl, req)
		if err == nil || !strings.HasPrefix(err.Error(), "--option thinking_budget: ") || !strings.Contains(err.Error(), c.points) || strings.Contains(err.Error(), "\n") {
			t.Fatalf("%s: %v, want one line pointing to %s", c.spec, err, c.points)
		}
		if _, err := cl.Complete(context.Background(), req); err == nil {
			t.Fatalf("%s: the request was built", c.spec)
		}
	}
	if n := len(f.reqs); n != 0 {
		t.Fatalf("%d requests were sent", n)
	}
	for _, spec := range []string{"anthropic:c", "gemini:g"} {
		cl := client(t, spec, f.URL, Options{})
		if err := CheckRequest(cl, Request{Messages: userMsg, MaxTokens: 4096, Options: map[string]string{"thinking_budget": "1024"}}); err != nil {
			t.Fatalf("%s takes a thinking budget: %v", spec, err)
		}
	}
}

// TestAnthropicBetaOnEveryRequest: the run's --option anthropic-beta goes
// on every request to the API (the models lookup, count_tokens and the
// messages), with ?beta=true, as the official SDK sends its beta calls;
// the context the server reports is then the beta's.
func TestAnthropicBetaOnEveryRequest(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "ak-test-key")
	const beta = "context-1m-2025-08-07"
	f := newFake(t, map[string][]scripted{
		"GET /v1/models/claude-x":        {{body: `{"id":"claude-x","type":"model","max_input_tokens":1000000,"max_tokens":64000}`}},
		"POST /v1/messages/count_tokens": {{body: `{"input_tokens":12}`}},
		"POST /v1/messages":              {{body: anthropicReply}},
	})
	opts := map[string]string{"anthropic-beta": beta}
	c := client(t, "anthropic:claude-x", f.URL, Options{RequestOptions: opts})
	info, err := c.Info(context.Background())
	if err != nil || info.ContextLength != 1000000 {
		t.Fatalf("%+v %v", info, err)
	}
	if _, err := c.(Tokenizing).CountTokens(context.Background(), "hello"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 32, Options: opts}); err != nil {
		t.Fatal(err)
	}
	if len(f.reqs) != 3 {
		t.Fatalf("%d requests", len(f.reqs))
	}
	for _, r := range f.reqs {
		if r.Header.Get("anthropic-beta") != beta || r.Query != "beta=true" {
			t.Errorf("%s %s?%s went with anthropic-beta %q", r.Method, r.Path, r.Query, r.Header.Get("anthropic-beta"))
		}
		if _, ok := r.Body["anthropic-beta"]; ok {
			t.Errorf("%s: the beta went into the body", r.Path)
		}
	}
	// With no beta, nothing changes: no header, no query.
	plain := client(t, "anthropic:claude-x", f.URL, Options{})
	if _, err := plain.Info(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r := f.reqs[len(f.reqs)-1]; r.Header.Get("anthropic-beta") != "" || r.Query != "" {
		t.Errorf("a run with no beta sent %q ?%s", r.Header.Get("anthropic-beta"), r.Query)
	}
}

// OneToken asks for one answer token whatever option set the budget, and
// keeps every other option.
func TestOneTokenLeavesOutOtherBudgets(t *testing.T) {
	req := Request{Messages: userMsg, MaxTokens: 512, Stream: 3, Options: map[string]string{
		"num_predict": "512", "max_completion_tokens": "512", "maxOutputTokens": "512", "num_ctx": "8192", "think": "false"}}
	got := OneToken(req)
	if got.MaxTokens != 1 || got.Stream != 3 || len(got.Options) != 2 || got.Options["num_ctx"] != "8192" || got.Options["think"] != "false" {
		t.Fatalf("%+v", got)
	}
	if len(req.Options) != 5 || req.MaxTokens != 512 {
		t.Fatalf("the trial's own request changed: %+v", req)
	}
}
