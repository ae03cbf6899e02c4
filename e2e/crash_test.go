package e2e

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"niah/internal/hostile"
	"niah/results"
)

// TestCrashResumes kills the niah binary with SIGKILL at random moments,
// from start-up to the last trials, over many reruns of the same command
// until one finishes; then it checks that every trial is in the records
// exactly once: no duplicate line, no gap, no torn line, and no rerun
// found the directory locked by a killed one. Cycles of this repeat in
// fresh directories until 30 kills. The server is a loopback stand-in
// answering after 30 ms, so no Ollama is needed.
func TestCrashResumes(t *testing.T) {
	srv := httptest.NewServer(&hostile.Server{Mix: map[hostile.Fault]int{hostile.Answer: 1}, Delay: 30 * time.Millisecond})
	defer srv.Close()
	const planned = 2 * 5 * 6
	rng := rand.New(rand.NewPCG(1, 2))
	kills, midRun, cycles := 0, 0, 0
	for kills < 30 {
		dir := t.TempDir()
		args := []string{"run", "--model", "openai:m@" + srv.URL + "/v1", "--tokenizer", "cl100k",
			"--lengths", "512,1k", "--depths", "0,25,50,75,100", "--trials", "6", "--concurrency", "2",
			"--max-tokens", "8", "--out", dir}
		path := filepath.Join(dir, results.ResultsFile)
		for {
			cmd := exec.Command(niahBinary(t), args...)
			cmd.Env = append(os.Environ(), "NIAH_CACHE_DIR="+cacheDir(t))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			before := countLines(path)
			time.Sleep(time.Duration(rng.IntN(2000)) * time.Millisecond)
			_ = cmd.Process.Signal(syscall.SIGKILL)
			err := cmd.Wait()
			if strings.Contains(stderr.String(), "is writing to") {
				t.Fatalf("a rerun found the directory locked by a killed run:\n%s", stderr.String())
			}
			if err == nil {
				break // it finished before the kill
			}
			kills++
			if n := countLines(path); n > before && n < planned {
				midRun++
			}
		}
		checkOnce(t, path, planned)
		cycles++
	}
	t.Logf("%d kills survived over %d runs brought to completion (%d kills while trials were being recorded); %d trials each, each recorded once",
		kills, cycles, midRun, planned)
}

// checkOnce fails unless path holds exactly planned records, one line
// each, all graded.
func checkOnce(t *testing.T, path string, planned int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, line := range bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n")) {
		var r results.Record
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		if r.Status != results.StatusOK {
			t.Errorf("%s: %s %s", r.ID, r.Status, r.Error)
		}
		seen[r.ID]++
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%q is recorded %d times", id, n)
		}
	}
	if len(seen) != planned {
		t.Fatalf("%d distinct trials recorded, want %d", len(seen), planned)
	}
}

func countLines(path string) int {
	b, _ := os.ReadFile(path)
	return bytes.Count(b, []byte("\n"))
}
