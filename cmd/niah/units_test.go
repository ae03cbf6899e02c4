package main

import (
	"strings"
	"testing"

	"niah/results"
)

// TestLengthErrorsSayTheAskedLength: with a stand-in tokenizer calibrated
// against the server (cl100k for a byte-level model: about 4 server
// tokens each), a length too short for the task is said in the length the
// user asked for, and in the stand-in's calibrated one.
func TestLengthErrorsSayTheAskedLength(t *testing.T) {
	srv := answering(t, mustSolve, -1, 0) // Ollama's /v1, a byte-level model: a byte a token, plus 4
	_, _, err := runNiah(t, "run", "--model", "openai:q@"+srv.URL+"/v1", "--tokenizer", "cl100k", "--lengths", "256",
		"--depths", "50%", "--trials", "1", "--out", t.TempDir())
	t.Logf("%v", err)
	if err == nil || strings.Contains(err.Error(), "\n") ||
		!strings.HasPrefix(err.Error(), "--lengths: length 256 is shorter than the instructions, needles and question, which take about ") ||
		!strings.Contains(err.Error(), "in cl100k, the stand-in tokenizer calibrated as server = ") {
		t.Fatalf("want one line in the asked length and the stand-in's, got %v", err)
	}
}

// TestFractionsTakePercentages: every fraction flag takes 5% as 0.05.
func TestFractionsTakePercentages(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, err := runNiah(t, "run", "--model", "sim", "--lengths", "4k,8k", "--depths", "0,100", "--trials", "2",
		"--adaptive", "--resolution", "25%", "--threshold", "85.6%", "--relative", "85%", "--out", dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	_, man, _, _ := results.LoadRun(dir)
	if a := man.Adaptive; a == nil || a.Resolution != 0.25 || a.Threshold != 0.856 || a.Relative != 0.85 {
		t.Fatalf("manifest search %+v", man.Adaptive)
	}
	if !strings.Contains(stdout, "RULER 85.6%") {
		t.Errorf("stdout:\n%s", stdout)
	}
	out, _, err := runNiah(t, "report", dir, "--format", "txt", "--threshold", "50%", "--relative", "0.5")
	if err != nil || !strings.Contains(out, "RULER 50%") {
		t.Fatalf("report --threshold 50%%: %v\n%s", err, out)
	}
	if _, _, err := runNiah(t, "plan", "--lengths", "4k", "--resolution", "5%"); err != nil {
		t.Fatalf("plan --resolution 5%%: %v", err)
	}
	for _, flag := range []string{"--resolution", "--threshold", "--relative"} {
		_, _, err := runNiah(t, "run", "--model", "sim", "--adaptive", flag, "five", "--out", t.TempDir())
		if err == nil || !strings.Contains(err.Error(), flag) || !strings.Contains(err.Error(), `"five" is not a fraction: give a number such as 0.05, or a percentage such as 5%`) {
			t.Errorf("%s five: %v", flag, err)
		}
	}
}
