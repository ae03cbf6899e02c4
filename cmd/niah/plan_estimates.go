package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"niah/render"
	"niah/results"
	"niah/runner"
	"niah/stats"
	"niah/units"
)

// measuredRate is a model's prefill rate in tokens per second from the
// records of earlier runs under dir (dir/results.jsonl and
// dir/*/results.jsonl) whose model spec or label is spec, with the runs
// it came from; upper when it counts prompt tokens rather than computed
// ones (stats.PrefillRate).
func measuredRate(dir, spec string) (rate float64, trials int, upper bool, from []string) {
	paths, _ := filepath.Glob(filepath.Join(dir, "*", results.ResultsFile))
	if _, err := os.Stat(filepath.Join(dir, results.ResultsFile)); err == nil {
		paths = append(paths, filepath.Join(dir, results.ResultsFile))
	}
	var pr stats.PrefillRate
	for _, p := range paths {
		recs, _, err := results.Load(p)
		if err == nil && pr.Add(recs, spec) {
			from = append(from, filepath.Dir(p))
		}
	}
	rate, upper = pr.PerSecond()
	return rate, pr.Trials, upper, from
}

// printEstimates prints the three estimates of a plan: no reuse, prefix
// reuse (the tree bound), and the range an adaptive search spends; the
// times use each model's measured prefill rate when earlier runs hold one.
func printEstimates(w io.Writer, total, bound int, search runner.Adaptive, models []string, ratesFrom string) {
	lo, mid, hi := runner.SearchCostRange(search)
	ladderOnly := search
	ladderOnly.Resolution = 1 // a bracket of one ladder step: no refinement
	llo, lmid, lhi := runner.SearchCostRange(ladderOnly)
	fmt.Fprintf(w, "\nestimates per model:\n")
	fmt.Fprintf(w, "  no reuse      %14s prompt tokens\n", units.FormatCount(total))
	fmt.Fprintf(w, "  prefix reuse  %14s (the shared-prefix tree: the least any prefix cache computes, %.0f%%)\n",
		units.FormatCount(bound), 100*float64(bound)/float64(max(total, 1)))
	fmt.Fprintf(w, "  --adaptive    %s to %s, median %s (a clean boundary anywhere on the ladder, --resolution %s, --target %s;\n"+
		"                a noisy one costs more, but never more than the grid without a --budget)\n",
		units.FormatCount(lo), units.FormatCount(hi), units.FormatCount(mid), render.FormatPct(search.Resolution), render.FormatPct(search.Target))
	fmt.Fprintf(w, "                %s to %s, median %s at --resolution 1 (the ladder's own steps)\n",
		units.FormatCount(llo), units.FormatCount(lhi), units.FormatCount(lmid))
	for _, m := range models {
		rate, n, upper, from := measuredRate(ratesFrom, m)
		if n == 0 {
			fmt.Fprintf(w, "%s: no earlier run with prefill times under %s (--rates-from)\n", m, ratesFrom)
			continue
		}
		note := ""
		if upper {
			note = " (its server reports no cache figures: cache reuse made it look faster)"
		}
		fmt.Fprintf(w, "%s: measured prefill %.0f tok/s over %d trials in %v%s\n", m, rate, n, from, note)
		fmt.Fprintf(w, "  time: no reuse %s, prefix reuse %s, --adaptive %s to %s\n",
			estimate(float64(total)/rate), estimate(float64(bound)/rate), estimate(float64(lo)/rate), estimate(float64(hi)/rate))
	}
}
