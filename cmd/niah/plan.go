package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"niah/needle"
	"niah/runner"
	"niah/stats"
	"niah/units"
)

// planCmd prints the cells, total prompt tokens and number of requests of a
// grid; it sends nothing.
func planCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("plan", stderr)
	var g gridFlags
	g.register(fs, runner.OfflineTokenizer)
	var models []string
	fs.StringArrayVar(&models, "model", nil, "model spec or label (repeatable): the requests multiply by the models; times use its prefill rate measured by earlier runs")
	ratesFrom := fs.String("rates-from", "runs", "directory of earlier runs (DIR/*/results.jsonl) to read measured prefill rates from")
	resolution, target := new(float64), new(float64)
	fractionVar(fs, resolution, "resolution", runner.DefaultResolution, "the --adaptive resolution the search estimate assumes (0.05 or 5%)")
	fractionVar(fs, target, "target", runner.DefaultTarget, "the --adaptive --target the search estimate assumes (0.25 or 25%)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	p, prs, err := g.offline(ctx)
	if err != nil {
		return err
	}
	nModels := max(len(models), 1)
	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "length\tcells\ttrials\tprompt tokens\t\n")
	total, requests := 0, 0
	var tree stats.PrefixTree // the least a prefix cache computes
	cellsAll := 0
	for _, l := range p.Grid.Lengths {
		tokens, n, cells := 0, 0, 0
		for _, pr := range prs {
			cells += len(p.Grid.Depths)
			if needle.Depthless(pr.Task) {
				cells -= len(p.Grid.Depths) - 1 // one row
			}
			for _, it := range runner.ItemsFor(runner.Grid{Lengths: []int{l}, Depths: p.Grid.Depths, Trials: p.Grid.Trials}, pr.Task) {
				if err := ctx.Err(); err != nil {
					return err
				}
				prompt, err := pr.Build("", it)
				if err != nil {
					return explain(err)
				}
				tokens += prompt.Layout.Tokens
				tree.Add(prompt.Layout.Tokens, prompt.Offset())
				n++
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t\n", units.FormatLength(l), cells, n, tokens)
		total += tokens
		requests += n
		cellsAll += cells
	}
	tw.Flush()
	pr := prs[0]
	haystacks := pr.Corpus.Name
	if len(prs) > 1 {
		haystacks = fmt.Sprintf("each task's own (%d tasks)", len(prs))
	}
	fmt.Fprintf(stdout, "\ntask %s, haystack %s, tokenizer %s, seed %d\n", p.Task.Name(), haystacks, pr.Tok.Name(), g.seed)
	if len(prs) == 1 && !needle.Depthless(prs[0].Task) {
		fmt.Fprintf(stdout, "%d cells x %d trials = %d requests per model, %d prompt tokens per model",
			p.Grid.Cells(), p.Grid.Trials, requests, total)
	} else {
		tasks := fmt.Sprintf("%d tasks", len(prs))
		if len(prs) == 1 {
			tasks = "one row per length: the task has no depth"
		}
		fmt.Fprintf(stdout, "%d cells (%s): %d requests per model, %d prompt tokens per model", cellsAll, tasks, requests, total)
	}
	if nModels > 1 {
		fmt.Fprintf(stdout, "; %d models: %d requests, %d prompt tokens", nModels, requests*nModels, total*nModels)
	}
	fmt.Fprintln(stdout)
	// Prefill dominates a long-context run; prefix-cache reuse (--order
	// prefix) makes the real figure lower.
	all := float64(total * nModels)
	fmt.Fprintf(stdout, "prefill time without cache reuse: %s at 1K tok/s, %s at 10K tok/s, %s at 100K tok/s\n",
		estimate(all/1e3), estimate(all/1e4), estimate(all/1e5))
	search := runner.Adaptive{Ladder: p.Grid.Lengths, Depths: p.Grid.Depths, Rounds: p.Grid.Trials, Resolution: *resolution,
		Threshold: stats.DefaultThreshold, Relative: stats.DefaultRelative, Target: *target}
	printEstimates(stdout, total, tree.Tokens(), search, models, *ratesFrom)
	return nil
}

func estimate(seconds float64) string {
	return (time.Duration(seconds) * time.Second).Round(time.Second).String()
}
