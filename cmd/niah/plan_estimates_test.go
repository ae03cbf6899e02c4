package main

import (
	"os"
	"path/filepath"
	"testing"

	"niah/results"
)

func TestMeasuredRateReadsEarlierRuns(t *testing.T) {
	dir := t.TempDir()
	write := func(run string, recs ...results.Record) {
		if err := os.MkdirAll(filepath.Join(dir, run), 0o755); err != nil {
			t.Fatal(err)
		}
		s, _, err := results.OpenStore(filepath.Join(dir, run, results.ResultsFile))
		if err != nil {
			t.Fatal(err)
		}
		for i := range recs {
			if err := s.Append(&recs[i]); err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
	}
	n := func(v int) *int { return &v }
	ms := func(v float64) *float64 { return &v }
	write("a", results.Record{ID: "1", Model: "llamacpp:any", Status: "ok", PromptTokensServer: n(4000), ComputedTokens: n(1000), PrefillMS: ms(500)},
		results.Record{ID: "2", Model: "llamacpp:any", Status: "ok", PromptTokensServer: n(4000), ComputedTokens: n(3000), PrefillMS: ms(1500)},
		results.Record{ID: "3", Model: "other", Status: "ok", PromptTokensServer: n(10), ComputedTokens: n(10), PrefillMS: ms(1)})
	write("b", results.Record{ID: "4", Label: "ollama:m", Model: "ollama:m@http://x", Status: "ok", PromptTokensServer: n(3000), PrefillMS: ms(1000)})

	rate, trials, upper, from := measuredRate(dir, "llamacpp:any")
	if rate != 2000 || trials != 2 || upper || len(from) != 1 {
		t.Errorf("llama.cpp: %v tok/s over %d trials, upper %v, from %v; want 4000 computed in 2 s", rate, trials, upper, from)
	}
	// No computed count: prompt tokens over time, flagged as an upper bound.
	if rate, trials, upper, _ := measuredRate(dir, "ollama:m"); rate != 3000 || trials != 1 || !upper {
		t.Errorf("ollama: %v tok/s over %d trials, upper %v", rate, trials, upper)
	}
	if _, trials, _, _ := measuredRate(dir, "nobody"); trials != 0 {
		t.Errorf("a model never run has no rate")
	}
}
