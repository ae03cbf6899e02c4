package provider

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"niah/results"
)

// bodyTransport answers every request with the same status and body,
// in process: a fuzzed body reaches the parser without a socket.
type bodyTransport struct {
	body   []byte
	stream bool
}

func (b bodyTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	ct := "application/json"
	if b.stream {
		ct = "text/event-stream"
	}
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {ct}},
		Body: io.NopCloser(bytes.NewReader(b.body)), Request: r}, nil
}

// fuzzProtocol feeds one fuzzed body to a protocol's Complete, streamed
// and not: it must return (never panic or hang), with either an answer or
// a classified one-line *Error, and never more answer than the body held.
func fuzzProtocol(f *testing.F, spec string, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	os.Setenv("NIAH_FUZZ_KEY", "k")
	f.Fuzz(func(t *testing.T, body []byte, stream bool) {
		s, err := ParseSpec(spec)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Open(s, Options{HTTPClient: &http.Client{Transport: bodyTransport{body, stream}},
			MaxRetries: -1, Stream: stream, APIKeyEnv: "NIAH_FUZZ_KEY", Timeout: 10 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		resp, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8})
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("unclassified error %T: %v", err, err)
			}
			if strings.ContainsAny(pe.Message, "\n\r") {
				t.Fatalf("error is not one line: %q", pe.Message)
			}
			return
		}
		if len(resp.Answer) > len(body)*8+64 {
			t.Fatalf("answer of %d bytes from a %d-byte body", len(resp.Answer), len(body))
		}
	})
}

func FuzzOpenAIResponse(f *testing.F) {
	fuzzProtocol(f, "openai:m@http://fuzz.invalid/v1",
		`{"choices":[{"message":{"content":"The number is 42."},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":5}}`,
		`{"choices":[{"text":"42","finish_reason":"length"}],"usage":null,"timings":{"cache_n":3}}`,
		`{"error":{"message":"the request exceeds the available context size","type":"exceed_context_size_error"}}`,
		"data: {\"choices\":[{\"delta\":{\"content\":\"4\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"2\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9}}\n\ndata: [DONE]\n\n",
		": ping\n\ndata: {\"error\":{\"code\":400,\"message\":\"too long\"}}\n\n",
		`{"choices":[]}`, ``, `<html>502 Bad Gateway</html>`)
}

func FuzzOllamaResponse(f *testing.F) {
	fuzzProtocol(f, "ollama:m@http://fuzz.invalid",
		`{"model":"m","message":{"role":"assistant","content":"42","thinking":"hm"},"done":true,"done_reason":"stop","prompt_eval_count":10,"eval_count":2}`,
		`{"model":"m","message":{"role":"assistant","content":"aaaa"},"done":false}`,
		`{"error":"model requires more system memory"}`,
		"{\"message\":{\"content\":\"4\"},\"done\":false}\n{\"message\":{\"content\":\"2\"},\"done\":true,\"done_reason\":\"stop\",\"prompt_eval_count\":7,\"eval_count\":2}\n",
		"{\"message\":{\"content\":\"4\"},\"done\":false}\n{\"error\":\"an error was encountered while running the model\"}\n")
}

func FuzzAnthropicResponse(f *testing.F) {
	fuzzProtocol(f, "anthropic:m@http://fuzz.invalid",
		`{"type":"message","content":[{"type":"text","text":"42"},{"type":"thinking","thinking":"x"}],"stop_reason":"end_turn","usage":{"input_tokens":10,"output_tokens":2,"cache_read_input_tokens":0}}`,
		`{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`,
		"event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":9}}}\n\nevent: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"42\"}}\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
		"event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n")
}

func FuzzGeminiResponse(f *testing.F) {
	fuzzProtocol(f, "gemini:m@http://fuzz.invalid",
		`{"candidates":[{"content":{"parts":[{"text":"42"},{"text":"t","thought":true}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":2,"cachedContentTokenCount":4}}`,
		`{"promptFeedback":{"blockReason":"SAFETY"}}`,
		`{"error":{"code":429,"message":"Resource exhausted","status":"RESOURCE_EXHAUSTED"}}`,
		"data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"4\"}]}}]}\r\n\r\ndata: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"2\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":7}}\r\n\r\n")
}

// FuzzSSE reads any byte stream as server-sent events: every event's data
// is delivered whole, and reading ends without panic (a stream that ends
// inside an event is a network error: the cut event is discarded).
func FuzzSSE(f *testing.F) {
	for _, s := range []string{"data: a\n\n", "event: x\ndata: 1\ndata: 2\n\n:ping\n\n", "data:\r\n\r\nid: 3\nretry: 9\n", "data: open at the end"} {
		f.Add([]byte(s))
	}
	c := &conn{kind: "fuzz", base: "http://fuzz.invalid"}
	f.Fuzz(func(t *testing.T, body []byte) {
		total := 0
		e := c.eachEvent(context.Background(), bytes.NewReader(body), func(ev sseEvent) (bool, *Error) {
			total += len(ev.data)
			return false, nil
		})
		if e != nil && !strings.Contains(e.Message, "longer than") && e.Reason != results.ReasonNetwork {
			t.Fatalf("in-memory stream failed: %v", e)
		}
		if total > len(body) {
			t.Fatalf("events carry %d bytes of a %d-byte stream", total, len(body))
		}
	})
}

// FuzzParseSpec: any spec either parses into a provider and a model, with
// an http(s) base URL, or is refused; its rendering never holds the URL's
// user info or query.
func FuzzParseSpec(f *testing.F) {
	for _, s := range []string{"ollama:qwen3:8b", "vllm:Qwen/Qwen3-8B@http://127.0.0.1:8000/v1", "sim", "sim:x",
		"openai:m@http://user:pass@h:1/v1?api_key=s", "openai:m@ftp://h", "anthropic:", ":m", "openai:a@b@https://h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		s, err := ParseSpec(raw)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error not one line: %q", err)
			}
			return
		}
		if s.Provider == "" {
			t.Fatalf("%q parsed without a provider", raw)
		}
		if s.Provider == "sim" {
			return
		}
		if s.Model == "" {
			t.Fatalf("%q parsed without a model", raw)
		}
		low := strings.ToLower(s.BaseURL)
		if !strings.HasPrefix(low, "http://") && !strings.HasPrefix(low, "https://") {
			t.Fatalf("%q: base URL %q is not http(s)", raw, s.BaseURL)
		}
		out := s.String()
		if strings.Contains(s.BaseURL, "?") && strings.Contains(out[len(s.Provider)+1+len(s.Model):], "?") {
			t.Fatalf("%q renders its query: %q", raw, out)
		}
	})
}
