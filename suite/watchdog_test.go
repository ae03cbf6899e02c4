package suite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// The watchdog stops the group it watches when its orders end without a
// release (niah died): SIGTERM, then SIGKILL after the grace to a process
// that ignores SIGTERM. A release leaves the group alone.
func TestWatchdogStopsTheGroupUnlessReleased(t *testing.T) {
	start := func() *exec.Cmd {
		cmd := exec.Command("sh", "-c", "trap '' TERM; echo ready; sleep 60 & wait")
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Skip(err)
		}
		if _, err := bufio.NewReader(out).ReadString('\n'); err != nil { // its trap is set
			t.Fatal(err)
		}
		return cmd
	}
	released := start()
	watch(strings.NewReader(fmt.Sprintf("watch %d 100ms\nrelease\n", released.Process.Pid)))
	if err := syscall.Kill(-released.Process.Pid, 0); err != nil {
		t.Errorf("a released watchdog stopped the group: %v", err)
	}
	syscall.Kill(-released.Process.Pid, syscall.SIGKILL)
	released.Wait()

	orphaned := start()
	watch(strings.NewReader(fmt.Sprintf("watch %d 100ms\n", orphaned.Process.Pid))) // then EOF: niah is gone
	err := orphaned.Wait()
	if ws, ok := orphaned.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Errorf("the group leader, ignoring SIGTERM, ended with %v: want SIGKILL after the grace", err)
	}
	if left := live(func(_, pgid int) bool { return pgid == orphaned.Process.Pid }); len(left) > 0 {
		t.Errorf("processes %v of the group outlived the watchdog", left)
		syscall.Kill(-orphaned.Process.Pid, syscall.SIGKILL)
	}
}

// live lists the processes /proc shows alive (not zombies) for which
// keep(ppid, pgid) holds, with their command lines.
func live(keep func(ppid, pgid int) bool) []string {
	var out []string
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		argv, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		s := string(stat)
		f := strings.Fields(s[strings.LastIndex(s, ")")+1:]) // state, ppid, pgrp, ...
		ppid, _ := strconv.Atoi(f[1])
		pgid, _ := strconv.Atoi(f[2])
		if f[0] != "Z" && keep(ppid, pgid) {
			out = append(out, e.Name()+" "+strings.ReplaceAll(string(argv), "\x00", " "))
		}
	}
	return out
}

// A suite that ends normally leaves no watchdog behind: each is released
// and reaped when its server stops.
func TestNoWatchdogOutlivesTheSuite(t *testing.T) {
	pids := filepath.Join(t.TempDir(), "pids")
	s, err := Load(fakeSuite(t, pids, "serve", "serve"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(context.Background(), Options{Out: t.TempDir()}, Events{}); err != nil {
		t.Fatal(err)
	}
	if left := live(func(ppid, _ int) bool { return ppid == os.Getpid() }); len(left) > 0 {
		t.Errorf("processes outlived the suite: %q", left) // a watchdog not released
	}
	assertAllGone(t, pids, 4)
}
