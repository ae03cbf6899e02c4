package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/results"
)

// A haystack repeated on request reaches the longest prompt in the
// planning tokenizer, not only the length in the model's tokens: cl100k
// counts twice the simulation's tokens on this text, and the repeat was
// sized for the model's count (issue 24: "has 98304 cl100k tokens,
// length 131072 needs 130977: ... allow repetition with
// --haystack-repeat", which was given).
func TestRepeatedHaystackReachesTheCalibratedLength(t *testing.T) {
	dir := t.TempDir()
	hay := filepath.Join(dir, "one-byte.txt")
	os.WriteFile(hay, []byte("x"), 0o644)
	out := filepath.Join(dir, "run")
	_, stderr, err := runNiah(t, "run", "--model", "sim", "--lengths", "64k", "--depths", "50%", "--trials", "1",
		"--haystack", hay, "--haystack-repeat", "--tokenizer", "cl100k", "--out", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	recs, _, _, err := results.LoadRun(out)
	if err != nil || len(recs) != 1 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	if r := recs[0]; r.PromptTokens < 2*60000 || r.PromptTokensServer == nil || *r.PromptTokensServer < 60000 {
		t.Errorf("planned %d cl100k tokens, server %v: want about 2 x 64K planned for 64K of the model's", r.PromptTokens, r.PromptTokensServer)
	}
}

// Zero-width characters a server sends never reach the terminal.
func TestServerZeroWidthNeverPrinted(t *testing.T) {
	const hidden = "bo\u200bom\u200d\u2060\ufeff\U000E0041"
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/models") {
			w.Write([]byte(`{"data":[{"id":"m"}]}`))
			return
		}
		http.Error(w, `{"error":{"message":"`+hidden+`"}}`, http.StatusBadRequest)
	}))
	defer ts.Close()
	stdout, stderr, err := hostileRun(t, ts.URL, t.TempDir(), "--retries", "0")
	if err != nil && strings.ContainsAny(err.Error(), "\u200b\u200d\u2060\ufeff\U000E0041") {
		t.Errorf("error line: %q", err)
	}
	if !strings.Contains(stderr, "boom") {
		t.Fatalf("the server's message should be shown, cleaned:\n%s", stderr)
	}
	if strings.ContainsAny(stdout+stderr, "\u200b\u200d\u2060\ufeff\U000E0041") {
		t.Errorf("zero-width characters reached the terminal:\n%q\n%q", stdout, stderr)
	}
}
