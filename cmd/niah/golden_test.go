package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"niah/results"
)

// The run and probe goldens pin what a user sees and what a run records:
// the same flags must give the same prompts, trial ids, records and
// summary, whatever the engine's inside looks like.

var (
	dateRE    = regexp.MustCompile(`\d{4}-\d\d-\d\d`)
	latencyRE = regexp.MustCompile(`\(\d+(\.\d+)?(ns|µs|ms|s|m\d+s)\)`)
)

func TestRunSimGolden(t *testing.T) {
	dir := t.TempDir()
	stdout, _, err := runNiah(t, "run", "--model", "sim:16k", "--lengths", "4k,8k,16k,32k", "--depths", "3",
		"--trials", "2", "--task", "multikey", "--seed", "5", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	goldenFile(t, "run_sim.txt", dateRE.ReplaceAll([]byte(stdout), []byte("DATE")))

	// The records, less what varies from run to run (when, how long).
	b, err := os.ReadFile(filepath.Join(dir, results.ResultsFile))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatal(err)
		}
		delete(m, "time")
		delete(m, "latency_ms")
		norm, _ := json.Marshal(m) // map keys come out sorted
		out.Write(append(norm, '\n'))
	}
	goldenFile(t, "run_sim_records.jsonl", out.Bytes())
}

func TestProbeSimGolden(t *testing.T) {
	for _, c := range []struct{ name, golden string }{
		{"sim:8k", "probe_sim.txt"},
		{"sim:3k", "probe_sim_3k.txt"},
	} {
		stdout, _, err := runNiah(t, "probe", "--model", c.name)
		if err != nil {
			t.Fatal(err)
		}
		goldenFile(t, c.golden, latencyRE.ReplaceAll([]byte(stdout), []byte("(T)")))
	}
}
