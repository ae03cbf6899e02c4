package ollamatest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLogBufferKeepsTail(t *testing.T) {
	b := &logBuffer{max: 10}
	b.Write([]byte("0123456"))
	b.Write([]byte("789abc"))
	if got := b.String(); got != "3456789abc" {
		t.Errorf("buffer = %q, want the last 10 bytes %q", got, "3456789abc")
	}
}

func TestEnvConfinesServer(t *testing.T) {
	t.Setenv("OLLAMA_MODELS", "/home/user/.ollama/models")
	t.Setenv("OLLAMA_HOST", "0.0.0.0:11434")
	t.Setenv("HOME", "/home/user")
	s := &Server{host: "127.0.0.1:5555", dir: "/tmp/x"}
	got := map[string][]string{}
	for _, kv := range s.env() {
		k, v, _ := strings.Cut(kv, "=")
		got[k] = append(got[k], v)
	}
	want := map[string]string{"OLLAMA_HOST": "127.0.0.1:5555", "OLLAMA_MODELS": "/tmp/x/models", "HOME": "/tmp/x/home"}
	for k, v := range want {
		if len(got[k]) != 1 || got[k][0] != v {
			t.Errorf("%s = %q, want exactly %q", k, got[k], v)
		}
	}
}

// fakeOllama puts an executable "ollama" shell script first in PATH.
func fakeOllama(t *testing.T, script string) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "ollama")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	return path
}

func TestFindBinaryPrefersPath(t *testing.T) {
	want := fakeOllama(t, "exit 0")
	if got, err := FindBinary(); err != nil || got != want {
		t.Errorf("FindBinary = %q, %v; want %q", got, err, want)
	}
}

func TestFindBinaryMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("GOPATH", t.TempDir())
	if _, err := FindBinary(); err == nil || !strings.Contains(err.Error(), "install-ollama.sh") {
		t.Errorf("err = %v, want it to say how to install ollama", err)
	}
}

func TestStartReportsEarlyExit(t *testing.T) {
	bin := fakeOllama(t, `echo "Error: listen tcp: address already in use" >&2; exit 1`)
	_, err := start(bin, t.TempDir())
	if err == nil {
		t.Fatal("no error from a server that exits at once")
	}
	for _, want := range []string{"exited before answering", "address already in use"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

// recordingTB notes Skip and Fatal instead of stopping the goroutine.
type recordingTB struct {
	testing.TB
	skipped, failed bool
}

func (r *recordingTB) Helper()               {}
func (r *recordingTB) Skip(...any)           { r.skipped = true }
func (r *recordingTB) Fatalf(string, ...any) { r.failed = true }

func TestMissingBinarySkipsExceptOnCI(t *testing.T) {
	for ci, wantFail := range map[string]bool{"": false, "false": false, "true": true} {
		t.Setenv("CI", ci)
		r := &recordingTB{TB: t}
		skipOrFail(r, os.ErrNotExist)
		if r.failed != wantFail || r.skipped == wantFail {
			t.Errorf("CI=%q: failed %v skipped %v; want failed %v", ci, r.failed, r.skipped, wantFail)
		}
	}
}
