package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"niah/results"
	"niah/runner"
	"niah/stats"
)

const mergeUsage = `Usage: niah merge RUN_DIR RUN_DIR ... --out DIR [flags]

Joins the parts of a sharded run (niah run --shard i/n, or --shards n in a
Kubernetes Indexed Job) into one run directory, and renders it. Runs whose
task, grid, seed, haystack, tokenizer or model differ are refused; a trial
recorded twice is kept once (a settled record over an error).

--out is taken as a run takes its directory: a merge into a directory
another niah run is writing, into one of the parts, or into a directory
holding a run that is not a merge is refused. A part another run is still
writing is read as it stands.

Parts that do not make the whole run (trials of the run in no part) are
never merged in silence: the merged manifest lists what is missing and why
("incomplete": a shard missing or given twice, parts of different
shardings, a part whose run did not finish or is still being written), the
summary says it, and niah merge exits 5, unless --partial says a partial
merge is what you want. A shard given twice beside the whole is noted.

Exit codes: 0 merged whole (or --partial); 1 error; 5 the parts do not make
the whole run.

Flags:
`

// exitIncomplete is merge's exit status when the parts do not make the
// whole run (and --partial was not given).
const exitIncomplete = 5

func mergeCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("merge", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, mergeUsage+fs.FlagUsages()) }
	var f reportFlags
	f.register(fs, false)
	partial := fs.Bool("partial", false, "accept parts that do not make the whole run: exit 0, the manifest still lists what is missing")
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
	for _, path := range fs.Args() {
		if samePath(path, f.out) {
			return fmt.Errorf("--out %s is one of the runs to merge: merge into a new directory", f.out)
		}
	}
	// --out is held from before the parts are read until the merge is
	// written, as a run holds its directory.
	var release func()
	if _, err := os.Stat(f.out); err == nil {
		if release, err = takeOut(f.out); err != nil {
			return err
		}
		defer release()
	}
	parts, writing, err := readParts(fs.Args(), stderr)
	if err != nil {
		return err
	}
	man, recs, dropped, err := results.Merge(parts)
	if err != nil {
		return err
	}
	if len(recs) == 0 {
		return fmt.Errorf("merge: no part holds a trial record yet")
	}
	man.Tool, man.Args = "niah "+version, redactArgs(append([]string{"merge"}, args...))
	var notes []string
	man.Incomplete, notes = runner.MergeGaps(parts, writing, man, recs)
	for _, n := range notes {
		man.Warnings = append(man.Warnings, "merge: "+n)
	}
	if release == nil {
		if err := os.MkdirAll(f.out, 0o755); err != nil {
			return fmt.Errorf("--out: %w", err)
		}
		if release, err = takeOut(f.out); err != nil {
			return err
		}
		defer release()
	}
	if err := results.WriteRecords(filepath.Join(f.out, results.ResultsFile), recs); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if err := results.WriteManifest(filepath.Join(f.out, results.ManifestFile), man); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	fmt.Fprintf(stderr, "merged %d runs: %d trials, %d duplicate records dropped, into %s\n", len(parts), len(recs), dropped, f.out)
	for _, n := range notes {
		fmt.Fprintln(stderr, "note: "+n+" (the parts still make the whole run)")
	}
	if err := writeReport(stdout, stderr, f.out, stats.Summarize(recs), ropts.render(man, recs), allFormats); err != nil {
		return err
	}
	return mergeEnd(stdout, man.Incomplete, len(recs), *partial)
}

// mergeEnd ends the summary of a merge whose parts do not make the whole
// run with what is missing, and decides the exit status.
func mergeEnd(stdout io.Writer, gaps []string, trials int, partial bool) error {
	if len(gaps) == 0 {
		return nil
	}
	fmt.Fprintf(stdout, "INCOMPLETE MERGE: the figures above are of the %d trials the parts hold, not of the whole run:\n", trials)
	for _, g := range gaps {
		fmt.Fprintln(stdout, "  "+g)
	}
	if partial {
		return nil
	}
	return &exitError{code: exitIncomplete, msg: fmt.Sprintf("merge: the parts do not make the whole run (%s%s): merge again when they do, or pass --partial to accept it",
		gaps[0], more(len(gaps)-1))}
}

func more(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "; 1 more problem above"
	}
	return fmt.Sprintf("; %d more problems above", n)
}

// takeOut takes --out's lock and checks it holds no run but a merge: a
// merge never overwrites a run's own records.
func takeOut(out string) (func(), error) {
	release, err := runner.LockDir(out)
	if err != nil {
		return nil, explain(err)
	}
	m, err := results.ReadManifest(filepath.Join(out, results.ManifestFile))
	switch {
	case err == nil && len(m.Merged) == 0:
		release()
		what := "a run"
		if m.Shard != "" {
			what = "a run (shard " + m.Shard + ")"
		}
		return nil, fmt.Errorf("--out %s holds %s, not a merge: merge into a new directory (or name it as a part)", out, what)
	case err != nil && !os.IsNotExist(err):
		release()
		return nil, fmt.Errorf("--out: %w", err)
	case err != nil:
		if _, serr := os.Stat(filepath.Join(out, results.ResultsFile)); serr == nil {
			release()
			return nil, fmt.Errorf("--out %s holds records but no %s: merge into a new directory", out, results.ManifestFile)
		}
	}
	return release, nil
}

// readParts loads the run directories to merge. Each is read under its
// lock, so no run writes it meanwhile; one that another run holds is read
// as it stands and marked writing.
func readParts(paths []string, stderr io.Writer) ([]results.Part, []bool, error) {
	var parts []results.Part
	var writing []bool
	for _, path := range paths {
		st, err := os.Stat(path)
		if err != nil {
			return nil, nil, err
		}
		if !st.IsDir() {
			return nil, nil, fmt.Errorf("%s: merge takes run directories (each with its %s)", path, results.ManifestFile)
		}
		release, err := runner.LockDir(path)
		var busy *runner.BusyError
		if err != nil && !errors.As(err, &busy) {
			release = func() {} // a part we cannot lock (read-only) is read all the same
		}
		recs, m, err := loadPart(path, stderr)
		if release != nil {
			release()
		}
		if err != nil {
			return nil, nil, err
		}
		parts = append(parts, results.Part{Path: path, Manifest: m, Records: recs})
		writing = append(writing, busy != nil)
	}
	return parts, writing, nil
}

// loadPart is loadRun for a part of a merge: a run directory whose run
// has recorded nothing yet is a part with no trials, which the merge
// then reports missing, not an error.
func loadPart(path string, stderr io.Writer) ([]results.Record, *results.Manifest, error) {
	recs, m, warns, err := results.LoadRun(path)
	if err == nil && m != nil && len(recs) == 0 && len(warns) == 0 {
		return nil, m, nil
	}
	return loadRun(path, stderr)
}

// samePath reports whether two paths name the same directory.
func samePath(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	if err1 == nil && err2 == nil && aa == bb {
		return true
	}
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
