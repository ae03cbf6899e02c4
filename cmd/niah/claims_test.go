package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const simClaims = `claims:
  - model: the 16K simulation
    label: sim16
    source: its own spec
    url: https://example.org/sim
    context: 16k
  - model: the 16K simulation
    label: sim16
    source: a vendor table
    score: 99
    at: 16k
  - model: someone else
    source: elsewhere
    context: 1m
`

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// --claims on run, report and compare: a line per claim of a label the
// runs have, and one naming the labels they lack.
func TestClaimsOnRunReportAndCompare(t *testing.T) {
	dir := t.TempDir()
	cf := writeFile(t, dir, "claims.yaml", simClaims)
	out := filepath.Join(dir, "run")
	stdout, stderr, err := runNiah(t, "run", "--model", "sim:16k", "--label", "sim16", "--lengths", "4k,8k,16k", "--depths", "3",
		"--trials", "2", "--out", out, "--claims", cf)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	// The simulation's 16K window holds a 16K prompt, but not at the bar.
	window := regexp.MustCompile(`  the 16K simulation \(run sim16\): context window 16K \(its own spec, https://example.org/sim\): measured [0-9.]+% \[[0-9., ]+\] at 16K, under the 85.6% bar \(effective context [^)]+\) → below the claim`)
	score := regexp.MustCompile(`  the 16K simulation \(run sim16\): RULER mean 99.0% at 16K \(a vendor table\): measured [0-9.]+% \[[0-9., ]+\] at 16K \(accuracy on task single, standing in for a RULER mean\) → below the claim`)
	for _, want := range []string{"claims (" + cf + ")", "no run is labelled someone else"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("run lacks\n%s\nin\n%s", want, stdout)
		}
	}
	for _, want := range []*regexp.Regexp{window, score} {
		if !want.MatchString(stdout) {
			t.Errorf("run lacks\n%s\nin\n%s", want, stdout)
		}
	}
	stdout, _, err = runNiah(t, "report", out, "--claims", cf, "--format", "txt")
	if err != nil || !window.MatchString(stdout) {
		t.Errorf("report --claims: %v\n%s", err, stdout)
	}
	stdout, _, err = runNiah(t, "compare", out, out, "--claims", cf, "--out", filepath.Join(dir, "cmp"))
	if err != nil || !strings.Contains(stdout, "the 16K simulation (run sim16): context window 16K") {
		t.Errorf("compare --claims: %v\n%s", err, stdout)
	}
	page, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil || !strings.Contains(string(page), `<a href="https://example.org/sim" rel="noreferrer">its own spec</a>`) {
		t.Errorf("report.html lacks the claim: %v", err)
	}

	bad := writeFile(t, dir, "bad.yaml", "claims:\n  - model: m\n    source: s\n    context: lots\n")
	for _, args := range [][]string{
		{"run", "--model", "sim", "--claims", bad},
		{"report", out, "--claims", bad},
		{"compare", out, out, "--claims", bad},
	} {
		_, _, err := runNiah(t, args...)
		if err == nil || err.Error() != "--claims: "+bad+`:4: context "lots": want a length in tokens, e.g. 131072, 128k or 1m` {
			t.Errorf("%s with a bad file: %v", args[0], err)
		}
	}
}

// A suite's claims: and its comparison: the paired test against the
// baseline and a line per claim, in the summary on stdout.
func TestSuiteWithClaims(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "claims.yaml", simClaims)
	p := writeFile(t, dir, "s.yaml", `grid: {lengths: [4k, 8k, 16k], depths: 3, trials: 2}
claims: claims.yaml
baseline: sim16
variants:
  - {label: sim16, spec: "sim:16k"}
  - {label: sim16 noop, spec: "sim:16k", options: {rope_freq_scale: "0.25"}}
`)
	stdout, stderr, err := runNiah(t, "suite", p, "--out", filepath.Join(dir, "out"))
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{
		"paired test, trial by trial on the same ids: B = sim16 noop, A = sim16",
		"no detectable difference between sim16 noop and sim16: 0.0 points (B − A)",
		"the answers are byte-identical in all 18 shared trials and both servers reported the same facts",
		"  the 16K simulation (run sim16): context window 16K (its own spec, https://example.org/sim): measured ",
		"no run is labelled someone else",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("suite summary lacks\n%s\nin\n%s", want, stdout)
		}
	}
}

// The README's "Checking a claim" shows what its command prints.
func TestReadmeCheckingAClaim(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(readme)
	_, section, ok := strings.Cut(text, "## Checking a claim")
	if !ok {
		t.Fatal("README has no section Checking a claim")
	}
	_, after, ok := strings.Cut(section, "prints each model's report (left out here), then:\n\n```\n")
	if !ok {
		t.Fatal("the section shows no output")
	}
	shown, _, _ := strings.Cut(after, "```")
	stdout, stderr, err := runNiah(t, "run", "--model", "sim", "--label", "Llama-3.1-8B-Instruct", "--model", "sim:32k", "--label", "Qwen3-4B",
		"--lengths", "4k..128k", "--depths", "5", "--trials", "10", "--claims", "../../examples/claims.yaml", "--out", t.TempDir())
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	_, got, _ := strings.Cut(stdout, "\nclaims (")
	got, _, _ = strings.Cut("claims ("+got, "prompt tokens:")
	got = strings.ReplaceAll(got, "../../examples/claims.yaml", "examples/claims.yaml")
	if got != shown {
		t.Errorf("the README shows\n%s\nthe command prints\n%s", shown, got)
	}
}
