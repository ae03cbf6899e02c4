package refmodel

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"niah/internal/ollamatest"
)

func TestMain(m *testing.M) { ollamatest.Main(m) }

// cell is one passkey prompt for the real server and whether the model
// must retrieve the key there.
type cell struct {
	length int
	depth  float64
	want   bool
}

// TestOllamaBase serves the base model with a real Ollama: retrieval at
// every depth within the designed 2,310 tokens, garbage past it. The
// prompts are slow on CPU (about 14 s at 2K), so the default run does
// 1K x 3 depths + 2K + 3K at 50%; NIAH_SLOW=1 runs the full grid.
func TestOllamaBase(t *testing.T) {
	cells := []cell{{1024, 0, true}, {1024, 50, true}, {1024, 100, true}, {2048, 50, true}, {3072, 50, false}}
	if slow() {
		cells = nil
		for _, d := range []float64{0, 50, 100} {
			cells = append(cells, cell{1024, d, true}, cell{2048, d, true}, cell{3072, d, false})
		}
	}
	runOllamaCells(t, Options{}, "niah-ref", cells)
}

// TestOllamaRopeScale2 serves the linear-scale-2 variant: it must retrieve
// at 3K, where the base model fails. Opt-in (NIAH_SLOW=1): minutes on CPU.
func TestOllamaRopeScale2(t *testing.T) {
	if !slow() {
		t.Skip("NIAH_SLOW=1 runs the rope-scale-2 model on Ollama (minutes on CPU)")
	}
	cells := []cell{{1024, 50, true}, {3072, 0, true}, {3072, 50, true}, {3072, 100, true}, {4352, 50, true}}
	runOllamaCells(t, Options{RopeScale: 2}, "niah-ref-x2", cells)
}

func slow() bool { return os.Getenv("NIAH_SLOW") == "1" }

func runOllamaCells(t *testing.T, opts Options, name string, cells []cell) {
	srv := ollamatest.Shared(t)
	createOn(t, srv, opts, name)
	for _, c := range cells {
		got := ask(t, srv, name, opts, passkeyPrompt(c.length, c.depth))
		if ok := strings.HasPrefix(got, " "+passkeyValue); ok != c.want {
			t.Errorf("%s length %d depth %v: answer %q, want retrieval %v", name, c.length, c.depth, got, c.want)
		}
	}
}

// createOn writes the variant opts and registers it on srv as name.
func createOn(t *testing.T, srv *ollamatest.Server, opts Options, name string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name+".gguf")
	if err := Write(path, opts); err != nil {
		t.Fatal(err)
	}
	srv.Create(t, name, path, "")
}

// ask sends one prompt to the model name on srv (greedy, 8 tokens) and
// returns the answer, checking that the server counted one token per byte.
func ask(t *testing.T, srv *ollamatest.Server, name string, opts Options, prompt string) string {
	t.Helper()
	status, body := srv.PostJSON(t, "/api/generate", map[string]any{
		"model": name, "prompt": prompt, "stream": false,
		"options": map[string]any{"temperature": 0, "seed": 1, "num_predict": 8, "num_ctx": opts.ContextLength()},
	})
	if status != 200 {
		t.Fatalf("%s: /api/generate status %d: %s", srv.URL, status, body)
	}
	var r struct {
		Response           string `json:"response"`
		PromptEvalCount    int    `json:"prompt_eval_count"`
		PromptEvalDuration int64  `json:"prompt_eval_duration"`
	}
	if err := json.Unmarshal(body, &r); err != nil {
		t.Fatalf("%s: bad /api/generate response %q: %v", srv.URL, body, err)
	}
	t.Logf("%s (%d bytes): %q, %d prompt tokens evaluated in %v",
		name, len(prompt), r.Response, r.PromptEvalCount, time.Duration(r.PromptEvalDuration).Round(time.Millisecond))
	if r.PromptEvalCount > len(prompt)+1 {
		t.Errorf("server counted %d prompt tokens for %d bytes: the vocabulary is not one token per byte", r.PromptEvalCount, len(prompt))
	}
	return r.Response
}
