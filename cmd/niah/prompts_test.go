package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/haystack"
	"niah/needle"
	"niah/results"
	"niah/runner"
)

// rulerDataFile writes niah's single-needle prompts as RULER's data file
// TASK/validation.jsonl: index, input, outputs, length, and the answer's
// token position in half of the lines.
func rulerDataFile(t *testing.T) string {
	t.Helper()
	task, _ := needle.ByName("single")
	pr, err := runner.Prompts(context.Background(), runner.Plan{Task: task, Tokenizer: "sim", Grid: runner.Grid{Lengths: []int{4096}}})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "niah_single_2", "validation.jsonl")
	os.MkdirAll(filepath.Dir(path), 0o755)
	var b strings.Builder
	for i, it := range []runner.Item{{Length: 4096, Depth: 10}, {Length: 4096, Depth: 90, Trial: 1}, {Length: 8192, Depth: 50}, {Length: 8192, Depth: 50, Trial: 1}} {
		p, err := pr.Build("", it)
		if err != nil {
			t.Fatal(err)
		}
		text := p.Text()
		line := map[string]any{"index": i, "input": text, "outputs": p.Content.Expected, "length": p.Layout.Tokens + 128}
		if i < 2 {
			at := strings.Index(text, p.Content.Expected[0])
			line["token_position_answer"] = haystack.SimCount(text[:at])
		}
		j, _ := json.Marshal(line)
		b.Write(append(j, '\n'))
	}
	os.WriteFile(path, []byte(b.String()), 0o644)
	return path
}

// --prompts sends a file of prompts made elsewhere: each line a trial at
// its length, named after the task directory, its depth from
// token_position_answer where the line gives it, counted and checked like
// niah's own prompts; a rerun resumes; reports and exports read it.
func TestPromptsFileRun(t *testing.T) {
	file := rulerDataFile(t)
	dir := t.TempDir()
	args := []string{"run", "--model", "sim", "--prompts", file, "--out", dir}
	stdout, stderr, err := runNiah(t, args...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	recs, man, _, err := results.LoadRun(dir)
	if err != nil || len(recs) != 4 || man.Task != "niah_single_2" || !strings.HasPrefix(man.Haystack, "prompts:") {
		t.Fatalf("%d records, %v, manifest %+v", len(recs), err, man)
	}
	for _, r := range recs {
		if r.Task != "niah_single_2" || !r.Valid() || r.Score != 1 || r.PromptTokensServer == nil || *r.PromptTokensServer != r.PromptTokens ||
			r.PromptTokens+128 != r.Length || !strings.HasPrefix(r.Haystack, "prompts:") {
			t.Errorf("%s: %+v", r.ID, r)
		}
		if r.Trial < 2 && (r.Depth != map[int]float64{0: 10, 1: 90}[r.Trial] || r.DepthActual < r.Depth-10 || r.DepthActual > r.Depth+10) {
			t.Errorf("%s: depth %g, landed %.1f", r.ID, r.Depth, r.DepthActual)
		}
	}
	if !strings.Contains(stdout, "task niah_single_2") {
		t.Errorf("summary:\n%s", stdout)
	}
	_, stderr, err = runNiah(t, args...)
	if err != nil || !strings.Contains(stderr, "4 already recorded") && !strings.Contains(stderr, "sending 0 trials") {
		t.Logf("rerun: %v\n%s", err, stderr)
	}
	if again, _, _, _ := results.LoadRun(dir); len(again) != 4 || lineCount(t, filepath.Join(dir, results.ResultsFile)) != 4 {
		t.Errorf("a rerun sent the prompts again")
	}
	out := t.TempDir()
	if _, _, err := runNiah(t, "export", dir, "--format", "ruler", "--out", out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "sim", "synthetic", "4096", "pred", "niah_single_2.jsonl")); err != nil {
		t.Error(err)
	}
}

func lineCount(t *testing.T, path string) int {
	b, _ := os.ReadFile(path)
	return strings.Count(string(b), "\n")
}

// Bad input to --prompts and export is one line naming the file and line.
func TestPromptsAndExportBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"index": 0, "input": "Q?", "outputs": ["A"], "length": 4096}`+"\n\n"+`{"index": 1, "input": "Q?", "outputs": [], "length": 4096}`+"\n"), 0o644)
	notJSON := filepath.Join(dir, "x.jsonl")
	os.WriteFile(notJSON, []byte("{\"input\": \"Q\"\nnope\n"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--model", "sim", "--prompts", bad}, "--prompts: " + bad + ":3: no outputs"},
		{[]string{"run", "--model", "sim", "--prompts", notJSON}, "--prompts: " + notJSON + ":1: not a JSON object"},
		{[]string{"run", "--model", "sim", "--prompts", bad, "--lengths", "4k"}, "--prompts " + bad + " brings its own prompts, lengths and task: drop --lengths"},
		{[]string{"run", "--model", "sim", "--prompts", filepath.Join(dir, "none.jsonl")}, "--prompts: open"},
		{[]string{"export", "testdata/report_run", "--format", "xml", "--out", dir}, `--format: unknown format "xml" (ruler, lm-eval, csv)`},
		{[]string{"export", "testdata/report_run", "--format", "csv"}, "export: --out DIR is required"},
		{[]string{"export", bad, "--format", "csv", "--out", dir}, bad + ": not a records file"},
	} {
		_, _, err := runNiah(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: %v, want one line with %q", c.args, err, c.want)
		}
	}
}
