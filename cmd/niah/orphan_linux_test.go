//go:build linux

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"niah/internal/fakeserve"
)

// groupMembers are the live processes (not zombies) of a process group,
// as /proc lists them: "pid command" each.
func groupMembers(pgid int) []string {
	entries, _ := os.ReadDir("/proc")
	var out []string
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		s := string(b)
		i := strings.LastIndex(s, ")")
		if i < 0 {
			continue
		}
		// After the command: state, ppid, pgrp.
		f := strings.Fields(s[i+1:])
		if len(f) < 3 || f[0] == "Z" {
			continue
		}
		if g, _ := strconv.Atoi(f[2]); g == pgid {
			out = append(out, strconv.Itoa(pid)+" "+s[strings.Index(s, "(")+1:i])
		}
	}
	return out
}

// SIGKILL of niah during a suite leaves no process of the server's group
// (issue 24), in the three cases the parent-death signal alone missed: a
// server that ignores SIGTERM; the real server behind a bash wrapper,
// which dies and leaves its child holding the port; a server's own
// children, which the signal to the group leader never reached. The
// watchdog (suite/watchdog.go) outlives niah and stops the whole group.
func TestSIGKILLedSuiteLeavesNoProcess(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash for the wrapper case")
	}
	for _, c := range []struct {
		name, command, env string
		members            int // processes in the group while it runs
	}{
		{"a server that ignores SIGTERM", `["` + self + `", --port, "{port}"]`, `NIAH_FAKESERVE_IGNORE_TERM: "1"`, 2},
		{"a bash wrapper whose child keeps the port", `["` + bash + `", -c, '"$0" --port "$1"; echo the server exited', "` + self + `", "{port}"]`, "", 3},
		{"a server's own children", `["` + self + `", --port, "{port}"]`, "", 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			pids := filepath.Join(dir, "pids")
			file := filepath.Join(dir, "orphan.yaml")
			os.WriteFile(file, []byte(`grid: {lengths: [1k], depths: "0,50,100", trials: 4, tokenizer: bytes, haystack: noise, task: passkey}
run: {max_tokens: 8, retries: 0}
variants:
  - label: orphan
    spec: openai:fake@http://127.0.0.1:{port}/v1
    serve:
      command: `+c.command+`
      env: {NIAH_FAKESERVE: serve, NIAH_FAKESERVE_PIDS: "`+pids+`", NIAH_FAKESERVE_DELAY: 1s, `+c.env+`}
      ready: http://127.0.0.1:{port}/health
      grace: 1s
`), 0o644)
			cmd, out := niahProcess(t, nil, "suite", file, "--out", filepath.Join(dir, "out"))
			// The run's manifest is written once the server is ready, long
			// after the watchdog was told its group.
			manifest := filepath.Join(dir, "out", "orphan", "manifest.json")
			for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
				if _, err := os.Stat(manifest); err == nil && len(fakeserve.Pids(pids)) >= 2 {
					break
				}
			}
			server := fakeserve.Pids(pids)
			if len(server) < 2 {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("the server did not start:\n%s", out)
			}
			pgid, err := syscall.Getpgid(server[0])
			if err != nil {
				t.Fatal(err)
			}
			if got := groupMembers(pgid); len(got) != c.members {
				t.Errorf("the server's group holds %q, want %d processes", got, c.members)
			}
			cmd.Process.Kill() // SIGKILL: niah unwinds nothing
			cmd.Wait()
			var left []string
			for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
				if left = groupMembers(pgid); len(left) == 0 {
					break
				}
			}
			if len(left) > 0 {
				t.Errorf("after SIGKILL of niah, the server's group still holds %q", left)
				for _, l := range left {
					pid, _ := strconv.Atoi(strings.Fields(l)[0])
					syscall.Kill(pid, syscall.SIGKILL)
				}
			}
		})
	}
}
