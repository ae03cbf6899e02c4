package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"niah/claims"
	"niah/provider"
	"niah/render"
	"niah/results"
	"niah/stats"
	"niah/units"
)

const reportUsage = `Usage: niah report RUN_DIR|FILE.jsonl|- [flags]

Re-renders a run from its records alone: heatmap.png, heatmap.svg,
report.html, and the text summary on stdout. With -, the records come
from standard input (cat a/results.jsonl b/results.jsonl | niah report -),
and only the text summary is written unless --out names a directory.

Flags:
`

// reportFlags are the flags report shares with compare: how effective
// length is measured and against what claim.
type reportFlags struct {
	out       string
	formats   string
	claims    string
	claimed   string
	expect    string
	threshold float64
	relative  relativeValue
}

func (f *reportFlags) register(fs *pflag.FlagSet, withFormats bool) {
	fs.StringVar(&f.out, "out", "", "directory for the rendered files (default: the run directory, or the file's)")
	if withFormats {
		fs.StringVar(&f.formats, "format", "png,svg,html,txt", "outputs to write: png, svg, html (files), txt (stdout)")
		fs.StringVar(&f.expect, "expect-context", "", "exit with status 3 if the effective context (RULER) is below N tokens (e.g. 128k)")
	}
	fs.StringVar(&f.claimed, "claimed", "", "claimed context in tokens (e.g. 128k); default: the manifest's")
	fs.StringVar(&f.claims, "claims", "", claimsUsage)
	fractionVar(fs, &f.threshold, "threshold", stats.DefaultThreshold, "RULER effective-length bar: accuracy fraction every length up to it must reach (0.856 or 85.6%)")
	f.relative = defaultRelative()
	fs.Var(&f.relative, "relative", relativeUsage)
}

// reportOpts are the effective-length settings that run and report
// share: the claim to judge against, the CI bar, and the two thresholds.
type reportOpts struct {
	claimed, expect     int
	threshold, relative float64
	published           []claims.Claim // --claims (and a suite's claims:)
	perPair             bool           // --relative per-pair
}

// claimsUsage describes --claims, the same on every command.
const claimsUsage = "YAML file of published claims (a context window, or a score at a length) to hold against the runs of their labels, e.g. examples/claims.yaml"

// loadClaims reads the --claims file, if one is given.
func (o *reportOpts) loadClaims(path string) error {
	if path == "" {
		return nil
	}
	cs, err := claims.Load(path)
	if err != nil {
		return fmt.Errorf("--claims: %w", err)
	}
	o.published = append(o.published, cs...)
	return nil
}

// reportOptionsFrom validates --claimed, --expect-context, --threshold and
// --relative; each error names its flag.
func reportOptionsFrom(claimed, expect string, threshold float64, rel relativeValue) (reportOpts, error) {
	relative := rel.frac
	o := reportOpts{threshold: threshold, relative: relative, perPair: rel.perPair}
	if !(threshold > 0 && threshold <= 1) { // NaN fails too
		return o, fmt.Errorf("--threshold %g: want a fraction in (0, 1], e.g. 0.856", threshold)
	}
	if !(relative > 0 && relative <= 1) {
		return o, fmt.Errorf("--relative %g: want a fraction in (0, 1], e.g. 0.85", relative)
	}
	var err error
	if claimed != "" {
		if o.claimed, err = units.ParseLength(claimed); err != nil {
			return o, fmt.Errorf("--claimed: %w", err)
		}
	}
	if expect != "" {
		if o.expect, err = units.ParseLength(expect); err != nil {
			return o, fmt.Errorf("--expect-context: %w", err)
		}
	}
	return o, nil
}

// claims is the claimed context of each label of a run's records: the
// one place the command resolves --claimed against the run's manifest.
func (o reportOpts) claims(m *results.Manifest, recs []results.Record) stats.Claims {
	return stats.ClaimsOf(o.claimed, m, recs)
}

// render is how a run (its manifest and records; nil and nil for a
// comparison, whose entries carry their own claims) is judged and drawn.
func (o reportOpts) render(m *results.Manifest, recs []results.Record) render.Options {
	return render.Options{Manifest: m, Published: o.published, SettingsHint: provider.SettingsHint,
		Criteria: stats.Criteria{Threshold: o.threshold, Relative: o.relative, Claims: o.claims(m, recs), PerPair: o.perPair}}
}

// expectContext decides --expect-context: exit status 3, naming the first
// label whose RULER effective length is below the length expected.
func expectContext(sums []*stats.Summary, c stats.Criteria, want int) error {
	for _, x := range c.Expectations(sums, want) {
		if x.Met() {
			continue
		}
		msg := fmt.Sprintf("effective context %s (RULER %s) is below --expect-context %s",
			units.FormatLength(x.Got), render.FormatPct(x.Threshold), units.FormatLength(x.Want))
		if x.Label != "" {
			msg = x.Label + ": " + msg
		}
		return &exitError{code: 3, msg: msg}
	}
	return nil
}

// allFormats are what run writes and report writes by default: the files
// in the order they are listed, then the text summary.
var allFormats = []string{"png", "svg", "html", "txt"}

// writeReport renders the file formats of sums into dir (creating it),
// naming each file written on stderr, and prints the text summary on
// stdout when formats hold txt.
func writeReport(stdout, stderr io.Writer, dir string, sums []*stats.Summary, ro render.Options, formats []string) error {
	files := slices.DeleteFunc(slices.Clone(formats), func(f string) bool { return f == "txt" })
	if len(files) > 0 {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("--out: %w", err)
		}
		paths, err := render.RenderFiles(dir, sums, ro, files...)
		for _, p := range paths {
			fmt.Fprintln(stderr, "wrote", p)
		}
		if err != nil {
			return err
		}
	}
	if slices.Contains(formats, "txt") {
		return render.WriteText(stdout, sums, ro, render.DetectColor(stdout))
	}
	return nil
}

func reportCmd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("report", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, reportUsage+fs.FlagUsages()) }
	var f reportFlags
	f.register(fs, true)
	if err := fs.Parse(args); err != nil {
		return err // --help comes back as pflag.ErrHelp, which run treats as success
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("report takes one RUN_DIR, FILE.jsonl or - (standard input), got %d (see niah report --help)", fs.NArg())
	}
	// The formats asked for, once each, in the order of allFormats.
	want := map[string]bool{}
	for _, s := range strings.Split(f.formats, ",") {
		s = strings.TrimSpace(strings.ToLower(s))
		switch {
		case slices.Contains(allFormats, s):
			want[s] = true
		case s == "":
		default:
			return fmt.Errorf("--format: unknown format %q (png, svg, html, txt)", s)
		}
	}
	var formats []string
	for _, s := range allFormats {
		if want[s] {
			formats = append(formats, s)
		}
	}
	ropts, err := reportOptionsFrom(f.claimed, f.expect, f.threshold, f.relative)
	if err != nil {
		return err
	}
	if err := ropts.loadClaims(f.claims); err != nil {
		return err
	}

	path := fs.Arg(0)
	if path == "-" {
		recs, err := readRecords(stdin, stderr)
		if err != nil {
			return err
		}
		if f.out == "" { // nowhere to put files: the summary alone
			formats = slices.DeleteFunc(formats, func(s string) bool { return s != "txt" })
		}
		sums, ro := stats.Summarize(recs), ropts.render(nil, recs)
		if err := writeReport(stdout, stderr, f.out, sums, ro, formats); err != nil {
			return err
		}
		return expectContext(sums, ro.Criteria, ropts.expect)
	}
	recs, m, err := loadRun(path, stderr)
	if err != nil {
		return err
	}
	out := f.out
	if out == "" {
		out = path
		if st, err := os.Stat(path); err == nil && !st.IsDir() {
			out = filepath.Dir(path)
		}
	}
	sums, ro := stats.Summarize(recs), ropts.render(m, recs)
	err = writeReport(stdout, stderr, out, sums, ro, formats)
	if slices.Contains(formats, "txt") { // the text summary ends as run's does
		printCost(stdout, recs, m, sums, ro.Criteria)
	}
	if err != nil {
		return err
	}
	return expectContext(sums, ro.Criteria, ropts.expect)
}

// loadRun reads a run directory or records file for report and compare:
// unreadable lines are warned about on stderr and skipped; a run with no
// trial at all is an error naming the path.
func loadRun(path string, stderr io.Writer) ([]results.Record, *results.Manifest, error) {
	recs, m, warns, err := results.LoadRun(path)
	if err != nil {
		printWarnings(stderr, warns)
		return nil, nil, err
	}
	if len(recs) == 0 {
		return nil, nil, noRecords(path, warns)
	}
	printLineWarnings(stderr, warns)
	recs, screened := results.Screen(recs, path)
	printWarnings(stderr, screened)
	if len(recs) == 0 {
		return nil, nil, fmt.Errorf("%s: no trial record is possible", path)
	}
	if _, err := runCounts(path, recs, m); err != nil {
		return nil, nil, err
	}
	return recs, m, nil
}

// runCounts is what the lengths of a run count. A run's records and its
// manifest say it alike; records that count two ways share no axis.
func runCounts(name string, recs []results.Record, m *results.Manifest) (string, error) {
	c, err := results.CountsOf(recs)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	if m != nil && m.Counts() != c {
		return "", fmt.Errorf("%s: its manifest counts lengths as the %s, its records as the %s", name,
			results.CountsWords(m.Counts()), results.CountsWords(c))
	}
	return c, nil
}

// noRecords is the one refusal for an input with no record at all: a
// binary or unrelated file is not worth a warning per line.
func noRecords(name string, warns []string) error {
	if len(warns) > 0 {
		return fmt.Errorf("%s: not a records file: none of its %d non-blank lines is a trial record", name, len(warns))
	}
	return fmt.Errorf("%s: no trial records", name)
}

// maxLineWarnings bounds the per-line warnings printed for a records file
// with some bad lines; the rest are counted.
const maxLineWarnings = 5

func printLineWarnings(stderr io.Writer, warns []string) {
	if len(warns) > maxLineWarnings {
		rest := len(warns) - maxLineWarnings
		warns = append(warns[:maxLineWarnings:maxLineWarnings], fmt.Sprintf("%d more lines skipped", rest))
	}
	printWarnings(stderr, warns)
}

// readRecords reads a stream of records (report -), warning about lines
// that are not records; a stream with none is an error.
func readRecords(r io.Reader, stderr io.Writer) ([]results.Record, error) {
	recs, warns, err := results.Read(r, "stdin")
	if err != nil {
		printWarnings(stderr, warns)
		return nil, err
	}
	if len(recs) == 0 {
		return nil, noRecords("stdin", warns)
	}
	printLineWarnings(stderr, warns)
	recs, screened := results.Screen(recs, "stdin")
	printWarnings(stderr, screened)
	if len(recs) == 0 {
		return nil, fmt.Errorf("stdin: no trial record is possible")
	}
	if _, err := runCounts("stdin", recs, nil); err != nil {
		return nil, err
	}
	return recs, nil
}
