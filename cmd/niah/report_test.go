package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/internal/recordtest"
	"niah/stats"
)

// The -update flag may be declared by another test file of this package;
// declare it only once and read it by name.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files in testdata")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

func goldenFile(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updating() {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func runReport(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := reportCmd(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestReportTextGolden(t *testing.T) {
	out, _, err := runReport(t, "testdata/report_run", "--format", "txt")
	if err != nil {
		t.Fatal(err)
	}
	goldenFile(t, "report_run.txt", []byte(out))
	if !strings.Contains(out, "of a claimed 32K") {
		t.Error("claimed context was not taken from the manifest's server-reported length")
	}
}

func TestReportWritesFilesFromRecordsAlone(t *testing.T) {
	dir := t.TempDir()
	recs, err := os.ReadFile("testdata/report_run/results.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "only.jsonl") // no manifest beside it
	if err := os.WriteFile(file, recs, 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runReport(t, file, "--claimed", "16k", "--format", "png,svg,html,txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"heatmap.png", "heatmap.svg", "report.html"} {
		if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.Size() == 0 {
			t.Errorf("%s not written beside the file: %v", name, err)
		}
		if !strings.Contains(stderr, name) {
			t.Errorf("stderr does not list %s: %q", name, stderr)
		}
	}
	if !strings.Contains(out, "of a claimed 16K") {
		t.Errorf("--claimed 16k not used:\n%s", out)
	}
}

func TestReportOutAndFormats(t *testing.T) {
	out := filepath.Join(t.TempDir(), "new")
	stdout, _, err := runReport(t, "testdata/report_run", "--out", out, "--format", "svg")
	if err != nil {
		t.Fatal(err)
	}
	if stdout != "" {
		t.Errorf("--format svg printed text: %q", stdout)
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 2 || entries[0].Name() != "accuracy.svg" || entries[1].Name() != "heatmap.svg" {
		t.Errorf("--out holds %v, want only heatmap.svg and accuracy.svg", entries)
	}
}

func TestReportExpectContextExitCode(t *testing.T) {
	// tiny holds 100% to 8K; 16K fails at mid-depth.
	_, _, err := runReport(t, "testdata/report_run", "--format", "txt", "--expect-context", "16k")
	var ex *exitError
	if want := "tiny: effective context 8K (RULER 85.6%) is below --expect-context 16K"; !errors.As(err, &ex) || ex.code != 3 || ex.msg != want {
		t.Fatalf("--expect-context 16k: got %v, want exit 3: %s", err, want)
	}
	if _, _, err := runReport(t, "testdata/report_run", "--format", "txt", "--expect-context", "8k"); err != nil {
		t.Errorf("--expect-context 8k: %v, want success", err)
	}
}

// The exit status comes from the numbers stats returns: the first label
// below the expectation is named, an effective length of none reads 0.
func TestExpectContextNamesFirstLabelBelow(t *testing.T) {
	depths := []float64{50}
	good := recordtest.Grid("good", []int{4096, 8192}, depths, 2, func(int, float64, int) float64 { return 1 })
	bad := recordtest.Grid("bad", []int{4096, 8192}, depths, 2, func(int, float64, int) float64 { return 0 })
	sums := stats.Summarize(append(good, bad...))
	c := stats.Criteria{Threshold: 0.5}
	err := expectContext(sums, c, 8192)
	var ex *exitError
	if want := "bad: effective context 0 (RULER 50%) is below --expect-context 8K"; !errors.As(err, &ex) || ex.code != 3 || ex.msg != want {
		t.Errorf("got %v, want exit 3: %s", err, want)
	}
	if err := expectContext(sums[:1], c, 8192); err != nil {
		t.Errorf("good holds to 8K: %v", err)
	}
	if err := expectContext(sums, c, 0); err != nil {
		t.Errorf("nothing expected: %v", err)
	}
}

func TestReportBadInputNamesCulprit(t *testing.T) {
	cases := map[string][]string{
		"--threshold":      {"testdata/report_run", "--threshold", "1.5"},
		"--relative":       {"testdata/report_run", "--relative", "0"},
		"--format":         {"testdata/report_run", "--format", "gif"},
		"--claimed":        {"testdata/report_run", "--claimed", "big"},
		"--expect-context": {"testdata/report_run", "--expect-context", "x"},
		"nosuchdir":        {"testdata/nosuchdir"},
		"one RUN_DIR":      {},
	}
	for want, args := range cases {
		_, _, err := runReport(t, args...)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("report %v: error %v, want one naming %s", args, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("report %v: error spans lines: %q", args, err)
		}
	}
}

// Records stream: `cat a b | niah report -` summarises both runs, each as
// `report` would one at a time, and writes files only where --out says.
func TestReportReadsRecordsFromStdin(t *testing.T) {
	a, err := os.ReadFile("testdata/report_run/results.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	b := bytes.ReplaceAll(bytes.ReplaceAll(a, []byte(`"label": "tiny"`), []byte(`"label": "other"`)),
		[]byte(`"id": "m/`), []byte(`"id": "other/`))
	report := func(stdin []byte, args ...string) (string, string, error) {
		var out, errOut bytes.Buffer
		err := run(context.Background(), append([]string{"report"}, args...), bytes.NewReader(stdin), &out, &errOut)
		return out.String(), errOut.String(), err
	}
	both, stderr, err := report(append(append([]byte{}, a...), b...), "-")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(both, "== tiny ·") || !strings.Contains(both, "== other ·") {
		t.Fatalf("the summary of two runs read from stdin names both:\n%s", both)
	}
	if strings.Contains(stderr, "wrote") {
		t.Errorf("with no --out, report - writes no files: %s", stderr)
	}
	one, _, err := report(a, "-")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(both, strings.SplitN(one, "\n==", 2)[0]) {
		t.Errorf("the first run reads the same from a stream of one or two runs:\n%s\n---\n%s", one, both)
	}
	dir := t.TempDir()
	if _, stderr, err = report(a, "-", "--out", dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"heatmap.png", "heatmap.svg", "report.html"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("--out %s: %v", dir, err)
		}
	}
	if _, _, err := report([]byte("not a record\n"), "-"); err == nil || !strings.Contains(err.Error(), "stdin") {
		t.Errorf("a stream with no records: %v, want an error naming stdin", err)
	}
}
