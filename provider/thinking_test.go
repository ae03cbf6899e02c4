package provider

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// TestAnthropicThinkingBudget: --option thinking_budget=N becomes
// thinking: {type: enabled, budget_tokens: N} without the pinned
// temperature, streamed or not, and the thinking is recorded as reasoning.
func TestAnthropicThinkingBudget(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "k")
	f := newFake(t, map[string][]scripted{"POST /v1/messages": {{body: anthropicReply}, {body: anthropicStream}}})
	req := Request{Messages: userMsg, MaxTokens: 4096, Options: map[string]string{"thinking_budget": "2048"}}
	want := map[string]any{"model": "claude-x", "max_tokens": 4096.0,
		"thinking": map[string]any{"type": "enabled", "budget_tokens": 2048.0},
		"system":   "Answer briefly.",
		"messages": []any{map[string]any{"role": "user", "content": "What is the secret number?"}}}
	for i, stream := range []bool{false, true} {
		r, err := client(t, "anthropic:claude-x", f.URL, Options{Stream: stream}).Complete(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if r.Reasoning != "scan the text" || r.Answer != "7734" {
			t.Fatalf("stream %v: %q %q", stream, r.Reasoning, r.Answer)
		}
		body := f.requests("/v1/messages")[i].Body
		if stream {
			want["stream"] = true
		}
		if !reflect.DeepEqual(body, want) {
			t.Fatalf("stream %v: body\n got %v\nwant %v", stream, body, want)
		}
	}
}

// TestAnthropicThinkingRules: the documented constraints of extended
// thinking are refused in one line before anything is sent; what the API
// accepts passes.
func TestAnthropicThinkingRules(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "k")
	f := newFake(t, map[string][]scripted{"POST /v1/messages": {{body: anthropicReply}}})
	c := client(t, "anthropic:claude-x", f.URL, Options{})
	refused := []struct {
		max     int
		opts    map[string]string
		mention string
	}{
		{4096, map[string]string{"thinking_budget": "512"}, "at least 1024"},
		{2048, map[string]string{"thinking_budget": "2048"}, "--max-tokens"},
		{0, map[string]string{"thinking_budget": "1024"}, "--max-tokens (now 1024)"}, // the default max_tokens
		{4096, map[string]string{"thinking_budget": "-1"}, "at least 1024"},
		{4096, map[string]string{"thinking_budget": "lots"}, "whole number"},
		{4096, map[string]string{"thinking_budget": "2048", "temperature": "0"}, "--option temperature=0"},
		{4096, map[string]string{"thinking_budget": "2048", "top_k": "1"}, "--option top_k=1"},
		{4096, map[string]string{"thinking_budget": "2048", "thinking": `{"type":"enabled","budget_tokens":2048}`}, "give one"},
		{4096, map[string]string{"thinking": `{"type":"enabled","budget_tokens":2048}`, "temperature": "0.5"}, "temperature"},
	}
	for _, tc := range refused {
		req := Request{Messages: userMsg, MaxTokens: tc.max, Options: tc.opts}
		err := CheckRequest(c, req)
		if err == nil || !strings.Contains(err.Error(), tc.mention) || strings.Contains(err.Error(), "\n") {
			t.Fatalf("%v max %d: %v, want one line with %q", tc.opts, tc.max, err, tc.mention)
		}
		if _, err2 := c.Complete(context.Background(), req); err2 == nil || err2.Error() != err.Error() {
			t.Fatalf("Complete must refuse the same way: %v", err2)
		}
	}
	if n := len(f.requests("/v1/messages")); n != 0 {
		t.Fatalf("%d refused requests were sent", n)
	}
	accepted := []struct {
		opts map[string]string
		want map[string]any // fields of the body; nil = absent
	}{
		{map[string]string{"thinking_budget": "0"}, map[string]any{"thinking": nil, "temperature": 0.0}},
		{map[string]string{"thinking_budget": "1024", "temperature": "1"}, map[string]any{"temperature": 1.0,
			"thinking": map[string]any{"type": "enabled", "budget_tokens": 1024.0}}},
		{map[string]string{"thinking_budget": "1024", "temperature": "null", "top_k": "null"}, map[string]any{"temperature": nil, "top_k": nil}},
		{map[string]string{"thinking": `{"type":"enabled","budget_tokens":3000}`}, map[string]any{"temperature": nil,
			"thinking": map[string]any{"type": "enabled", "budget_tokens": 3000.0}}},
		{map[string]string{"thinking": `{"type":"disabled"}`}, map[string]any{"temperature": 0.0, "thinking": map[string]any{"type": "disabled"}}},
	}
	for i, tc := range accepted {
		req := Request{Messages: userMsg, MaxTokens: 4096, Options: tc.opts}
		if _, err := c.Complete(context.Background(), req); err != nil {
			t.Fatalf("%v: %v", tc.opts, err)
		}
		body := f.requests("/v1/messages")[i].Body
		if _, ok := body["thinking_budget"]; ok {
			t.Fatalf("thinking_budget sent as a field: %v", body)
		}
		for k, v := range tc.want {
			if got, ok := body[k]; (v == nil) == ok || (v != nil && !reflect.DeepEqual(got, v)) {
				t.Fatalf("%v: %s = %v, want %v (body %v)", tc.opts, k, got, v, body)
			}
		}
	}
}

// TestGeminiThinkingBudget: thinking_budget=N becomes
// generationConfig.thinkingConfig.thinkingBudget, with includeThoughts
// when thinking is on (unless the user set it), merged into a
// thinkingConfig the user gave; conflicts and bad values are refused.
func TestGeminiThinkingBudget(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "k")
	f := newFake(t, map[string][]scripted{
		"POST /v1beta/models/g:generateContent":       {{body: geminiReply}},
		"POST /v1beta/models/g:streamGenerateContent": {{body: geminiSSE(geminiStreamChunks...)}},
	})
	cases := []struct {
		opts map[string]string
		want map[string]any
	}{
		// thinking on: the thought summary is asked for, so it is recorded
		{map[string]string{"thinking_budget": "512"}, map[string]any{"thinkingBudget": 512.0, "includeThoughts": true}},
		{map[string]string{"thinking_budget": "-1"}, map[string]any{"thinkingBudget": -1.0, "includeThoughts": true}},
		// thinking off: nothing to summarise
		{map[string]string{"thinking_budget": "0"}, map[string]any{"thinkingBudget": 0.0}},
		// the user's own includeThoughts wins
		{map[string]string{"thinking_budget": "512", "thinkingConfig": `{"includeThoughts":false}`},
			map[string]any{"thinkingBudget": 512.0, "includeThoughts": false}},
	}
	for _, stream := range []bool{false, true} {
		c := client(t, "gemini:g", f.URL, Options{Stream: stream})
		path := "/v1beta/models/g:generateContent"
		if stream {
			path = "/v1beta/models/g:streamGenerateContent"
		}
		for i, tc := range cases {
			r, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 2048, Options: tc.opts})
			if err != nil || r.Reasoning == "" {
				t.Fatalf("%v: %+v %v", tc.opts, r, err)
			}
			cfg := f.requests(path)[i].Body["generationConfig"].(map[string]any)
			if !reflect.DeepEqual(cfg["thinkingConfig"], tc.want) || cfg["thinking_budget"] != nil || cfg["temperature"] != 0.0 {
				t.Fatalf("stream %v %v: generationConfig %v", stream, tc.opts, cfg)
			}
		}
	}
	c := client(t, "gemini:g", f.URL, Options{})
	for opts, mention := range map[[2]string]string{
		{"thinking_budget", "many"}:                "whole number",
		{"thinking_budget", "-2"}:                  "-1 for the model's own choice",
		{"thinkingConfig", `"fast"`}:               "not a JSON object",
		{"thinkingConfig", `{"thinkingBudget":9}`}: "give one",
	} {
		o := map[string]string{"thinking_budget": "100", opts[0]: opts[1]}
		if err := CheckRequest(c, Request{Messages: userMsg, Options: o}); err == nil || !strings.Contains(err.Error(), mention) {
			t.Fatalf("%v: %v, want %q", o, err, mention)
		}
	}
}

// TestCheckRequestRefusesPinnedOptionsUpFront: the options a protocol
// refuses are found before the first trial, for every protocol client;
// --option stream is refused everywhere (only --stream reads a stream).
func TestCheckRequestRefusesPinnedOptionsUpFront(t *testing.T) {
	t.Setenv("OPENAI_API_KEY", "k")
	t.Setenv("ANTHROPIC_API_KEY", "k")
	t.Setenv("GEMINI_API_KEY", "k")
	for _, tc := range []struct{ spec, opt string }{{"vllm:m", "truncate_prompt_tokens"}, {"ollama:q", "truncate"}, {"ollama:q", "shift"},
		{"vllm:m", "stream"}, {"openai:gpt-4.1", "stream"}, {"ollama:q", "stream"}, {"anthropic:c", "stream"}, {"gemini:g", "stream"}} {
		c := client(t, tc.spec, "http://127.0.0.1:1", Options{})
		err := CheckRequest(c, Request{Messages: userMsg, Options: map[string]string{tc.opt: "1"}})
		if err == nil || !strings.Contains(err.Error(), "--option "+tc.opt) {
			t.Fatalf("%s %s: %v", tc.spec, tc.opt, err)
		}
		if err := CheckRequest(c, Request{Messages: userMsg, Options: map[string]string{"top_p": "1"}}); err != nil {
			t.Fatalf("%s: %v", tc.spec, err)
		}
	}
}
