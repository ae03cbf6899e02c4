package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"niah/results"
	"niah/stats"
)

const mergeUsage = `Usage: niah merge RUN_DIR RUN_DIR ... --out DIR [flags]

Joins the parts of a sharded run (niah run --shard i/n, or --shards n in a
Kubernetes Indexed Job) into one run directory, and renders it. Runs whose
task, grid, seed, haystack, tokenizer or model differ are refused; a trial
recorded twice is kept once (a settled record over an error).

Flags:
`

func mergeCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("merge", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, mergeUsage+fs.FlagUsages()) }
	var f reportFlags
	f.register(fs, false)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() < 1 {
		return fmt.Errorf("merge needs at least one run directory (see niah merge --help)")
	}
	if f.out == "" {
		return fmt.Errorf("merge: --out DIR is required (where the merged run goes)")
	}
	ropts, err := reportOptionsFrom(f.claimed, "", f.threshold, f.relative)
	if err != nil {
		return err
	}
	if err := ropts.loadClaims(f.claims); err != nil {
		return err
	}
	var parts []results.Part
	for _, path := range fs.Args() {
		st, err := os.Stat(path)
		if err != nil {
			return err
		}
		if !st.IsDir() {
			return fmt.Errorf("%s: merge takes run directories (each with its %s)", path, results.ManifestFile)
		}
		recs, m, err := loadRun(path, stderr)
		if err != nil {
			return err
		}
		parts = append(parts, results.Part{Path: path, Manifest: m, Records: recs})
	}
	man, recs, dropped, err := results.Merge(parts)
	if err != nil {
		return err
	}
	man.Tool, man.Args = "niah "+version, append([]string{"merge"}, args...)
	if err := os.MkdirAll(f.out, 0o755); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if err := results.WriteRecords(filepath.Join(f.out, results.ResultsFile), recs); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if err := results.WriteManifest(filepath.Join(f.out, results.ManifestFile), man); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	fmt.Fprintf(stderr, "merged %d runs: %d trials, %d duplicate records dropped, into %s\n", len(parts), len(recs), dropped, f.out)
	return writeReport(stdout, stderr, f.out, stats.Summarize(recs), ropts.render(man, recs), allFormats)
}
