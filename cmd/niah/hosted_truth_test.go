package main

import (
	"net/http"
	"strings"
	"testing"

	"niah/results"
)

// TestAnthropicBetaReachesEveryEndpoint: --option anthropic-beta goes on
// the models lookup, the token counts and the messages alike, so the
// context the run reports is the beta's (1M), not the plain model's.
func TestAnthropicBetaReachesEveryEndpoint(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "ak-test-key")
	srv := newFakeAnthropic(t, func(w http.ResponseWriter, n int, prompt string, stream bool) {
		w.Write([]byte(anthropicMessage(mustSolve(prompt), "end_turn", len(prompt))))
	})
	dir := t.TempDir()
	_, stderr, err := runNiah(t, "run", "--model", "anthropic:claude-x@"+srv.URL, "--lengths", "1k", "--depths", "50%", "--trials", "1",
		"--max-tokens", "16", "--option", "anthropic-beta=context-1m-2025-08-07", "--out", dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	seen := srv.seen()
	kinds := map[string]bool{}
	for _, s := range seen {
		path, _, _ := strings.Cut(s, "?")
		kinds[path] = true
		if !strings.HasSuffix(s, "?beta=true beta=context-1m-2025-08-07") {
			t.Errorf("went without the beta: %s", s)
		}
	}
	for _, want := range []string{"GET /v1/models/claude-x", "POST /v1/messages/count_tokens", "POST /v1/messages"} {
		if !kinds[want] {
			t.Errorf("no %s among %v", want, seen)
		}
	}
	_, man, _, _ := results.LoadRun(dir)
	if man == nil || man.Models[0].ContextLength != 1000000 {
		t.Fatalf("the manifest must hold the beta's context: %+v", man)
	}
}
