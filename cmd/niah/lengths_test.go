package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/results"
)

// report, compare and merge never put lengths that count different things
// on one axis: the window run and the old (prompt) run of testdata are
// refused together, each error one line naming the runs.
func TestLengthMeaningsAreNeverMixed(t *testing.T) {
	dir := t.TempDir()
	win := filepath.Join(dir, "win")
	if _, stderr, err := runNiah(t, "run", "--model", "sim:16k", "--lengths", "4k,16k", "--depths", "50%", "--trials", "1", "--out", win); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	out, _, err := runNiah(t, "report", win, "--format", "txt")
	if err != nil || !strings.Contains(out, "lengths: prompt + answer budget") {
		t.Errorf("the text header says what lengths count (%v):\n%s", err, out)
	}
	html, _ := os.ReadFile(filepath.Join(win, "report.html"))
	if !bytes.Contains(html, []byte("lengths: prompt &#43; answer budget")) {
		t.Error("the HTML report does not say what lengths count")
	}
	// The same grid counted the old way, the prompt alone.
	old := filepath.Join(dir, "prompt")
	if _, stderr, err := runNiah(t, "run", "--model", "sim:16k", "--lengths", "4k,16k", "--depths", "50%", "--trials", "1",
		"--length-counts", "prompt", "--label", "sim-prompt", "--out", old); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	oneLine := func(what string, err error, want string) {
		t.Helper()
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want one line with %q", what, err, want)
		}
	}
	err = compareCmd(context.Background(), []string{win, old, "--out", t.TempDir()}, &bytes.Buffer{}, &bytes.Buffer{})
	oneLine("compare", err, win+" counts lengths as the prompt + answer budget, "+old+" as the prompt alone")

	_, _, err = runNiah(t, "merge", win, old, "--out", t.TempDir())
	oneLine("merge", err, "lengths counting: prompt alone, not prompt + answer budget")

	a, _ := os.ReadFile(filepath.Join(win, results.ResultsFile))
	b, _ := os.ReadFile(filepath.Join(old, results.ResultsFile))
	var stdout, stderr bytes.Buffer
	err = reportCmd(context.Background(), []string{"-"}, bytes.NewReader(append(a, b...)), &stdout, &stderr)
	oneLine("report -", err, "stdin: the records count lengths two ways (2 as the prompt + answer budget, 2 as the prompt alone)")
}
