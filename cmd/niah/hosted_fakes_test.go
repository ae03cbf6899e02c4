package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// hostedFake is an httptest server speaking one hosted API as
// model-servers.md describes it (Gemini's generateContent, Anthropic's
// Messages). It counts every request it gets (requests) and the trial
// requests among them (trials: more than one answer token asked), and
// answers a trial with answer, given the trial's number (from 1), the
// prompt and whether it streams.
type hostedFake struct {
	*httptest.Server
	requests atomic.Int32
	trials   atomic.Int32
	mu       sync.Mutex
	paths    []string
	thoughts []bool // Gemini trials: whether each asked for thought summaries
}

// askedThoughts reports whether Gemini trial n (from 1) set includeThoughts.
func (f *hostedFake) askedThoughts(n int) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return n >= 1 && n <= len(f.thoughts) && f.thoughts[n-1]
}

func (f *hostedFake) seen() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.paths...)
}

func (f *hostedFake) note(r *http.Request) {
	f.requests.Add(1)
	f.mu.Lock()
	f.paths = append(f.paths, r.Method+" "+r.URL.RequestURI()+" beta="+r.Header.Get("anthropic-beta"))
	f.mu.Unlock()
}

// geminiReq is what the Gemini fake reads from a request.
type geminiReq struct {
	Contents []struct {
		Parts []struct {
			Text string `json:"text"`
		} `json:"parts"`
	} `json:"contents"`
	GenerationConfig struct {
		MaxOutputTokens int `json:"maxOutputTokens"`
		ThinkingConfig  struct {
			IncludeThoughts bool `json:"includeThoughts"`
		} `json:"thinkingConfig"`
	} `json:"generationConfig"`
}

func (g geminiReq) text() string {
	var b strings.Builder
	for _, c := range g.Contents {
		for _, p := range c.Parts {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// geminiChunk is one GenerateContentResponse with text and a finish reason.
func geminiChunk(text, finish string, promptTokens int) string {
	b, _ := json.Marshal(map[string]any{
		"candidates":    []any{map[string]any{"content": map[string]any{"role": "model", "parts": []any{map[string]any{"text": text}}}, "finishReason": finish, "index": 0}},
		"usageMetadata": map[string]any{"promptTokenCount": promptTokens, "candidatesTokenCount": 2, "totalTokenCount": promptTokens + 2},
	})
	return string(b)
}

// newFakeGemini serves models/g, :countTokens (one token a byte, so
// --tokenizer bytes is the model's own) and (stream)GenerateContent. A
// one-token request (calibration) gets a plain answer; a trial gets what
// trial writes.
func newFakeGemini(t *testing.T, trial func(w http.ResponseWriter, n int, prompt string, stream bool)) *hostedFake {
	t.Helper()
	f := &hostedFake{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.note(r)
		var req geminiReq
		json.NewDecoder(r.Body).Decode(&req)
		stream := strings.HasSuffix(r.URL.Path, ":streamGenerateContent")
		switch {
		case r.URL.Path == "/v1beta/models/g" && r.Method == "GET":
			w.Write([]byte(`{"name":"models/g","version":"001","inputTokenLimit":1048576,"outputTokenLimit":8192}`))
		case r.URL.Path == "/v1beta/models/g:countTokens":
			fmt.Fprintf(w, `{"totalTokens":%d}`, len(req.text()))
		case stream || r.URL.Path == "/v1beta/models/g:generateContent":
			if stream {
				w.Header().Set("Content-Type", "text/event-stream")
			}
			if req.GenerationConfig.MaxOutputTokens <= 1 {
				chunk := geminiChunk("4", "MAX_TOKENS", len(req.text()))
				if stream {
					chunk = "data: " + chunk + "\r\n\r\n"
				}
				w.Write([]byte(chunk))
				return
			}
			f.mu.Lock()
			f.thoughts = append(f.thoughts, req.GenerationConfig.ThinkingConfig.IncludeThoughts)
			f.mu.Unlock()
			trial(w, int(f.trials.Add(1)), req.text(), stream)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(f.Close)
	return f
}

// anthropicReq is what the Anthropic fake reads from a request.
type anthropicReq struct {
	Messages []struct {
		Content string `json:"content"`
	} `json:"messages"`
	MaxTokens int  `json:"max_tokens"`
	Stream    bool `json:"stream"`
}

func (a anthropicReq) text() string {
	if len(a.Messages) == 0 {
		return ""
	}
	return a.Messages[len(a.Messages)-1].Content
}

// anthropicMessage is a whole Messages answer.
func anthropicMessage(text, stop string, inputTokens int) string {
	b, _ := json.Marshal(map[string]any{
		"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-x",
		"content":     []any{map[string]any{"type": "text", "text": text}},
		"stop_reason": stop, "stop_sequence": nil,
		"usage": map[string]any{"input_tokens": inputTokens, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0, "output_tokens": 2},
	})
	return string(b)
}

// anthropicEvents is the same answer as the Messages stream sends it.
func anthropicEvents(text, stop string, inputTokens int) string {
	ev := func(name, data string) string { return "event: " + name + "\ndata: " + data + "\n\n" }
	t, _ := json.Marshal(text)
	return ev("message_start", fmt.Sprintf(`{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-x","stop_reason":null,"usage":{"input_tokens":%d,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":1}}}`, inputTokens)) +
		ev("content_block_start", `{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}`) +
		ev("content_block_delta", fmt.Sprintf(`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":%s}}`, t)) +
		ev("content_block_stop", `{"type":"content_block_stop","index":0}`) +
		ev("message_delta", fmt.Sprintf(`{"type":"message_delta","delta":{"stop_reason":%q,"stop_sequence":null},"usage":{"output_tokens":2}}`, stop)) +
		ev("message_stop", `{"type":"message_stop"}`)
}

// newFakeAnthropic serves /v1/models/claude-x, count_tokens (one token a
// byte) and /v1/messages; a trial gets what trial writes.
func newFakeAnthropic(t *testing.T, trial func(w http.ResponseWriter, n int, prompt string, stream bool)) *hostedFake {
	t.Helper()
	f := &hostedFake{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.note(r)
		var req anthropicReq
		json.NewDecoder(r.Body).Decode(&req)
		switch r.URL.Path {
		case "/v1/models/claude-x":
			window := 200000
			if strings.Contains(r.Header.Get("anthropic-beta"), "context-1m-2025-08-07") {
				window = 1000000 // the model's limits with the 1M-context beta
			}
			fmt.Fprintf(w, `{"id":"claude-x","type":"model","max_input_tokens":%d,"max_tokens":64000}`, window)
		case "/v1/messages/count_tokens":
			fmt.Fprintf(w, `{"input_tokens":%d}`, len(req.text()))
		case "/v1/messages":
			if req.Stream {
				w.Header().Set("Content-Type", "text/event-stream")
			}
			if req.MaxTokens <= 1 {
				if req.Stream {
					w.Write([]byte(anthropicEvents("4", "max_tokens", len(req.text()))))
				} else {
					w.Write([]byte(anthropicMessage("4", "max_tokens", len(req.text()))))
				}
				return
			}
			trial(w, int(f.trials.Add(1)), req.text(), req.Stream)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(f.Close)
	return f
}
