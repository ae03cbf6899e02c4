package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// An adaptive run that a budget stops says so, and does not call its
// bracket settled; rerun with a larger budget it goes on and ends where an
// unbudgeted search ends, and then says why its bracket stays wider than
// the resolution (the simulation's accuracy near 16K sits at the bar).
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
	cut := search(filepath.Join(dir, "cut"), "--budget", "300k")
	for _, want := range []string{
		"adaptive search: 40 trials, ",
		"sim:64k: RULER 85.6% effective ≥ 8,192 and < 16,384 (not settled at 16,384: too few trials yet)",
		"sim:64k: search stopped by --budget 300K before it was over (it would test 16,384 next): rerun with a larger --budget and it goes on",
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
	if err != nil || !strings.Contains(reported, "search stopped by --budget 300K") || !strings.Contains(reported, "not settled at 16,384") {
		t.Errorf("report of the budgeted search (%v):\n%s", err, reported)
	}

	goneOn := search(filepath.Join(dir, "cut"), "--budget", "50m")
	whole := search(filepath.Join(dir, "whole"))
	for name, out := range map[string]string{"resumed": goneOn, "whole": whole} {
		for _, want := range []string{
			"adaptive search: 67 trials, ",
			"effective ≥ 8,192 and < 16,384 (at 16,384 the mean of all its trials decides: its 95% bound straddles the bar)",
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

// At 1M the search aims at a quarter of the grid (--target): on a clean
// cliff at 768K it settles 512K and 1M by their bounds and says its
// narrowing stopped at the target; on a slope through the bar near 512K,
// 512K takes the 17 trials one length may take and its mean decides, and
// the summary says so rather than calling it settled. niah report of the
// run reads the same target back from its manifest.
func TestAdaptiveRunAt1MSaysWhatItsTargetCut(t *testing.T) {
	dir := t.TempDir()
	search := func(out string, more ...string) string {
		t.Helper()
		args := append([]string{"run", "--model", "sim:2m", "--adaptive", "--lengths", "4k..1m", "--out", out}, more...)
		stdout, stderr, err := runNiah(t, args...)
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		return stdout
	}
	cliff := search(filepath.Join(dir, "cliff"), "--option", "shape=cliff", "--option", "boundary=786432")
	for _, want := range []string{
		"adaptive search: 76 trials, 18,3",
		"RULER 85.6% effective ≥ 524,288 and < 1,048,576 (one-sided 95% Wilson bounds)",
		"sim:2m: narrowing stopped short of --resolution 5% at --target 25%: the next length would take the search past it (a larger --target, up to 1, or a --budget narrows further)",
	} {
		if !strings.Contains(cliff, want) {
			t.Errorf("cliff: no %q in\n%s", want, cliff)
		}
	}
	slope := search(filepath.Join(dir, "slope"), "--option", "shape=slope", "--option", "boundary=500000")
	for _, want := range []string{
		"RULER 85.6% effective ≥ 524,288 and < 1,048,576 (at 524,288 the mean of its 17 trials decides, as many as one length takes at --target 25%: its 95% bound straddles the bar",
		"sim:2m: narrowing stopped short of --resolution 5%: 524,288 took as many trials as one length takes at --target 25% without settling (a larger --target, up to 1, or a --budget gives it more)",
	} {
		if !strings.Contains(slope, want) {
			t.Errorf("slope: no %q in\n%s", want, slope)
		}
	}
	if strings.Contains(slope, "Wilson bounds") {
		t.Errorf("slope: an end its mean decides is not settled by its bounds:\n%s", slope)
	}
	reported, _, err := runNiah(t, "report", filepath.Join(dir, "slope"), "--format", "txt")
	if err != nil || !strings.Contains(reported, "at 524,288 the mean of its 17 trials decides, as many as one length takes at --target 25%") {
		t.Errorf("report of the slope search (%v):\n%s", err, reported)
	}
	for _, bad := range []string{"0", "1.5", "-0.25"} {
		_, _, err := runNiah(t, "run", "--model", "sim", "--adaptive", "--target", bad, "--out", filepath.Join(dir, "bad"))
		if err == nil || !strings.Contains(err.Error(), "--target "+bad) {
			t.Errorf("--target %s: want an error naming it, got %v", bad, err)
		}
	}
}
