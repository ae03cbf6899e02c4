package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"niah/needle"
)

// chatReq is what the fakes read from a chat request.
type chatReq struct {
	Messages []struct {
		Content string `json:"content"`
	} `json:"messages"`
	Stream    bool `json:"stream"`
	MaxTokens int  `json:"max_tokens"`
	Options   struct {
		NumPredict int `json:"num_predict"`
	} `json:"options"`
}

func (c chatReq) text() string {
	if len(c.Messages) == 0 {
		return ""
	}
	return c.Messages[len(c.Messages)-1].Content
}

// trial reports whether the request is a trial rather than a one-token
// calibration or probe request.
func (c chatReq) trial() bool { return c.MaxTokens > 1 || c.Options.NumPredict > 1 }

// fakeOllama speaks Ollama v0.17.4's native and /v1 APIs; chat answers
// every chat request. trials counts the trial requests it received.
type fakeOllama struct {
	*httptest.Server
	trials atomic.Int32
}

func newFakeOllama(t *testing.T, chat func(w http.ResponseWriter, req chatReq, v1 bool)) *fakeOllama {
	t.Helper()
	f := &fakeOllama{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/version":
			w.Write([]byte(`{"version":"0.17.4"}`))
		case "/api/show":
			w.Write([]byte(`{"parameters":"","model_info":{"general.architecture":"llama","llama.context_length":8192}}`))
		case "/api/ps":
			w.Write([]byte(`{"models":[]}`))
		case "/v1/models":
			w.Write([]byte(`{"object":"list","data":[{"id":"q","object":"model","owned_by":"library"}]}`))
		case "/api/chat", "/v1/chat/completions":
			var req chatReq
			json.NewDecoder(r.Body).Decode(&req)
			if req.trial() {
				f.trials.Add(1)
			}
			chat(w, req, r.URL.Path != "/api/chat")
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(f.Close)
	return f
}

// loopAnswer is what a looping model says: the same token, 31 times over.
var loopAnswer = strings.Repeat(" 4", 31)

// ollamaAbort answers as Ollama does after its token repeat limit.
func ollamaAbort(w http.ResponseWriter, req chatReq, v1 bool) {
	if !req.trial() { // calibration or a follow-up: one token, a normal answer
		n := len(req.text()) + 4
		if v1 && req.Stream {
			w.Header().Set("Content-Type", "text/event-stream")
			fmt.Fprintf(w, "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"4\"},\"finish_reason\":\"length\"}]}\n\n"+
				"data: {\"choices\":[],\"usage\":{\"prompt_tokens\":%d,\"completion_tokens\":1}}\n\ndata: [DONE]\n\n", n)
			return
		}
		if v1 {
			fmt.Fprintf(w, `{"choices":[{"index":0,"message":{"role":"assistant","content":"4"},"finish_reason":"length"}],"usage":{"prompt_tokens":%d,"completion_tokens":1}}`, n)
			return
		}
		fmt.Fprintf(w, `{"message":{"role":"assistant","content":"4"},"done":true,"done_reason":"length","prompt_eval_count":%d,"eval_count":1}`, n)
		return
	}
	switch {
	case v1 && req.Stream:
		w.Header().Set("Content-Type", "text/event-stream")
		for range 3 {
			fmt.Fprintf(w, "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\" 4\"},\"finish_reason\":null}]}\n\n")
		}
	case v1:
		fmt.Fprintf(w, `{"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":%q},"finish_reason":null}],"usage":{"prompt_tokens":0,"completion_tokens":0,"total_tokens":0}}`, loopAnswer)
	case req.Stream:
		w.Header().Set("Content-Type", "application/x-ndjson")
		for range 3 {
			fmt.Fprintln(w, `{"model":"q","message":{"role":"assistant","content":" 4"},"done":false}`)
		}
	default:
		fmt.Fprintf(w, `{"model":"q","message":{"role":"assistant","content":%q},"done":false}`, loopAnswer)
	}
}

// fakeLlama mimics llama-server: /v1/models, /props (n_ctx per slot,
// total_slots), /slots, /tokenize with the vocabulary split, and a chat
// whose over-long prompts are cut as context shift cuts them (keep the
// end, drop blocks of half the context) or, with shift off, rejected.
type fakeLlama struct {
	*httptest.Server
	trials atomic.Int32
}

const llamaTemplateTokens = 4

func newFakeLlama(t *testing.T, nCtx, slots int, shift bool, split func(string) []int) *fakeLlama {
	t.Helper()
	f := &fakeLlama{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/models":
			w.Write([]byte(`{"object":"list","data":[{"id":"model.gguf","object":"model","owned_by":"llamacpp","meta":{"n_ctx_train":32768,"n_vocab":256}}]}`))
		case "/props":
			fmt.Fprintf(w, `{"default_generation_settings":{"n_ctx":%d},"total_slots":%d,"model_path":"model.gguf","build_info":"b4600-fake"}`, nCtx, slots)
		case "/slots":
			var s []string
			for i := range slots {
				s = append(s, fmt.Sprintf(`{"id":%d,"n_ctx":%d,"is_processing":false}`, i, nCtx))
			}
			fmt.Fprintf(w, "[%s]", strings.Join(s, ","))
		case "/tokenize":
			var req struct {
				Content string `json:"content"`
			}
			json.NewDecoder(r.Body).Decode(&req)
			json.NewEncoder(w).Encode(map[string]any{"tokens": split(req.Content)})
		case "/v1/chat/completions":
			var req chatReq
			json.NewDecoder(r.Body).Decode(&req)
			if req.trial() {
				f.trials.Add(1)
			}
			n := len(split(req.text())) + llamaTemplateTokens
			answer, _ := needle.Solve(req.text())
			if n >= nCtx {
				if !shift {
					w.WriteHeader(400)
					fmt.Fprintf(w, `{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error","n_prompt_tokens":%d,"n_ctx":%d}}`, n, nCtx)
					return
				}
				block := nCtx / 2
				n -= (n - block) / block * block
				answer = "I do not know."
			}
			json.NewEncoder(w).Encode(map[string]any{
				"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": answer}}},
				"usage":   map[string]any{"prompt_tokens": n, "completion_tokens": 3},
			})
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(f.Close)
	return f
}

// byteVocab is one token per byte; splitVocab is another vocabulary that
// also adds up piece by piece but splits every "e" in two.
func byteVocab(s string) []int {
	ids := make([]int, len(s))
	for i := range len(s) {
		ids[i] = int(s[i])
	}
	return ids
}

func splitVocab(s string) []int {
	ids := make([]int, 0, len(s))
	for i := range len(s) {
		ids = append(ids, 300+int(s[i]))
		if s[i] == 'e' {
			ids = append(ids, 299)
		}
	}
	return ids
}

func writeJSON(w http.ResponseWriter, v any) { json.NewEncoder(w).Encode(v) }
