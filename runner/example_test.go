package runner_test

import (
	"context"
	"fmt"
	"os"

	"niah/corpora"
	"niah/haystack"
	"niah/needle"
	"niah/results"
	"niah/runner"
	"niah/stats"
)

// A whole run driven from code: prepare the simulation, open a run
// directory, send every trial, and measure the effective context length.
// This is what `niah run --model sim:8k --lengths 2k..16k` does, with no
// command line in between.
func Example() {
	dir, _ := os.MkdirTemp("", "niah-example")
	defer os.RemoveAll(dir)
	ctx := context.Background()

	task, _ := needle.ByName("single")
	setup := runner.Setup{
		Grid:   runner.Grid{Lengths: []int{2048, 4096, 8192, 16384}, Depths: []float64{0, 50, 100}, Trials: 2},
		Task:   task,
		Corpus: corpora.Builtin(0),
		Seed:   42,
		// auto picks the server's own tokenizer; the simulation has one.
		Tokenizer: "auto",
		Cache:     haystack.NewCache(dir),
	}
	model, err := runner.Prepare(ctx, setup, runner.ModelConfig{Spec: "sim:8k", MaxTokens: 64})
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg := runner.Config{Grid: setup.Grid, MaxTokens: 64, Concurrency: 2, Order: "prefix"}
	rd, _, err := runner.OpenRunDir(dir, runner.NewManifest(setup, cfg, []*runner.Model{model}), true)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer rd.Close()
	cfg.Store = rd.Store
	outcome, err := runner.Run(ctx, cfg, []runner.Job{model.Job})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("sent %d of %d trials\n", outcome.Done, outcome.Planned)

	recs, _, _, err := results.LoadRun(rd.Path)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := stats.Summarize(recs)[0]
	for _, l := range s.PerLength {
		fmt.Printf("%6d tokens: %d valid, %d invalid, accuracy %.2f\n", l.Length, l.Valid, l.Invalid, l.Mean)
	}
	eff := stats.Criteria{}.Effective(s)
	fmt.Println("effective context (RULER):", eff.RULER)
	// Output:
	// sent 24 of 24 trials
	//   2048 tokens: 6 valid, 0 invalid, accuracy 1.00
	//   4096 tokens: 6 valid, 0 invalid, accuracy 0.50
	//   8192 tokens: 6 valid, 0 invalid, accuracy 0.33
	//  16384 tokens: 0 valid, 6 invalid, accuracy 0.00
	// effective context (RULER): 2048
}
