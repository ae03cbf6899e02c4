package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"niah/results"
)

const compareUsage = `Usage: niah compare RUN_DIR|FILE.jsonl RUN_DIR|FILE.jsonl ... [flags]

Draws the runs side by side on one 0–100 scale (compare.png, compare.svg),
the difference B − A when there are two, a combined compare.html, and a
table on stdout.

Flags:
`

func compareCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("compare", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, compareUsage+fs.FlagUsages()) }
	var f reportFlags
	f.register(fs, false)
	if err := fs.Parse(args); err != nil {
		if err == pflag.ErrHelp {
			return nil
		}
		return err
	}
	if fs.NArg() < 2 {
		return fmt.Errorf("compare needs at least two runs, got %d (see niah compare --help)", fs.NArg())
	}
	ropts, err := reportOptionsFrom(f.claimed, "", f.threshold, f.relative)
	if err != nil {
		return err
	}
	var runs [][]results.Record
	var mans []*results.Manifest
	for _, path := range fs.Args() {
		recs, m, warns, err := results.LoadRun(path)
		for _, w := range warns {
			fmt.Fprintln(stderr, "warning:", w)
		}
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return fmt.Errorf("%s: no trial records", path)
		}
		runs, mans = append(runs, recs), append(mans, m)
	}
	es := results.Entries(runs, mans, fs.Args())
	o := ropts.render(nil)

	out := f.out
	if out == "" {
		out = "."
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("--out: %v", err)
	}
	sums := make([]*results.Summary, len(es))
	claims := map[string]int{}
	for i, e := range es {
		sums[i] = e.Summary
		claims[e.Summary.Label] = e.Claimed
	}
	ho := o
	ho.Claimed = claims
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{"compare.png", func(w io.Writer) error { return results.WriteComparePNG(w, es, o) }},
		{"compare.svg", func(w io.Writer) error { return results.WriteCompareSVG(w, es, o) }},
		{"compare.html", func(w io.Writer) error { return results.WriteHTML(w, sums, ho) }},
	}
	for _, file := range files {
		var buf bytes.Buffer
		if err := file.write(&buf); err != nil {
			return fmt.Errorf("rendering %s: %w", file.name, err)
		}
		path := filepath.Join(out, file.name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("--out: %v", err)
		}
		fmt.Fprintln(stderr, "wrote", path)
	}
	return results.WriteCompareTable(stdout, es, o)
}
