package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompareTwoRunsGolden(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	// The same run twice: labels collide and get the run's directory name.
	b := filepath.Join(t.TempDir(), "copy")
	if err := os.MkdirAll(b, 0o755); err != nil {
		t.Fatal(err)
	}
	recs, _ := os.ReadFile("testdata/report_run/results.jsonl")
	if err := os.WriteFile(filepath.Join(b, "results.jsonl"), recs, 0o644); err != nil {
		t.Fatal(err)
	}
	err := compareCmd(context.Background(), []string{"testdata/report_run", b, "--out", out}, &stdout, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	goldenFile(t, "compare_two.txt", stdout.Bytes())
	for _, name := range []string{"compare.png", "compare.svg", "compare.html"} {
		if st, err := os.Stat(filepath.Join(out, name)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	if !strings.Contains(stdout.String(), "tiny (report_run)") || !strings.Contains(stdout.String(), "tiny (copy)") {
		t.Errorf("equal labels not disambiguated:\n%s", stdout.String())
	}
}

func TestCompareErrors(t *testing.T) {
	for want, args := range map[string][]string{
		"at least two runs": {"testdata/report_run"},
		"--threshold":       {"testdata/report_run", "testdata/report_run", "--threshold", "-1"},
		"nosuch":            {"testdata/report_run", "testdata/nosuch"},
	} {
		err := compareCmd(context.Background(), args, &bytes.Buffer{}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("compare %v: %v, want error naming %s", args, err, want)
		}
	}
}
