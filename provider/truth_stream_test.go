package provider

import (
	"context"
	"strings"
	"testing"

	"niah/results"
)

// geminiPlainError is an error as the Gemini API may send it after HTTP
// 200 inside an alt=sse stream: plain JSON over several lines, with no
// "data:" prefix (python-genai's _iter_response_stream reads it by
// balancing braces).
func geminiPlainError(code int, status, message string) string {
	return "{\n  \"error\": {\n    \"code\": " + itoa(code) + ",\n    \"message\": \"" + message + "\",\n    \"status\": \"" + status + "\"\n  }\n}\n"
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// TestGeminiPlainJSONErrorInStream: an error sent after HTTP 200 as plain
// multi-line JSON is classified as the same body sent whole: a 503 is a
// server error and is retried, a 400 "input token count exceeds" is
// context_exceeded (settled, not retried). Also when it comes after a
// chunk, and as the array the non-SSE stream form uses.
func TestGeminiPlainJSONErrorInStream(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "gk-test-key")
	const route = "POST /v1beta/models/g:streamGenerateContent"
	sse := map[string]string{"Content-Type": "text/event-stream"}
	ok := scripted{header: sse, body: geminiSSE(geminiStreamChunks...)}
	first := geminiSSE(geminiStreamChunks[0])
	overloaded := geminiPlainError(503, "UNAVAILABLE", "The model is overloaded. Please try again later.")
	tooLong := geminiPlainError(400, "INVALID_ARGUMENT", "The input token count (1196265) exceeds the maximum number of tokens allowed (1048575).")
	for _, c := range []struct {
		name     string
		body     string
		reason   results.Reason // "" when the retry's answer is used
		attempts int
	}{
		{"503 alone", overloaded, "", 2},
		{"503 after a chunk", first + overloaded, "", 2},
		{"503 as an array", "[" + overloaded + "]\n", "", 2},
		{"400 too long", tooLong, results.ReasonContextExceeded, 1},
		{"400 too long after a chunk", first + tooLong, results.ReasonContextExceeded, 1},
		{"cut inside the error object", first + overloaded[:30], "", 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFake(t, map[string][]scripted{route: {{header: sse, body: c.body}, ok}})
			clk := &clock{}
			r, err := client(t, "gemini:g", f.URL+"/v1beta", Options{Stream: true, Sleep: clk.sleep}).Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8})
			if c.reason != "" {
				pe := classOf(t, err)
				if pe.Reason != c.reason || pe.Attempts != c.attempts || !strings.Contains(pe.Message, "exceeds the maximum number of tokens") {
					t.Fatalf("%+v", pe)
				}
				return
			}
			if err != nil || r.Answer != "7734" || r.Attempts != c.attempts || len(f.requests("/v1beta/models/g:streamGenerateContent")) != 2 {
				t.Fatalf("want the retry's answer after one transient error: %+v %v", r, err)
			}
		})
	}
}

// TestStreamCutMidEventIsANetworkError: a connection that closes in the
// middle of an event (the server's handler returns mid-write: a clean
// end of the body) is a network error, retried; the unfinished event is
// never parsed. Every streaming protocol, and Ollama's NDJSON cut
// mid-line.
func TestStreamCutMidEventIsANetworkError(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "gk-test-key")
	t.Setenv("ANTHROPIC_API_KEY", "ak-test-key")
	sse := map[string]string{"Content-Type": "text/event-stream"}
	oaiWhole := "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"7734\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20}}\n\ndata: [DONE]\n\n"
	ollamaWhole := "{\"message\":{\"content\":\"7734\"},\"done\":false}\n{\"message\":{\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":20}\n"
	for _, c := range []struct {
		name, spec, suffix, route, cut, whole string
	}{
		{"openai mid-json", "vllm:m", "/v1", "POST /v1/chat/completions", "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"77\"}}]}\n\ndata: {\"choices\":[{\"ind", oaiWhole},
		{"openai before the blank line", "vllm:m", "/v1", "POST /v1/chat/completions", "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"77\"},\"finish_reason\":\"stop\"}]}\n", oaiWhole},
		{"anthropic mid-event", "anthropic:c", "", "POST /v1/messages", sseEvents("message_start", anthropicMessageStart) + "event: content_block_delta\ndata: {\"type\":\"content_blo", anthropicStream},
		{"anthropic inside the event name", "anthropic:c", "", "POST /v1/messages", sseEvents("message_start", anthropicMessageStart) + "eve", anthropicStream},
		{"gemini mid-chunk", "gemini:g", "/v1beta", "POST /v1beta/models/g:streamGenerateContent", geminiSSE(geminiStreamChunks[0]) + "data: {\"candidates\":[{\"content\"", geminiSSE(geminiStreamChunks...)},
		{"ollama mid-line", "ollama:q", "", "POST /api/chat", "{\"message\":{\"content\":\"77\"},\"done\":false}\n{\"message\":{\"cont", ollamaWhole},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFake(t, map[string][]scripted{c.route: {{header: sse, body: c.cut}, {header: sse, body: c.whole}}})
			clk := &clock{}
			cl := client(t, c.spec, f.URL+c.suffix, Options{Stream: true, Sleep: clk.sleep})
			r, err := cl.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8})
			if err != nil || !strings.HasSuffix(r.Answer, "34") || r.Attempts != 2 || len(clk.got()) != 1 {
				t.Fatalf("want one retry and the whole answer: %+v %v", r, err)
			}
			// With no retry left, the cut is said as a network error.
			f2 := newFake(t, map[string][]scripted{c.route: {{header: sse, body: c.cut}}})
			_, err = client(t, c.spec, f2.URL+c.suffix, Options{Stream: true, MaxRetries: -1}).Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8})
			if pe := classOf(t, err); pe.Reason != results.ReasonNetwork || !strings.Contains(pe.Message, "closed in the middle of a stream event") {
				t.Fatalf("%+v", pe)
			}
		})
	}
}

// TestRefusalsAreAnswersThatMeasureNothing: Gemini's blockReason (whole
// and streamed) and an answer it stopped for safety, Anthropic's stop
// reason "refusal" (whole and streamed) and OpenAI's content_filter come
// back as answers with Refusal set and the server's reason kept as the
// finish reason; an ordinary stop has none.
func TestRefusalsAreAnswersThatMeasureNothing(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "gk-test-key")
	t.Setenv("ANTHROPIC_API_KEY", "ak-test-key")
	sse := map[string]string{"Content-Type": "text/event-stream"}
	blocked := `{"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},"usageMetadata":{"promptTokenCount":1000,"totalTokenCount":1000},"modelVersion":"gemini-2.5-flash"}`
	safety := `{"candidates":[{"content":{"role":"model","parts":[]},"finishReason":"SAFETY","index":0}],"usageMetadata":{"promptTokenCount":1000}}`
	refusal := `{"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"I can"}],"stop_reason":"refusal","usage":{"input_tokens":1000,"output_tokens":2}}`
	for _, c := range []struct {
		name, spec, suffix, route, body string
		stream                          bool
		finish, says                    string
	}{
		{"gemini blocked", "gemini:g", "/v1beta", "POST /v1beta/models/g:generateContent", blocked, false, "PROMPT_BLOCKED:PROHIBITED_CONTENT", "blockReason PROHIBITED_CONTENT"},
		{"gemini blocked, streamed", "gemini:g", "/v1beta", "POST /v1beta/models/g:streamGenerateContent", geminiSSE(blocked), true, "PROMPT_BLOCKED:PROHIBITED_CONTENT", "blockReason PROHIBITED_CONTENT"},
		{"gemini answer stopped for safety", "gemini:g", "/v1beta", "POST /v1beta/models/g:generateContent", safety, false, "SAFETY", "finishReason SAFETY"},
		{"anthropic refusal", "anthropic:c", "", "POST /v1/messages", refusal, false, "refusal", "stop_reason refusal"},
		{"anthropic refusal, streamed", "anthropic:c", "", "POST /v1/messages", sseEvents("message_start", anthropicMessageStart,
			"message_delta", `{"type":"message_delta","delta":{"stop_reason":"refusal","stop_sequence":null},"usage":{"output_tokens":0}}`,
			"message_stop", `{"type":"message_stop"}`), true, "refusal", "stop_reason refusal"},
		{"openai content filter", "openai:m", "/v1", "POST /v1/chat/completions", `{"choices":[{"index":0,"message":{"role":"assistant","content":""},"finish_reason":"content_filter"}],"usage":{"prompt_tokens":20}}`, false, "content_filter", "finish_reason content_filter"},
		{"gemini stop is no refusal", "gemini:g", "/v1beta", "POST /v1beta/models/g:generateContent", geminiReply, false, "STOP", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("OPENAI_API_KEY", "ok-test-key")
			f := newFake(t, map[string][]scripted{c.route: {{header: sse, body: c.body}}})
			r, err := client(t, c.spec, f.URL+c.suffix, Options{Stream: c.stream}).Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8})
			if err != nil || r.FinishReason != c.finish || r.Attempts != 1 {
				t.Fatalf("%+v %v", r, err)
			}
			if c.says == "" && r.Refusal != "" || c.says != "" && !strings.Contains(r.Refusal, c.says) {
				t.Fatalf("refusal %q, want it to name %q", r.Refusal, c.says)
			}
		})
	}
}
