package e2e

import (
	"strings"
	"testing"

	"niah/refmodel"
	"niah/results"
	"niah/stats"
)

// The sliding-window reference model (gemma2, served by Ollama's default
// llama.cpp runner) through the whole chain: niah must record the
// distances, find the key exactly where the needle is within the window's
// reach of the question, and diagnose a distance limit whose bracket holds
// it (the reach: W-81 tokens on llama.cpp, for the passkey format), where
// the length alone explains nothing (the needle next to the question is
// found at every length).
func TestReferenceModelWindowDiagnosis(t *testing.T) {
	const w = 1024
	reach := w - 81 // the longest distance llama.cpp's window lets the model read (refmodel.TestForwardWindow)
	run := runNiah(t, 9, "--model", refModel(t, "niah-ref-swa1024", refmodel.Options{SlidingWindow: w}),
		"--task", "passkey", "--haystack", "noise", "--tokenizer", "bytes",
		"--lengths", "1k,2k,3k", "--depths", "0,50,100", "--trials", "1", "--max-tokens", "8")
	for _, r := range run.recs {
		if r.Status != results.StatusOK || r.DistanceTokens == nil {
			t.Fatalf("%s: status %s/%s, distance %v", r.ID, r.Status, r.Reason, r.DistanceTokens)
		}
		if want := *r.DistanceTokens <= reach; (r.Score == 1) != want {
			t.Errorf("%s: needle %d tokens before the question: score %v, want found=%v", r.ID, *r.DistanceTokens, r.Score, want)
		}
	}
	d := stats.Diagnose(stats.Summarize(run.recs)[0])
	if d.Kind != stats.DistanceLimit || d.Holds > reach || d.Fails <= reach {
		t.Errorf("diagnosis %d with bracket [%d, %d]: want a distance limit bracketing %d", d.Kind, d.Holds, d.Fails, reach)
	}
	if !strings.Contains(run.stdout, "diagnosis: distance limit near ") || !strings.Contains(run.stdout, "(tokens from the needle to the question)") {
		t.Errorf("the summary should print the distance table and name the distance limit")
	}
}

// The global-layer variant retrieves at every distance: no failure. (3K
// alone: its needles lie 0, 1,413 and 2,827 tokens from the question.)
func TestReferenceModelGlobalLayerNoFailure(t *testing.T) {
	run := runNiah(t, 3, "--model", refModel(t, "niah-ref-swa1024-global", refmodel.Options{SlidingWindow: 1024, GlobalLayer: true}),
		"--task", "passkey", "--haystack", "noise", "--tokenizer", "bytes",
		"--lengths", "3k", "--depths", "0,50,100", "--trials", "1", "--max-tokens", "8")
	for _, r := range run.recs {
		if r.Status != results.StatusOK || r.Score != 1 {
			t.Errorf("%s (needle %v tokens before the question): %s, score %v, answer %q", r.ID, *r.DistanceTokens, r.Status, r.Score, r.Answer)
		}
	}
	if d := stats.Diagnose(stats.Summarize(run.recs)[0]); d.Kind != stats.NoFailure {
		t.Errorf("diagnosis %d, want no failure", d.Kind)
	}
	if !strings.Contains(run.stdout, "diagnosis: no failure") {
		t.Error("the summary should say no failure")
	}
}
