package provider

import (
	"context"
	"encoding/json"
	"testing"
)

const openAIReply = `{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"7734"},"finish_reason":"stop"}],"usage":{"prompt_tokens":20,"completion_tokens":2}}`

const openAIStreamReply = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"7734\"},\"finish_reason\":\"stop\"}]}\n\n" +
	"data: {\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":2}}\n\ndata: [DONE]\n\n"

// TestCapturedRequests pins the exact request each hosted API gets, whole
// and streamed: method, path and query, auth header, and the body (keys
// sorted). The same trial, with and without --stream, differs only where
// the API's streaming form says it must.
func TestCapturedRequests(t *testing.T) {
	t.Setenv("OPENAI_API_KEY", "sk-cap")
	t.Setenv("ANTHROPIC_API_KEY", "ak-cap")
	t.Setenv("GEMINI_API_KEY", "gk-cap")
	const (
		msgs       = `[{"content":"Answer briefly.","role":"system"},{"content":"What is the secret number?","role":"user"}]`
		anthMsgs   = `[{"content":"What is the secret number?","role":"user"}]`
		gemContent = `"contents":[{"parts":[{"text":"What is the secret number?"}],"role":"user"}]`
		gemSystem  = `"systemInstruction":{"parts":[{"text":"Answer briefly."}]}`
	)
	cases := []struct {
		name, spec, suffix string
		stream             bool
		maxTokens          int
		opts               map[string]string
		route, reply       string
		query, header, key string
		body               string
	}{
		{"openai", "openai:gpt-4.1", "/v1", false, 64, nil, "/v1/chat/completions", openAIReply, "", "Authorization", "Bearer sk-cap",
			`{"max_tokens":64,"messages":` + msgs + `,"model":"gpt-4.1","seed":7,"stream":false,"temperature":0}`},
		{"openai stream", "openai:gpt-4.1", "/v1", true, 64, nil, "/v1/chat/completions", openAIStreamReply, "", "Authorization", "Bearer sk-cap",
			`{"max_tokens":64,"messages":` + msgs + `,"model":"gpt-4.1","seed":7,"stream":true,"stream_options":{"include_usage":true},"temperature":0}`},
		{"openai reasoning", "openai:o4-mini", "/v1", false, 4096, map[string]string{"reasoning_effort": "low"}, "/v1/chat/completions", openAIReply, "", "Authorization", "Bearer sk-cap",
			`{"max_completion_tokens":4096,"messages":` + msgs + `,"model":"o4-mini","reasoning_effort":"low","seed":7,"stream":false}`},
		{"anthropic", "anthropic:claude-x", "", false, 64, nil, "/v1/messages", anthropicReply, "", "x-api-key", "ak-cap",
			`{"max_tokens":64,"messages":` + anthMsgs + `,"model":"claude-x","system":"Answer briefly.","temperature":0}`},
		{"anthropic stream", "anthropic:claude-x", "", true, 64, nil, "/v1/messages", anthropicStream, "", "x-api-key", "ak-cap",
			`{"max_tokens":64,"messages":` + anthMsgs + `,"model":"claude-x","stream":true,"system":"Answer briefly.","temperature":0}`},
		{"anthropic thinking", "anthropic:claude-x", "", false, 4096, map[string]string{"thinking_budget": "2048"}, "/v1/messages", anthropicReply, "", "x-api-key", "ak-cap",
			`{"max_tokens":4096,"messages":` + anthMsgs + `,"model":"claude-x","system":"Answer briefly.","thinking":{"budget_tokens":2048,"type":"enabled"}}`},
		{"anthropic thinking stream", "anthropic:claude-x", "", true, 4096, map[string]string{"thinking_budget": "2048"}, "/v1/messages", anthropicStream, "", "x-api-key", "ak-cap",
			`{"max_tokens":4096,"messages":` + anthMsgs + `,"model":"claude-x","stream":true,"system":"Answer briefly.","thinking":{"budget_tokens":2048,"type":"enabled"}}`},
		{"gemini", "gemini:gemini-2.5-flash", "", false, 64, nil, "/v1beta/models/gemini-2.5-flash:generateContent", geminiReply, "", "x-goog-api-key", "gk-cap",
			`{` + gemContent + `,"generationConfig":{"maxOutputTokens":64,"seed":7,"temperature":0},` + gemSystem + `}`},
		{"gemini stream", "gemini:gemini-2.5-flash", "", true, 64, nil, "/v1beta/models/gemini-2.5-flash:streamGenerateContent", geminiSSE(geminiStreamChunks...), "alt=sse", "x-goog-api-key", "gk-cap",
			`{` + gemContent + `,"generationConfig":{"maxOutputTokens":64,"seed":7,"temperature":0},` + gemSystem + `}`},
		{"gemini thinking", "gemini:gemini-2.5-flash", "", false, 2048, map[string]string{"thinking_budget": "512"}, "/v1beta/models/gemini-2.5-flash:generateContent", geminiReply, "", "x-goog-api-key", "gk-cap",
			`{` + gemContent + `,"generationConfig":{"maxOutputTokens":2048,"seed":7,"temperature":0,"thinkingConfig":{"includeThoughts":true,"thinkingBudget":512}},` + gemSystem + `}`},
		{"gemini thinking stream", "gemini:gemini-2.5-flash", "", true, 2048, map[string]string{"thinking_budget": "512"}, "/v1beta/models/gemini-2.5-flash:streamGenerateContent", geminiSSE(geminiStreamChunks...), "alt=sse", "x-goog-api-key", "gk-cap",
			`{` + gemContent + `,"generationConfig":{"maxOutputTokens":2048,"seed":7,"temperature":0,"thinkingConfig":{"includeThoughts":true,"thinkingBudget":512}},` + gemSystem + `}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, map[string][]scripted{"POST " + tc.route: {{body: tc.reply}}})
			c := client(t, tc.spec, f.URL+tc.suffix, Options{Stream: tc.stream})
			r, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: tc.maxTokens, Seed: 7, Options: tc.opts})
			if err != nil || r.Answer != "7734" {
				t.Fatalf("%+v %v", r, err)
			}
			if len(f.reqs) != 1 {
				t.Fatalf("%d requests", len(f.reqs))
			}
			got := f.reqs[0]
			body, _ := json.Marshal(got.Body)
			url := got.Path
			if got.Query != "" {
				url += "?" + got.Query
			}
			t.Logf("%s %s\n%s: [set]\n%s", got.Method, url, tc.header, body)
			if got.Method != "POST" || got.Path != tc.route || got.Query != tc.query || got.Header.Get(tc.header) != tc.key {
				t.Fatalf("%s %s?%s %s=%q", got.Method, got.Path, got.Query, tc.header, got.Header.Get(tc.header))
			}
			if string(body) != tc.body {
				t.Fatalf("body\n got %s\nwant %s", body, tc.body)
			}
		})
	}
}
