package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// simRun runs the simulation on a small grid into dir/label with extra flags.
func simRun(t *testing.T, dir, label string, extra ...string) string {
	t.Helper()
	out := filepath.Join(dir, label)
	args := append([]string{"run", "--model", "sim:16k", "--label", label, "--lengths", "4k,8k,16k", "--depths", "3",
		"--trials", "2", "--out", out}, extra...)
	if _, stderr, err := runNiah(t, args...); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, stderr)
	}
	return out
}

// The identical-answers detector on two simulation runs, one with an
// option the simulation ignores: every answer is the same byte for byte
// and so are the servers' facts, so the setting may not have reached the
// model. An option that acts (a cliff at 6,000 tokens) changes answers
// and the detector stays silent.
func TestCompareSaysASettingDidNothing(t *testing.T) {
	dir := t.TempDir()
	base := simRun(t, dir, "base")
	noop := simRun(t, dir, "yarn", "--option", "rope_freq_scale=0.25")
	cliff := simRun(t, dir, "cliff", "--option", "shape=cliff", "--option", "boundary=6000")

	stdout, stderr, err := runNiah(t, "compare", base, noop, "--out", filepath.Join(dir, "cmp"))
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	want := "the answers are byte-identical in all 18 shared trials and both servers reported the same facts " +
		"(server sim, version simulation, context 16K): the setting may not have reached the model; " +
		"the simulation reads only the options truncate, shape and boundary"
	if !strings.Contains(stdout, want) {
		t.Errorf("compare lacks\n%s\nin\n%s", want, stdout)
	}
	if !strings.Contains(stdout, "no detectable difference between yarn and base: 0.0 points (B − A)") ||
		!strings.Contains(stdout, "this run could have detected a difference of ") {
		t.Errorf("the paired test with its power sentence:\n%s", stdout)
	}

	stdout, stderr, err = runNiah(t, "compare", base, cliff, "--out", filepath.Join(dir, "cmp2"))
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if strings.Contains(stdout, "byte-identical") || strings.Contains(stdout, "the words, not") {
		t.Errorf("a cliff at 6K changes answers:\n%s", stdout)
	}
	// 8K and 16K fail under the cliff at every depth, while base gets
	// most of 8K right: the paired test names the pairs only base got right,
	// and the difference over all is negative.
	all := regexp.MustCompile(`(?m)^\s+all\s+18\s.*$`).FindString(stdout)
	if !strings.Contains(stdout, "only base right)") || !strings.Contains(all, "−") ||
		!regexp.MustCompile(`(?m)^\s+8K\s+6\s+[0-9.]+%\s+0\.0%\s+−`).MatchString(stdout) {
		t.Errorf("the cliff's difference:\n%s", stdout)
	}
}

// Three runs: each against the first (or --baseline), Holm-adjusted.
func TestCompareThreeRunsAgainstBaseline(t *testing.T) {
	dir := t.TempDir()
	base := simRun(t, dir, "base")
	noop := simRun(t, dir, "noop", "--option", "top_k=1")
	cliff := simRun(t, dir, "cliff", "--option", "shape=cliff", "--option", "boundary=6000")
	stdout, stderr, err := runNiah(t, "compare", base, noop, cliff, "--out", filepath.Join(dir, "cmp"))
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{"noop − base:", "cliff − base:", "p-values are Holm-adjusted for the 2 comparisons with base"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("lacks %q:\n%s", want, stdout)
		}
	}
	stdout, _, err = runNiah(t, "compare", base, noop, cliff, "--baseline", "cliff", "--out", filepath.Join(dir, "cmp2"))
	if err != nil || !strings.Contains(stdout, "base − cliff:") || !strings.Contains(stdout, "noop − cliff:") {
		t.Errorf("--baseline cliff: %v\n%s", err, stdout)
	}
	_, _, err = runNiah(t, "compare", base, noop, cliff, "--baseline", "nosuch")
	if err == nil || !strings.Contains(err.Error(), `--baseline "nosuch" is not a label of these runs (labels: base, noop, cliff)`) {
		t.Errorf("unknown --baseline: %v", err)
	}
}
