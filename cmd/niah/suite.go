package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"niah/provider"
	"niah/runner"
	"niah/suite"
)

const suiteUsage = `Usage: niah suite FILE.yaml [flags]

Runs every variant of a suite file in turn — starting its server when it
has a serve block, waiting until it is ready, running the grid, stopping
the server — and ends in one comparison (compare.png, compare.svg,
compare-accuracy.png, compare-accuracy.svg, compare.html and a table on
stdout), each variant against the baseline. Rerunning resumes every run.
See examples/ and the README's Suites section for the file format.

Flags:
`

func suiteCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("suite", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, suiteUsage+fs.FlagUsages()) }
	var f reportFlags
	f.register(fs, false)
	list := fs.Bool("list", false, "print the variants the matrix expands into, and exit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("suite takes one FILE.yaml, got %d (see niah suite --help)", fs.NArg())
	}
	if *list {
		s, err := suite.Load(fs.Arg(0))
		if err != nil {
			return err
		}
		printWarnings(stderr, s.Warnings)
		listVariants(stdout, s)
		return nil
	}
	ropts, err := reportOptionsFrom(f.claimed, "", f.threshold, f.relative)
	if err != nil {
		return err
	}
	opts := suite.Options{Out: f.out, Cache: indexCache(), Tool: "niah " + version, Args: redactArgs(append([]string{"suite"}, args...))}
	// The file is checked whole, every variant's settings, spec, options
	// and placeholders, before anything starts.
	s, err := suite.Open(fs.Arg(0), opts)
	if err != nil {
		return err
	}
	ropts.published = slices.Clone(s.Claims) // the file's claims:, then --claims
	if err := ropts.loadClaims(f.claims); err != nil {
		return err
	}
	printWarnings(stderr, s.Warnings)
	onHardExit(ctx, s.Kill) // no server the suite started outlives niah
	ev, finish := suiteEvents(stderr)
	outs, runErr := s.Run(ctx, opts, ev)
	finish()
	printOutcomes(stderr, outs)
	dir := s.Dir(opts)
	if part := s.Part(opts); part != nil {
		fmt.Fprintf(stderr, "this is part %s of the suite's trials: join each variant's parts with niah merge, then niah compare the merged runs\n", part)
		return suiteEnd(fs.Arg(0), outs, runErr)
	}
	paths, err := s.Report(stdout, dir, outs, ropts.render(nil, nil), ropts.claims)
	for _, p := range paths {
		fmt.Fprintln(stderr, "wrote", p)
	}
	if err != nil {
		return err
	}
	return suiteEnd(fs.Arg(0), outs, runErr)
}

// suiteEnd is the suite's exit: 130 interrupted, an error naming the
// variants that failed, or nil.
func suiteEnd(file string, outs []suite.Outcome, runErr error) error {
	if runErr != nil {
		if errors.Is(runErr, context.Canceled) {
			return &exitError{code: 130, msg: "interrupted: every server the suite started is stopped; rerun the same command to resume"}
		}
		return runErr
	}
	if suite.Failed(outs) {
		var failed []string
		for _, o := range outs {
			if o.Failed {
				failed = append(failed, o.Label)
			}
		}
		return fmt.Errorf("%s: variant(s) failed: %s", file, strings.Join(failed, ", "))
	}
	return nil
}

// suiteEvents prints a suite's progress to w: each variant as it starts,
// its notes, and a progress bar per run; finish ends the last bar.
func suiteEvents(w io.Writer) (ev suite.Events, finish func()) {
	var prog *progress
	ev = suite.Events{
		Variant: func(i, n int, label string) { fmt.Fprintf(w, "variant %d of %d: %s\n", i+1, n, label) },
		Note:    func(label, msg string) { fmt.Fprintf(w, "  %s: %s\n", label, msg) },
		Progress: func(string) runner.Progress {
			prog = newProgress(w)
			return prog
		},
	}
	return ev, func() {
		if prog != nil {
			prog.finish()
		}
	}
}

// listVariants prints what the matrix expands into (--list).
func listVariants(w io.Writer, s *suite.Suite) {
	for _, v := range s.Variants {
		base := ""
		if v.Label == s.Baseline {
			base = "  (baseline)"
		}
		// Specs are written by the user, credentials included: redacted
		// as every spec niah prints.
		fmt.Fprintf(w, "%s: %s%s\n", provider.RedactText(v.Label), provider.RedactText(v.Spec), base)
	}
}

// printOutcomes says how each variant ended.
func printOutcomes(w io.Writer, outs []suite.Outcome) {
	for _, o := range outs {
		switch {
		case o.Failed:
			fmt.Fprintf(w, "%s: FAILED: %s\n", o.Label, o.Reason)
		case o.Skipped:
			fmt.Fprintf(w, "%s: complete already (%s)\n", o.Label, o.Dir)
		default:
			fmt.Fprintf(w, "%s: %d trials sent in %s (%s)\n", o.Label, o.Run.Done, o.Wall.Round(1e8), o.Dir)
		}
	}
}
