package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"niah/render"
	"niah/results"
	"niah/stats"
)

const compareUsage = `Usage: niah compare RUN_DIR|FILE.jsonl RUN_DIR|FILE.jsonl ... [flags]

Draws the runs side by side on one 0–100 scale (compare.png, compare.svg),
the difference B − A when there are two (each run against the baseline
when there are more), a combined compare.html, and a table on stdout with
the paired test of each pair, trial by trial on the same trial ids.

Flags:
`

func compareCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("compare", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, compareUsage+fs.FlagUsages()) }
	var f reportFlags
	f.register(fs, false)
	baseline := fs.String("baseline", "", "label every other run is compared with, when there are three or more (default: the first run's)")
	if err := fs.Parse(args); err != nil {
		return err // --help comes back as pflag.ErrHelp, which run treats as success
	}
	if fs.NArg() < 2 {
		return fmt.Errorf("compare needs at least two runs, got %d (see niah compare --help)", fs.NArg())
	}
	ropts, err := reportOptionsFrom(f.claimed, "", f.threshold, f.relative)
	if err != nil {
		return err
	}
	if err := ropts.loadClaims(f.claims); err != nil {
		return err
	}
	var runs [][]results.Record
	var mans []*results.Manifest
	var claims []stats.Claims
	for _, path := range fs.Args() {
		recs, m, err := loadRun(path, stderr)
		if err != nil {
			return err
		}
		runs, mans, claims = append(runs, recs), append(mans, m), append(claims, ropts.claims(m, recs))
	}
	if err := sameCounts(fs.Args(), runs); err != nil {
		return err
	}
	es := render.Entries(runs, mans, claims, fs.Args())
	o := ropts.render(nil, nil)
	if o.Baseline, err = compareBaseline(es, *baseline); err != nil {
		return err
	}

	out := f.out
	if out == "" {
		out = "."
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	paths, err := render.RenderCompare(out, es, o)
	for _, p := range paths {
		fmt.Fprintln(stderr, "wrote", p)
	}
	if err != nil {
		return err
	}
	return render.WriteCompareTable(stdout, es, o)
}

// compareBaseline is the label the others are compared with: --baseline,
// else the first entry's when there are three or more ("" for two: B − A).
func compareBaseline(es []render.Entry, flag string) (string, error) {
	if flag == "" {
		if len(es) > 2 {
			return es[0].Summary.Label, nil
		}
		return "", nil
	}
	var labels []string
	for _, e := range es {
		if e.Summary.Label == flag {
			return flag, nil
		}
		labels = append(labels, e.Summary.Label)
	}
	return "", fmt.Errorf("--baseline %q is not a label of these runs (labels: %s)", flag, strings.Join(labels, ", "))
}

// sameCounts refuses runs whose lengths count different things: the same
// 32K is another prompt under each meaning, so their columns do not line up.
func sameCounts(paths []string, runs [][]results.Record) error {
	first, _ := results.CountsOf(runs[0])
	for i, recs := range runs[1:] {
		if c, _ := results.CountsOf(recs); c != first {
			return fmt.Errorf("%s counts lengths as the %s, %s as the %s: compare runs that count lengths alike (rerun one with --length-counts %s)",
				paths[0], results.CountsWords(first), paths[i+1], results.CountsWords(c), first)
		}
	}
	return nil
}
