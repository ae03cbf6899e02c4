package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// Issue 18: a latent run reports its per-pair base scores, and
// --relative per-pair reads NoLiMa's length pair by pair, in run and in
// report; a bad value names the flag.
func TestRelativePerPair(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	stdout, _, err := runNiah(t, "run", "--model", "sim:8k", "--task", "latent", "--lengths", "1k,2k,4k", "--depths", "3", "--trials", "4",
		"--relative", "per-pair", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"per-pair base scores at 1K: ", "per pair: each pair keeps 85% of its own 1K score"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("run output lacks %q:\n%s", want, stdout)
		}
	}
	stdout, _, err = runNiah(t, "report", dir, "--format", "txt", "--relative", "per-pair:0.9")
	if err != nil || !strings.Contains(stdout, "per pair: each pair keeps 90% of its own 1K score") {
		t.Errorf("report --relative per-pair:0.9: %v\n%s", err, stdout)
	}
	stdout, _, _ = runNiah(t, "report", dir, "--format", "txt")
	if strings.Contains(stdout, "per pair: each pair keeps") || !strings.Contains(stdout, "per-pair base scores at 1K") {
		t.Errorf("report without --relative per-pair:\n%s", stdout)
	}
	for _, bad := range []string{"per-pairs", "per-pair:x", "half"} {
		_, stderr, err := runNiah(t, "report", dir, "--format", "txt", "--relative", bad)
		if err == nil || !strings.Contains(stderr+err.Error(), "--relative") {
			t.Errorf("--relative %s: %v %s", bad, err, stderr)
		}
	}
}
