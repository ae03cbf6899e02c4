package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"niah/internal/fakeserve"
)

// niahProcess starts this test binary as niah itself, in another process.
func niahProcess(t *testing.T, env []string, args ...string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(self, args...)
	cmd.Env = append(append(os.Environ(), "NIAH_TEST_MAIN=1"), env...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, &out
}

func slowFakeSuite(t *testing.T, pids string) string {
	self, _ := os.Executable()
	text := `grid: {lengths: [1k, 2k], depths: "0,50,100", trials: 2, tokenizer: bytes, haystack: noise, task: passkey}
run: {max_tokens: 8, retries: 0}
variants:
  - label: slow {n}
    spec: openai:fake@http://127.0.0.1:{port}/v1
    serve:
      command: ["` + self + `", --port, "{port}"]
      env: {NIAH_FAKESERVE: serve, NIAH_FAKESERVE_PIDS: "` + pids + `", NIAH_FAKESERVE_DELAY: 400ms, NIAH_FAKESERVE_IGNORE_TERM: "1"}
      ready: http://127.0.0.1:{port}/health
      grace: 2s
matrix:
  n: [1, 2]
`
	p := filepath.Join(t.TempDir(), "slow.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Interrupting `niah suite` with a signal — once (drain, then SIGTERM and
// after the grace SIGKILL), or twice (exit at once, killing the servers
// first) — leaves no server process behind; the server and its child both
// ignore SIGTERM.
func TestSuiteInterruptedBySignalLeavesNoProcess(t *testing.T) {
	for _, signals := range []int{1, 2} {
		dir := t.TempDir()
		pids := filepath.Join(dir, "pids")
		cmd, out := niahProcess(t, nil, "suite", slowFakeSuite(t, pids), "--out", filepath.Join(dir, "out"))
		deadline := time.Now().Add(30 * time.Second)
		for len(fakeserve.Pids(pids)) < 2 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(600 * time.Millisecond) // a request in flight
		for range signals {
			cmd.Process.Signal(syscall.SIGINT)
			time.Sleep(50 * time.Millisecond)
		}
		err := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 130 {
			t.Errorf("%d signal(s): exit %v, want 130\n%s", signals, err, out)
		}
		got := fakeserve.Pids(pids)
		if len(got) != 2 {
			t.Errorf("%d signal(s): %d processes started, want the first server and its child only\n%s", signals, len(got), out)
		}
		time.Sleep(200 * time.Millisecond)
		for _, pid := range got {
			if fakeserve.Alive(pid) {
				t.Errorf("%d signal(s): process %d outlived niah", signals, pid)
				syscall.Kill(pid, syscall.SIGKILL)
			}
		}
	}
}
