package e2e

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"niah/internal/ollamatest"
	"niah/internal/tinymodel"
	"niah/results"
)

// Two Ollama processes serve one run as replicas: the trials spread over
// both; one is killed mid-run, the run goes on with the other, and every
// trial is recorded once, none lost to the dead replica.
func TestReplicasOnTwoOllamasSurviveAKill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tiny.gguf")
	if err := tinymodel.Write(path, 1, tinymodel.Options{}); err != nil {
		t.Fatal(err)
	}
	a, b := ollamatest.Start(t), ollamatest.Start(t)
	a.Create(t, "niah-tiny", path, "")
	b.Create(t, "niah-tiny", path, "")
	dir := t.TempDir()
	go func() { // kill the second replica once a third of the trials are in
		deadline := time.Now().Add(5 * time.Minute)
		for time.Now().Before(deadline) && recordLines(dir) < 4 {
			time.Sleep(50 * time.Millisecond)
		}
		b.Kill()
	}()
	_, stderr, err := niah(t, "run", "--model", "ollama:niah-tiny@"+a.URL+","+b.URL, "--option", "num_ctx=3072",
		"--tokenizer", "auto", "--lengths", "1k,2k", "--depths", "0,50,100", "--trials", "2",
		"--concurrency", "2", "--retries", "1", "--max-tokens", "4", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := load(t, dir)
	ids := map[string]bool{}
	for _, r := range recs {
		if r.Status == results.StatusError {
			t.Errorf("%s: %s %s", r.ID, r.Reason, r.Error)
		}
		ids[r.ID] = true
	}
	if len(ids) != 12 || lines(t, dir) != 12 {
		t.Errorf("%d trials in %d lines, want all 12 once", len(ids), lines(t, dir))
	}
	if !strings.Contains(stderr, "warning: replica "+b.URL+" dropped (1 of 2 left)") {
		t.Errorf("no warning that the killed replica was dropped")
	}
	m := regexp.MustCompile(`replicas of \S+: (.+?) (\d+), (.+?) (\d+)$`).FindStringSubmatch(lastLine(stderr, "replicas of"))
	if m == nil {
		t.Fatalf("no replica spread in stderr")
	}
	n1, _ := strconv.Atoi(m[2])
	n2, _ := strconv.Atoi(m[4])
	if n1 == 0 || n2 == 0 || n1+n2 < 12 {
		t.Errorf("spread %s %d, %s %d: want both replicas used and every trial answered", m[1], n1, m[3], n2)
	}
	t.Logf("replica spread (trials and calibration requests answered): %s %d, %s %d; killed once 4 trials were recorded; %d of 12 trials recorded, none an error", m[1], n1, m[3], n2, len(ids))
}

// recordLines counts the records written so far (0 before the file exists).
func recordLines(dir string) int {
	b, _ := os.ReadFile(filepath.Join(dir, results.ResultsFile))
	return strings.Count(string(b), "\n")
}

func lastLine(s, prefix string) string {
	var out string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), prefix) {
			out = sc.Text()
		}
	}
	return out
}
