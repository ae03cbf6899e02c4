package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"niah/results"
)

// counting counts every request a handler gets.
func counting(h http.Handler, n *atomic.Int32) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		h.ServeHTTP(w, r)
	})
}

// TestOptionRefusalsSendNothing: every --option a protocol refuses is
// refused before the first request, so the server lookup (which carries
// the key) never goes out: a one-line error naming the option, zero
// requests, no results file. Includes thinking_budget on an
// OpenAI-compatible server and on Ollama's native API, pointing to the
// field they take.
func TestOptionRefusalsSendNothing(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "gk-test-key")
	t.Setenv("ANTHROPIC_API_KEY", "ak-test-key")
	t.Setenv("OPENAI_API_KEY", "ok-test-key")
	never := func(w http.ResponseWriter, n int, prompt string, stream bool) {
		http.Error(w, "no trial expected", 500)
	}
	gemini := func(t *testing.T) (string, *atomic.Int32) {
		f := newFakeGemini(t, never)
		return "gemini:g@" + f.URL + "/v1beta", &f.requests
	}
	anthropic := func(t *testing.T) (string, *atomic.Int32) {
		f := newFakeAnthropic(t, never)
		return "anthropic:claude-x@" + f.URL, &f.requests
	}
	ollama := func(prefix, suffix string) func(t *testing.T) (string, *atomic.Int32) {
		return func(t *testing.T) (string, *atomic.Int32) {
			f := newFakeOllama(t, func(w http.ResponseWriter, req chatReq, v1 bool) { http.Error(w, "no trial expected", 500) })
			n := &atomic.Int32{}
			f.Config.Handler = counting(f.Config.Handler, n)
			return prefix + f.URL + suffix, n
		}
	}
	for _, c := range []struct {
		name    string
		server  func(*testing.T) (string, *atomic.Int32)
		options []string
		says    string
	}{
		{"anthropic budget below 1024", anthropic, []string{"thinking_budget=500"}, "--option thinking_budget=500: Anthropic's extended thinking takes at least 1024"},
		{"anthropic budget above max tokens", anthropic, []string{"thinking_budget=2048"}, "raise --max-tokens"},
		{"anthropic temperature with thinking", anthropic, []string{"thinking_budget=1024", "temperature=0.5"}, "--option temperature=0.5: Anthropic's extended thinking cannot be combined"},
		{"anthropic stream", anthropic, []string{"stream=true"}, "--option stream: use --stream"},
		{"gemini budget below -1", gemini, []string{"thinking_budget=-2"}, "--option thinking_budget=-2: Gemini takes a budget of 0 or more"},
		{"gemini stream", gemini, []string{"stream=true"}, "--option stream: use --stream"},
		{"openai-compatible thinking_budget", ollama("openai:q@", "/v1"), []string{"thinking_budget=1024"}, "--option thinking_budget: OpenAI-compatible APIs take no thinking budget (sent as is, it fails every trial); use --option reasoning_effort=low|medium|high"},
		{"vllm thinking_budget", ollama("vllm:q@", "/v1"), []string{"thinking_budget=1024"}, "vLLM's own field, --option thinking_token_budget=N"},
		{"openai-compatible stream", ollama("openai:q@", "/v1"), []string{"stream=true"}, "--option stream: use --stream"},
		{"ollama truncate", ollama("ollama:q@", ""), []string{"truncate=true"}, "--option truncate: niah pins this field"},
		{"ollama thinking_budget", ollama("ollama:q@", ""), []string{"thinking_budget=1024"}, "--option thinking_budget: Ollama takes no thinking budget; use --option think="},
	} {
		t.Run(c.name, func(t *testing.T) {
			spec, requests := c.server(t)
			dir := t.TempDir()
			args := []string{"run", "--model", spec, "--lengths", "4k", "--depths", "50%", "--trials", "1", "--max-tokens", "1500", "--out", dir}
			for _, o := range c.options {
				args = append(args, "--option", o)
			}
			_, _, err := runNiah(t, args...)
			t.Logf("requests before the refusal: %d", requests.Load())
			if err == nil || !strings.Contains(err.Error(), c.says) || strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "test-key") {
				t.Fatalf("want one line saying %q, got %v", c.says, err)
			}
			if n := requests.Load(); n != 0 {
				t.Errorf("%d requests reached the server before the refusal", n)
			}
			if _, err := os.Stat(filepath.Join(dir, results.ResultsFile)); !os.IsNotExist(err) {
				t.Error("no results file should be written")
			}
		})
	}
}
