package ollamatest

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"niah/gguf"
	"niah/internal/tinymodel"
)

func TestMain(m *testing.M) { Main(m) }

// prompt returns n ASCII bytes; tag makes prompts differ from the first
// byte on, so no request reuses another's KV cache and prefill times are real.
func prompt(tag byte, n int) string {
	const filler = "The grass is green. The sky is blue. The sun is yellow. Here we go. "
	var b strings.Builder
	b.WriteByte(tag)
	for b.Len() < n {
		b.WriteString(filler)
	}
	return b.String()[:n]
}

// genResponse holds the /api/generate and /api/chat fields we depend on.
type genResponse struct {
	Error              string `json:"error"`
	DoneReason         string `json:"done_reason"`
	PromptEvalCount    int    `json:"prompt_eval_count"`
	PromptEvalDuration int64  `json:"prompt_eval_duration"` // ns
	EvalCount          int    `json:"eval_count"`
}

var greedy = map[string]any{"num_ctx": 2048, "num_predict": 4, "temperature": 0, "seed": 1}

func decode[T any](t testing.TB, what string, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("%s: %v in %s", what, err, body)
	}
	return v
}

// tinyServer creates the tiny byte-level model on the shared server.
func tinyServer(t *testing.T) *Server {
	s := Shared(t)
	path := filepath.Join(t.TempDir(), "tiny.gguf")
	if err := tinymodel.Write(path, 1, tinymodel.Options{}); err != nil {
		t.Fatal(err)
	}
	s.Create(t, "tiny", path, "")
	return s
}

// TestOllamaFacts records, by asserting them, the behaviours of Ollama
// v0.17.4 that niah relies on to calibrate lengths. The tiny model has one
// token per byte and tokenizer.ggml.add_bos_token=true. Observed (CPU):
//   - prompt_eval_count = bytes + 1: BOS is counted, on /api/generate (raw)
//     and /api/chat (raw template) alike;
//   - too long, default flags: HTTP 200, prompt_eval_count = num_ctx exactly
//     (the runner keeps num_keep head tokens and the tail);
//   - the limit is tokens > num_ctx: a prompt of exactly num_ctx tokens
//     (BOS included) is accepted and then yields one token ("length");
//   - "truncate": false (with or without "shift": false): HTTP 400
//     {"error":"the input length exceeds the context length"};
//   - "shift": false alone: still cut to num_ctx, then generation stops
//     (done_reason "length", at most 1 token);
//   - /v1/chat/completions: model loaded at the server default window
//     (4096 without GPU) and usage.prompt_tokens = that window;
//   - /api/ps context_length = the num_ctx loaded; /api/show model_info
//     <arch>.context_length = the GGUF's trained context.
func TestOllamaFacts(t *testing.T) {
	s := tinyServer(t)

	generate := func(t *testing.T, p string, extra map[string]any) (int, genResponse) {
		req := map[string]any{"model": "tiny", "prompt": p, "raw": true, "stream": false, "options": greedy}
		for k, v := range extra {
			req[k] = v
		}
		start := time.Now()
		code, body := s.PostJSON(t, "/api/generate", req)
		r := decode[genResponse](t, "/api/generate", body)
		t.Logf("/api/generate %d bytes %v: HTTP %d, prompt_eval_count %d, prefill %v, wall %v, error %q",
			len(p), extra, code, r.PromptEvalCount, time.Duration(r.PromptEvalDuration), time.Since(start).Round(time.Millisecond), r.Error)
		return code, r
	}

	t.Run("generate counts BOS", func(t *testing.T) {
		code, r := generate(t, prompt('a', 1000), nil)
		if code != 200 || r.PromptEvalCount != 1001 {
			t.Errorf("HTTP %d, prompt_eval_count %d; want 200 and 1001 (1000 byte tokens + BOS)", code, r.PromptEvalCount)
		}
	})

	t.Run("chat with raw template counts the same", func(t *testing.T) {
		req := map[string]any{"model": "tiny", "stream": false, "options": greedy,
			"messages": []map[string]string{{"role": "user", "content": prompt('b', 1000)}}}
		code, body := s.PostJSON(t, "/api/chat", req)
		r := decode[genResponse](t, "/api/chat", body)
		t.Logf("/api/chat 1000 bytes: HTTP %d, prompt_eval_count %d, prefill %v", code, r.PromptEvalCount, time.Duration(r.PromptEvalDuration))
		if code != 200 || r.PromptEvalCount != 1001 {
			t.Errorf("HTTP %d, prompt_eval_count %d; want 200 and 1001", code, r.PromptEvalCount)
		}
	})

	// Multi-byte UTF-8 is one token per byte too: the byte fallback of
	// llama.cpp's BPE spells each byte with its GPT-2 character.
	t.Run("utf8 counts bytes", func(t *testing.T) {
		p := strings.Repeat("héllo wörld — 日本語. ", 20)
		code, r := generate(t, p, nil)
		if code != 200 || r.PromptEvalCount != len(p)+1 {
			t.Errorf("HTTP %d, prompt_eval_count %d; want 200 and %d (bytes + BOS)", code, r.PromptEvalCount, len(p)+1)
		}
	})

	// 3000 bytes = 3001 tokens into num_ctx 2048.
	t.Run("too long is silently cut to num_ctx by default", func(t *testing.T) {
		code, r := generate(t, prompt('c', 3000), nil)
		if code != 200 || r.PromptEvalCount != 2048 {
			t.Errorf("HTTP %d, prompt_eval_count %d; want 200 and exactly num_ctx 2048 (head num_keep + tail)", code, r.PromptEvalCount)
		}
	})

	for _, flags := range []map[string]any{
		{"truncate": false, "shift": false},
		{"truncate": false},
	} {
		t.Run("too long is refused with truncate false", func(t *testing.T) {
			code, r := generate(t, prompt('d', 3000), flags)
			if code != 400 || !strings.Contains(r.Error, "exceeds the context length") {
				t.Errorf("HTTP %d, error %q; want 400 and %q", code, r.Error, "the input length exceeds the context length")
			}
		})
	}

	// Same prompt as the default cut above, so its prefill is a cache hit.
	t.Run("shift false alone still cuts, then stops generating", func(t *testing.T) {
		code, r := generate(t, prompt('c', 3000), map[string]any{"shift": false})
		if code != 200 || r.PromptEvalCount != 2048 || r.DoneReason != "length" || r.EvalCount > 1 {
			t.Errorf("HTTP %d, prompt_eval_count %d, done_reason %q, eval_count %d; want 200, 2048, length, <=1",
				code, r.PromptEvalCount, r.DoneReason, r.EvalCount)
		}
	})

	t.Run("ps reports the loaded num_ctx", func(t *testing.T) {
		if got := loadedContext(t, s); got != 2048 {
			t.Errorf("/api/ps context_length %d, want 2048", got)
		}
	})

	t.Run("show reports the trained context", func(t *testing.T) {
		code, body := s.PostJSON(t, "/api/show", map[string]any{"model": "tiny"})
		r := decode[struct {
			ModelInfo map[string]any `json:"model_info"`
		}](t, "/api/show", body)
		if got := r.ModelInfo["llama.context_length"]; code != 200 || got != float64(32768) {
			t.Errorf("HTTP %d, model_info llama.context_length %v; want 32768", code, got)
		}
	})

	// The runner cuts or refuses only when tokens > num_ctx: a prompt that
	// fills the window exactly is accepted whole. A small window keeps this
	// cheap (it reloads the model at num_ctx 512).
	t.Run("boundary is tokens > num_ctx", func(t *testing.T) {
		strict := map[string]any{"truncate": false, "shift": false,
			"options": map[string]any{"num_ctx": 512, "num_predict": 4, "temperature": 0, "seed": 1}}
		code, r := generate(t, prompt('h', 511), strict)
		if code != 200 || r.PromptEvalCount != 512 {
			t.Errorf("511 bytes = 512 tokens in num_ctx 512: HTTP %d, prompt_eval_count %d, error %q; want 200 and 512", code, r.PromptEvalCount, r.Error)
		}
		t.Logf("window filled by the prompt: done_reason %q, eval_count %d", r.DoneReason, r.EvalCount)
		code, r = generate(t, prompt('h', 512), strict)
		if code != 400 || !strings.Contains(r.Error, "exceeds the context length") {
			t.Errorf("512 bytes = 513 tokens in num_ctx 512: HTTP %d, error %q; want 400", code, r.Error)
		}
	})

	t.Run("F16 tiny model loads", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "tiny16.gguf")
		if err := tinymodel.Write(path, 1, tinymodel.Options{Type: gguf.F16}); err != nil {
			t.Fatal(err)
		}
		s.Create(t, "tiny16", path, "")
		req := map[string]any{"model": "tiny16", "prompt": prompt('g', 100), "raw": true, "stream": false, "options": greedy}
		code, body := s.PostJSON(t, "/api/generate", req)
		if r := decode[genResponse](t, "/api/generate", body); code != 200 || r.PromptEvalCount != 101 {
			t.Errorf("HTTP %d, prompt_eval_count %d, error %q; want 200 and 101", code, r.PromptEvalCount, r.Error)
		}
	})

	// /v1 cannot set num_ctx: the model is reloaded at the server's default
	// window and the prompt is cut to exactly that window.
	t.Run("v1 cuts to the default window", func(t *testing.T) {
		req := map[string]any{"model": "tiny", "max_tokens": 4, "temperature": 0, "seed": 1,
			"messages": []map[string]string{{"role": "user", "content": prompt('f', 5000)}}}
		start := time.Now()
		code, body := s.PostJSON(t, "/v1/chat/completions", req)
		r := decode[struct {
			Usage struct {
				PromptTokens int `json:"prompt_tokens"`
			} `json:"usage"`
		}](t, "/v1/chat/completions", body)
		window := loadedContext(t, s)
		t.Logf("/v1/chat/completions 5000 bytes: HTTP %d, prompt_tokens %d, loaded context %d, wall %v",
			code, r.Usage.PromptTokens, window, time.Since(start).Round(time.Millisecond))
		if code != 200 || r.Usage.PromptTokens != window || window >= 5001 {
			t.Errorf("HTTP %d, prompt_tokens %d, /api/ps context_length %d; want 200 and prompt_tokens == context_length < 5001",
				code, r.Usage.PromptTokens, window)
		}
	})
}

// loadedContext returns /api/ps context_length of the tiny model.
func loadedContext(t *testing.T, s *Server) int {
	t.Helper()
	_, body := s.GetJSON(t, "/api/ps")
	r := decode[struct {
		Models []struct {
			Name          string `json:"name"`
			ContextLength int    `json:"context_length"`
		} `json:"models"`
	}](t, "/api/ps", body)
	for _, m := range r.Models {
		if m.Name == "tiny:latest" {
			return m.ContextLength
		}
	}
	t.Fatalf("/api/ps does not list tiny:latest: %s", body)
	return 0
}
