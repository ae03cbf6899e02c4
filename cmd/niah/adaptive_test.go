package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// An adaptive run that a budget stops says so, and does not call its
// bracket settled; rerun with a larger budget it goes on and ends where an
// unbudgeted search ends, and then says why its bracket stays wider than
// the resolution (the simulation's accuracy near 23K sits at the bar).
func TestAdaptiveRunSaysHowItsSearchEnded(t *testing.T) {
	dir := t.TempDir()
	search := func(out string, more ...string) string {
		t.Helper()
		// The figures below are the simulation's under prompt counting.
		args := append([]string{"run", "--model", "sim:64k", "--adaptive", "--lengths", "4k..1m", "--length-counts", "prompt", "--out", out}, more...)
		stdout, stderr, err := runNiah(t, args...)
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		return stdout
	}
	cut := search(filepath.Join(dir, "cut"), "--budget", "500k")
	for _, want := range []string{
		"adaptive search: 35 trials, 413,696 prompt tokens",
		"sim:64k: RULER 85.6% effective ≥ 16,384 and < 32,768 (not settled at 16,384 and 32,768: too few trials yet)",
		"sim:64k: search stopped by --budget 500K before it was over (it would test 32,768 next): rerun with a larger --budget and it goes on",
	} {
		if !strings.Contains(cut, want) {
			t.Errorf("budgeted search: no %q in\n%s", want, cut)
		}
	}
	if strings.Contains(cut, "Wilson bounds") {
		t.Error("a search the budget stopped must not call its bracket settled")
	}
	// niah report reads the same state back from the run directory.
	reported, _, err := runNiah(t, "report", filepath.Join(dir, "cut"), "--format", "txt")
	if err != nil || !strings.Contains(reported, "search stopped by --budget 500K") || !strings.Contains(reported, "not settled at 16,384 and 32,768") {
		t.Errorf("report of the budgeted search (%v):\n%s", err, reported)
	}

	goneOn := search(filepath.Join(dir, "cut"), "--budget", "50m")
	whole := search(filepath.Join(dir, "whole"))
	for name, out := range map[string]string{"resumed": goneOn, "whole": whole} {
		for _, want := range []string{
			"adaptive search: 95 trials, 1,989,056 prompt tokens",
			"effective ≥ 16,384 and < 23,200 (at 23,200 the mean of all its trials decides: its 95% bound straddles the bar)",
			"sim:64k: narrowing stopped short of --resolution 5%",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("%s search: no %q in\n%s", name, want, out)
			}
		}
		if strings.Contains(out, "search stopped by --budget") || strings.Contains(out, "search not over") {
			t.Errorf("%s search: a finished search says it is not over", name)
		}
	}

	// A clean cliff: both ends clear the bar by their bounds.
	cliff := search(filepath.Join(dir, "cliff"), "--option", "shape=cliff", "--option", "boundary=23000")
	want := "RULER 85.6% effective ≥ 22,200 and < 23,200 (one-sided 95% Wilson bounds)"
	if !strings.Contains(cliff, want) || strings.Contains(cliff, "narrowing stopped") {
		t.Errorf("cliff search: want %q and no note on the narrowing in\n%s", want, cliff)
	}
}
