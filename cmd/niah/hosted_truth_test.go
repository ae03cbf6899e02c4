package main

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"niah/results"
)

// TestGeminiThinkingBudgetRecordsReasoning: with --option thinking_budget
// the request asks for the thought summary (includeThoughts), so the
// reasoning the user paid for lands in the records' reasoning field. The
// fake answers as the API does: thought parts only when asked.
func TestGeminiThinkingBudgetRecordsReasoning(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "gk-test-key")
	var srv *hostedFake
	srv = newFakeGemini(t, func(w http.ResponseWriter, n int, prompt string, stream bool) {
		thought := ""
		if srv.askedThoughts(n) { // as the API: thought parts only when asked
			thought = `{"text":"The key is near the middle.","thought":true},`
		}
		fmt.Fprintf(w, `{"candidates":[{"content":{"role":"model","parts":[%s{"text":%q}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":%d,"thoughtsTokenCount":7,"candidatesTokenCount":2}}`,
			thought, mustSolve(prompt), len(prompt))
	})
	dir := t.TempDir()
	_, stderr, err := hostedRun(t, "gemini:g@"+srv.URL+"/v1beta", dir, "--option", "thinking_budget=512", "--max-tokens", "1024", "--lengths", "2k")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, r := range loadRecs(t, dir) {
		if r.Status != results.StatusOK || r.Score != 1 || r.Reasoning != "The key is near the middle." {
			t.Errorf("%s: reasoning %q (status %s, score %g)", r.ID, r.Reasoning, r.Status, r.Score)
		}
	}
}

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
