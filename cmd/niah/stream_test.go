package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"niah/results"
)

// TestRefusedOptionStopsTheRunBeforeAnyTrial: an extended-thinking budget
// that does not fit --max-tokens is one line naming both, before any
// message is sent and before a results file exists.
func TestRefusedOptionStopsTheRunBeforeAnyTrial(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "ak-test")
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.Path)
		mu.Unlock()
		if r.URL.Path == "/v1/models/claude-x" {
			w.Write([]byte(`{"id":"claude-x","type":"model","max_input_tokens":200000,"max_tokens":64000}`))
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	dir := t.TempDir()
	_, _, err := runNiah(t, "run", "--model", "anthropic:claude-x@"+srv.URL, "--lengths", "4k", "--out", dir,
		"--option", "thinking_budget=2048", "--max-tokens", "512")
	if err == nil || !strings.Contains(err.Error(), "--option thinking_budget=2048") || !strings.Contains(err.Error(), "--max-tokens") ||
		strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "ak-test") {
		t.Fatalf("want one line naming --option thinking_budget and --max-tokens, got %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, s := range seen {
		if strings.HasPrefix(s, "POST /v1/messages") && s != "POST /v1/messages/count_tokens" {
			t.Fatalf("a message was sent: %v", seen)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, results.ResultsFile)); !os.IsNotExist(err) {
		t.Error("no results file should be written")
	}
}

// TestStreamWithSimSaysSo: the simulation has nothing to stream; --stream
// with it is one warning line, in the manifest too, not silence.
func TestStreamWithSimSaysSo(t *testing.T) {
	dir := t.TempDir()
	_, stderr, err := runNiah(t, "run", "--model", "sim", "--lengths", "4k", "--depths", "1", "--stream", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	const want = "sim: streaming has no effect"
	if strings.Count(stderr, want) != 1 {
		t.Fatalf("stderr:\n%s", stderr)
	}
	_, man, _, err := results.LoadRun(dir)
	if err != nil || len(man.Warnings) != 1 || !strings.HasPrefix(man.Warnings[0], want) {
		t.Fatalf("manifest warnings %v %v", man.Warnings, err)
	}
}
