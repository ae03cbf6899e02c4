// Package e2e runs the niah binary end to end against a real Ollama server
// on loopback, serving the project's own tiny byte-level GGUF (one token
// per byte: lengths are exact and server counts can be checked).
package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"niah/internal/ollamatest"
	"niah/internal/tinymodel"
	"niah/results"
)

func TestMain(m *testing.M) { ollamatest.Main(m) }

var build struct {
	once sync.Once
	bin  string
	err  error
	dir  string
}

// niahBinary builds the niah command once per test binary: the tests run
// it as users do, including killing it with SIGKILL.
func niahBinary(t *testing.T) string {
	t.Helper()
	build.once.Do(func() {
		build.dir, build.err = os.MkdirTemp("", "niah-e2e-bin")
		if build.err != nil {
			return
		}
		build.bin = filepath.Join(build.dir, "niah")
		out, err := exec.Command("go", "build", "-o", build.bin, "niah/cmd/niah").CombinedOutput()
		if err != nil {
			build.err = &buildError{out: string(out), err: err}
		}
	})
	if build.err != nil {
		t.Fatal(build.err)
	}
	return build.bin
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return "building niah: " + e.err.Error() + "\n" + e.out }

var tiny struct {
	once sync.Once
	srv  *ollamatest.Server
}

// tinyModel starts the shared Ollama and registers the tiny random model
// as "niah-tiny" (random weights: gibberish answers, real tokenizer, real
// truncation, real prefix cache).
func tinyModel(t *testing.T) *ollamatest.Server {
	t.Helper()
	srv := ollamatest.Shared(t)
	tiny.once.Do(func() {
		path := filepath.Join(t.TempDir(), "tiny.gguf")
		if err := tinymodel.Write(path, 1, tinymodel.Options{}); err != nil {
			t.Fatal(err)
		}
		srv.Create(t, "niah-tiny", path, "")
		tiny.srv = srv
	})
	if tiny.srv == nil {
		t.Fatal("the tiny model could not be created (see the first test's log)")
	}
	return tiny.srv
}

// niah runs the binary with a private cache and returns stdout, stderr.
func niah(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, niahBinary(t), args...)
	cmd.Env = append(os.Environ(), "NIAH_CACHE_DIR="+cacheDir(t))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	t.Logf("niah %s\n--- stdout\n%s--- stderr\n%s", strings.Join(args, " "), stdout.String(), stderr.String())
	return stdout.String(), stderr.String(), err
}

var cache struct {
	once sync.Once
	dir  string
}

func cacheDir(t *testing.T) string {
	cache.once.Do(func() { cache.dir, _ = os.MkdirTemp("", "niah-e2e-cache") })
	return cache.dir
}

// ran is a finished `niah run`: its records, manifest, stdout and directory.
type ran struct {
	recs   []results.Record
	man    *results.Manifest
	stdout string
	dir    string
}

// runNiah runs `niah run ARGS --out DIR` into a fresh directory and fails
// the test unless it records exactly want trials.
func runNiah(t *testing.T, want int, args ...string) ran {
	t.Helper()
	dir := t.TempDir()
	stdout, _, err := niah(t, append(append([]string{"run"}, args...), "--out", dir)...)
	if err != nil {
		t.Fatal(err)
	}
	recs, man := load(t, dir)
	if len(recs) != want || lines(t, dir) != want {
		t.Fatalf("%d records in %d lines, want %d", len(recs), lines(t, dir), want)
	}
	return ran{recs, man, stdout, dir}
}

// load reads a run directory's records, failing on any warning.
func load(t *testing.T, dir string) ([]results.Record, *results.Manifest) {
	t.Helper()
	recs, man, warns, err := results.LoadRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(warns) > 0 {
		t.Fatalf("warnings reading %s: %v", dir, warns)
	}
	return recs, man
}

// lines counts the raw lines of a results file: every trial exactly once
// means as many lines as distinct ids.
func lines(t *testing.T, dir string) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, results.ResultsFile))
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(b, []byte("\n"))
}
