package provider

import (
	"context"
	"strings"
	"testing"

	"niah/results"
)

// The bodies Ollama v0.17.4 sends when llm/server.go aborts a token loop
// (31 identical tokens): the native answer is the last chunk with the
// text so far and done:false; the stream simply ends; /v1 has no finish
// reason and zero usage, and its stream ends without [DONE].
const (
	ollamaAbortOnce   = `{"model":"q","created_at":"2026-01-01T00:00:00Z","message":{"role":"assistant","content":"4 4 4 4 4 4 4"},"done":false}`
	ollamaAbortStream = `{"model":"q","message":{"role":"assistant","content":"4 4"},"done":false}
{"model":"q","message":{"role":"assistant","content":" 4 4"},"done":false}
`
	ollamaV1AbortOnce = `{"id":"chatcmpl-1","object":"chat.completion","model":"q","system_fingerprint":"fp_ollama",
 "choices":[{"index":0,"message":{"role":"assistant","content":"4 4 4 4"},"finish_reason":null}],
 "usage":{"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}}`
	ollamaV1AbortStream = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"4 4\"},\"finish_reason\":null}]}\n\n" +
		"data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\" 4\"},\"finish_reason\":null}]}\n\n"
)

func TestRepetitionAbortIsAnAnswer(t *testing.T) {
	sse := map[string]string{"Content-Type": "text/event-stream"}
	cases := []struct {
		name, spec, route, body string
		header                  map[string]string
		stream, ollamaV1        bool
		answer                  string
		prompt                  any
	}{
		{"native", "ollama:q", "POST /api/chat", ollamaAbortOnce, nil, false, false, "4 4 4 4 4 4 4", nil},
		{"native stream", "ollama:q", "POST /api/chat", ollamaAbortStream, nil, true, false, "4 4 4 4", nil},
		{"v1", "openai:q", "POST /v1/chat/completions", ollamaV1AbortOnce, nil, false, true, "4 4 4 4", 0},
		{"v1 stream", "openai:q", "POST /v1/chat/completions", ollamaV1AbortStream, sse, true, true, "4 4 4", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, map[string][]scripted{tc.route: {{body: tc.body, header: tc.header}}})
			url := f.URL
			if tc.ollamaV1 {
				url += "/v1"
			}
			c := client(t, tc.spec, url, Options{Stream: tc.stream, MaxRetries: 0})
			if oc, ok := c.(*openAIClient); ok {
				oc.setServerKind("ollama") // what Info learns from /api/version
			}
			r, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 64})
			if err != nil {
				t.Fatalf("a repetition abort is an answer, got error %v", err)
			}
			if r.Answer != tc.answer || r.FinishReason != results.FinishRepetitionAbort || intp(r.PromptTokens) != tc.prompt {
				t.Fatalf("answer %q finish %q prompt %v", r.Answer, r.FinishReason, intp(r.PromptTokens))
			}
			if n := len(f.requests(strings.Fields(tc.route)[1])); n != 1 {
				t.Fatalf("sent %d times, want once", n)
			}
		})
	}
}

// On a server that is not Ollama, a stream that ends without a finish
// reason or [DONE] is still a broken answer: nothing says why it stopped.
func TestStreamWithoutEndIsBrokenElsewhere(t *testing.T) {
	f := newFake(t, map[string][]scripted{"POST /v1/chat/completions": {{body: ollamaV1AbortStream,
		header: map[string]string{"Content-Type": "text/event-stream"}}}})
	c := client(t, "vllm:q", f.URL+"/v1", Options{Stream: true, MaxRetries: 0})
	_, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 64})
	if pe := classOf(t, err); pe.Reason != results.ReasonBadResponse {
		t.Fatalf("reason %s", pe.Reason)
	}
}
