package provider

import (
	"context"
	"testing"
)

func floatp(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// Each server's cache and prefill figures, from the bodies model-servers.md
// documents, land in the same Response fields.
func TestCacheAndPrefillFigures(t *testing.T) {
	cases := []struct {
		name, spec, route, body  string
		stream                   bool
		prompt, cached, computed any
		write                    any
		prefillMS                any
	}{
		{"llama.cpp with cache_n", "llamacpp:any", "POST /v1/chat/completions",
			`{"choices":[{"message":{"content":"y"},"finish_reason":"stop"}],"usage":{"prompt_tokens":131000,"completion_tokens":9,"prompt_tokens_details":{"cached_tokens":120310}},"timings":{"cache_n":120310,"prompt_n":10690,"prompt_ms":5123.4,"predicted_n":9}}`,
			false, 131000, 120310, 10690, nil, 5123.4},
		{"llama.cpp build without cache_n: reused = prompt_tokens - prompt_n", "llamacpp:any", "POST /v1/chat/completions",
			`{"choices":[{"message":{"content":"y"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3000,"completion_tokens":4},"timings":{"prompt_n":712,"prompt_ms":2210.5}}`,
			false, 3000, 2288, 712, nil, 2210.5},
		{"vLLM prompt_tokens_details", "vllm:m", "POST /v1/chat/completions",
			`{"choices":[{"message":{"content":"7734"},"finish_reason":"stop"}],"usage":{"prompt_tokens":131012,"completion_tokens":3,"prompt_tokens_details":{"cached_tokens":130992}}}`,
			false, 131012, 130992, nil, nil, nil},
		{"Anthropic read and creation", "anthropic:claude-x", "POST /v1/messages", anthropicReply,
			false, 12 + 20 + 130980, 130980, 12 + 20, 20, nil},
		{"Anthropic streamed", "anthropic:claude-x", "POST /v1/messages", anthropicStream,
			true, 12 + 20 + 130980, 130980, 12 + 20, 20, nil},
		{"Gemini cachedContentTokenCount", "gemini:gemini-2.5-flash", "POST /v1beta/models/gemini-2.5-flash:generateContent",
			`{"candidates":[{"content":{"parts":[{"text":"7734"}],"role":"model"},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":1000,"cachedContentTokenCount":900,"candidatesTokenCount":3,"totalTokenCount":1003}}`,
			false, 1000, 900, nil, nil, nil},
		{"Ollama v0.17.4: duration only", "ollama:q", "POST /api/chat",
			`{"model":"q","message":{"role":"assistant","content":"hi"},"done":true,"done_reason":"stop","total_duration":8200000000,"prompt_eval_count":1024,"prompt_eval_duration":7900000000,"eval_count":2,"eval_duration":90000000}`,
			false, 1024, nil, nil, nil, 7900.0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("ANTHROPIC_API_KEY", "k")
			t.Setenv("GEMINI_API_KEY", "k")
			f := newFake(t, map[string][]scripted{tc.route: {{body: tc.body}}})
			url := f.URL
			if tc.spec == "llamacpp:any" || tc.spec == "vllm:m" {
				url += "/v1"
			}
			r, err := client(t, tc.spec, url, Options{Stream: tc.stream}).Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8})
			if err != nil {
				t.Fatal(err)
			}
			got := []any{intp(r.PromptTokens), intp(r.CachedTokens), intp(r.ComputedTokens), intp(r.CacheWriteTokens), floatp(r.PrefillMS)}
			want := []any{tc.prompt, tc.cached, tc.computed, tc.write, tc.prefillMS}
			for i, name := range []string{"prompt", "cached", "computed", "cache write", "prefill ms"} {
				if got[i] != want[i] {
					t.Errorf("%s: got %v, want %v", name, got[i], want[i])
				}
			}
		})
	}
}
