package refmodel

import (
	"strings"
	"testing"

	"niah/internal/ollamatest"
)

// The windowed model on a real Ollama: the boundary the pure-Go forward
// pass predicts (TestForwardWindow) must be the engine's, to the token.
// Ollama v0.17.4 runs gemma2 on llama.cpp, whose sliding layers see W keys
// (the query's own included); OLLAMA_NEW_ENGINE=1 runs it on Ollama's Go
// engine, whose layers see W+1. So the longest reach that retrieves is
// W-1 on one and W on the other.

const ollamaWindow = 1024

// windowCheck is one prompt: the reach the needle needs and whether the
// model must retrieve.
type windowCheck struct {
	opts   Options
	length int
	reach  int
	want   bool
}

func runWindowChecks(t *testing.T, srv *ollamatest.Server, engine string, checks []windowCheck) {
	t.Helper()
	made := map[string]bool{}
	for _, c := range checks {
		name := c.opts.Name()
		if !made[name] {
			createOn(t, ollamatest.Shared(t), c.opts, name) // srv shares the shared server's model store
			made[name] = true
		}
		dist := c.reach - passkeyReach(0)
		got := ask(t, srv, name, c.opts, passkeyPromptAt(c.length, dist))
		if ok := strings.HasPrefix(got, " "+passkeyValue); ok != c.want {
			t.Errorf("%s on %s: needle %d tokens before the question (reach %d): answer %q, want retrieval %v",
				name, engine, dist, c.reach, got, c.want)
		}
	}
	if !strings.Contains(srv.Logs(), engine) {
		t.Errorf("%s: the server log never shows %q: the model ran on another engine", srv.URL, engine)
	}
}

// TestOllamaWindowLlamaCpp: llama.cpp (Ollama's default for gemma2). The
// global-layer variant retrieves far beyond the window.
func TestOllamaWindowLlamaCpp(t *testing.T) {
	srv := ollamatest.Shared(t)
	win, global := Options{SlidingWindow: ollamaWindow}, Options{SlidingWindow: ollamaWindow, GlobalLayer: true}
	runWindowChecks(t, srv, "runner --model", []windowCheck{
		{win, 1250, ollamaWindow - 1, true}, {win, 1250, ollamaWindow, false}, {global, 1400, 1200, true}})
}

// TestOllamaWindowGoEngine: the same file on Ollama's Go engine, one
// token further.
func TestOllamaWindowGoEngine(t *testing.T) {
	shared := ollamatest.Shared(t)
	srv := ollamatest.StartWith(t, shared.ModelsDir(), "OLLAMA_NEW_ENGINE=1")
	win := Options{SlidingWindow: ollamaWindow}
	runWindowChecks(t, srv, "runner --ollama-engine --model", []windowCheck{
		{win, 1250, ollamaWindow, true}, {win, 1250, ollamaWindow + 1, false}})
}
