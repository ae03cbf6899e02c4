package main

import (
	"os"
	"path/filepath"
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
