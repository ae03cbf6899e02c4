package suite

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"niah/internal/fakeserve"
	"niah/render"
)

func TestMain(m *testing.M) {
	if WatchdogMain() || fakeserve.Main() {
		return
	}
	dir, _ := os.MkdirTemp("", "niah-suite-cache")
	os.Setenv("NIAH_CACHE_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fakeSuite is a suite whose variants are served by this test binary
// acting as a server, in the given modes.
func fakeSuite(t *testing.T, pids string, modes ...string) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	text := `grid: {lengths: [1k], depths: "0,100", trials: 1, tokenizer: bytes, haystack: noise, task: passkey}
run: {max_tokens: 8, retries: 0, timeout: 10s}
variants:
`
	seen := map[string]bool{}
	for i, m := range modes {
		label := m
		if seen[m] {
			label = fmt.Sprintf("%s-%d", m, i)
		}
		seen[m] = true
		text += `  - label: ` + label + `
    spec: openai:fake@http://127.0.0.1:{port}/v1
    serve:
      command: ["` + self + `", --port, "{port}"]
      env: {NIAH_FAKESERVE: ` + m + `, NIAH_FAKESERVE_PIDS: "` + pids + `", NIAH_FAKESERVE_DELAY: 200ms}
      ready: http://127.0.0.1:{port}/health
      timeout: 20s
      grace: 1s
`
	}
	return writeSuite(t, text)
}

func assertAllGone(t *testing.T, pidFile string, atLeast int) {
	t.Helper()
	pids := fakeserve.Pids(pidFile)
	if len(pids) < atLeast {
		t.Fatalf("%d server processes recorded, want at least %d", len(pids), atLeast)
	}
	deadline := time.Now().Add(5 * time.Second)
	for _, pid := range pids {
		for fakeserve.Alive(pid) && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		if fakeserve.Alive(pid) {
			t.Errorf("process %d outlived the suite", pid)
		}
	}
}

// A server that cannot start and one that dies under the first request
// are each a clear per-variant failure with the end of their log; the
// variant after them still runs; no process is left, not even a child
// that ignores SIGTERM.
func TestSuiteServesEachVariantAndLeavesNoProcess(t *testing.T) {
	pids := filepath.Join(t.TempDir(), "pids")
	s, err := Load(fakeSuite(t, pids, "fail", "die", "crash500", "serve"))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	outs, err := s.Run(context.Background(), Options{Out: out}, Events{})
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 4 {
		t.Fatalf("%d outcomes", len(outs))
	}
	if o := outs[0]; !o.Failed || !strings.Contains(o.Reason, "exited before it was ready") || !strings.Contains(o.LogTail, "address already in use") {
		t.Errorf("fail: %+v", o)
	}
	if o := outs[1]; !o.Failed || !strings.Contains(o.Reason, "the server exited during the run") || !strings.Contains(o.LogTail, "GGML_ASSERT") {
		t.Errorf("die: %+v", o)
	}
	if o := outs[2]; !o.Failed || !strings.Contains(o.Reason, "nothing was measured: all 2 trials ended in errors (2 error server_error)") {
		t.Errorf("crash500: %+v", o)
	}
	if o := outs[3]; o.Failed || o.Run.Done != 2 {
		t.Errorf("serve: %+v", o)
	}
	assertAllGone(t, pids, 6)

	var text bytes.Buffer
	if _, err := s.Report(&text, out, outs, render.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"FAILED fail: server did not start", "FAILED die:", "| GGML_ASSERT", "| Error: listen tcp"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, text.String())
		}
	}
	if _, err := os.Stat(filepath.Join(out, render.CompareCurvePNG)); err != nil {
		t.Error(err)
	}

	// Rerunning resumes: the complete variant starts no server at all.
	os.Remove(pids)
	s.Variants = s.Variants[3:]
	outs, err = s.Run(context.Background(), Options{Out: out}, Events{})
	if err != nil || !outs[0].Skipped {
		t.Errorf("rerun: %+v, %v: want the complete run skipped", outs, err)
	}
	if len(fakeserve.Pids(pids)) != 0 {
		t.Error("a complete variant started its server again")
	}
}

// Cancelling (Ctrl-C) mid-run stops the server and starts no other.
func TestSuiteCancelStopsTheServer(t *testing.T) {
	pids := filepath.Join(t.TempDir(), "pids")
	s, err := Load(fakeSuite(t, pids, "serve", "serve"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for len(fakeserve.Pids(pids)) < 2 {
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(300 * time.Millisecond)
		cancel()
	}()
	outs, err := s.Run(ctx, Options{Out: t.TempDir()}, Events{})
	if err == nil {
		t.Error("a cancelled suite reported success")
	}
	if len(outs) != 1 {
		t.Errorf("%d variants ran after the cancel, want the first only", len(outs))
	}
	assertAllGone(t, pids, 2)
	if n := len(fakeserve.Pids(pids)); n != 2 {
		t.Errorf("%d processes started, want one server and its child", n)
	}
}
