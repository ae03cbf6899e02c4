package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"niah/export"
)

const exportUsage = `Usage: niah export RUN_DIR|FILE.jsonl --format ruler|lm-eval|csv --out DIR

Writes a run's records for other tools: ruler (RULER's prediction JSONL per
task and length and its summary.csv, under DIR/MODEL/synthetic/LENGTH/pred),
lm-eval (an lm-evaluation-harness results JSON, DIR/MODEL/results_DATE.json),
csv (DIR/trials.csv, one row per trial). Scores are niah's; ruler and
lm-eval leave out invalid and error trials, as niah's accuracy does.

Flags:
`

func exportCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, exportUsage+fs.FlagUsages()) }
	format := fs.String("format", "", "what to write: "+strings.Join(export.Formats, ", ")+" (comma-separated for several)")
	out := fs.String("out", "", "directory to write into")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("export takes one RUN_DIR or FILE.jsonl, got %d (see niah export --help)", fs.NArg())
	}
	if *out == "" {
		return fmt.Errorf("export: --out DIR is required (where the files go)")
	}
	var formats []string
	for _, f := range strings.Split(*format, ",") {
		f = strings.TrimSpace(strings.ToLower(f))
		switch {
		case f == "":
		case !slices.Contains(export.Formats, f):
			return fmt.Errorf("--format: unknown format %q (%s)", f, strings.Join(export.Formats, ", "))
		case !slices.Contains(formats, f):
			formats = append(formats, f)
		}
	}
	if len(formats) == 0 {
		return fmt.Errorf("--format is required: %s", strings.Join(export.Formats, ", "))
	}
	recs, m, err := loadRun(fs.Arg(0), stderr)
	if err != nil {
		return err
	}
	for _, f := range formats {
		paths, err := export.Write(f, *out, m, recs)
		for _, p := range paths {
			fmt.Fprintln(stderr, "wrote", p)
		}
		if err != nil {
			return fmt.Errorf("--out: %w", err)
		}
	}
	return nil
}
