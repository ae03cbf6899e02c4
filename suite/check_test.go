package suite

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/haystack"
)

// Every problem of a suite file is told at once, each with its file and
// line, and nothing runs (issue 24: a bogus spec or a {port} without a
// serve block failed only when its turn came, after the variants before
// it had run; run settings of 0 and -5 became 1 and 128; "weird" went
// into the manifest; an unused matrix key passed in silence).
func TestSuiteFileIsCheckedWhole(t *testing.T) {
	p := writeSuite(t, `grid: {lengths: [4k], depths: "0,100", trials: 1}
run: {concurrency: 0, max_tokens: -5, order: weird}
matrix: {scale: [1, 2], unused: [a, b]}
variants:
  - label: good
    spec: sim
  - label: bad
    spec: bogus:model
  - label: p
    spec: openai:m@http://127.0.0.1:{port}/v1
  - label: "sim {scale}"
    spec: sim
    options: {x: "{scale}", y: "{port}"}
  - label: "lab {port}"
    spec: sim
  - label: unk
    spec: "ollama:{model}"
`)
	out := filepath.Join(t.TempDir(), "out")
	_, err := Open(p, Options{Out: out, Cache: haystack.NewCache(t.TempDir())})
	var probs *Problems
	if !errors.As(err, &probs) {
		t.Fatalf("Open: %v, want every problem", err)
	}
	want := []string{
		p + `:2: run.max_tokens: -5: want at least 1`,
		p + `:2: run.concurrency: 0: want at least 1`,
		p + `:2: run.order: "weird" is not prefix or naive`,
		p + `:8: variant "bad": spec: "bogus:model": unknown provider "bogus"`,
		p + `:10: variant "p": {port} in its spec, but the variant has no serve block`,
		p + `:13: variant "sim 1": {port} in its options.y, but the variant has no serve block`,
		p + `:14: variant "lab {port}": {port} in its label, but the variant has no serve block`,
		p + `:17: variant "unk": {model} in its spec is not a matrix key (keys: scale, unused)`,
		`warning: ` + p + `:3: matrix key "unused" is used by no variant`,
		p + `: 8 problems; nothing was run`,
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != len(want) {
		t.Errorf("%d lines, want %d:\n%s", len(lines), len(want), err)
	}
	for i, w := range want {
		if i >= len(lines) || !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d: want %q", i+1, w)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a suite with problems made %s", out)
	}
}

// A matrix key no variant uses is a warning, not a problem; a file with
// nothing in it says so.
func TestUnusedMatrixKeyWarnsAndEmptyFileSaysSo(t *testing.T) {
	p := writeSuite(t, "matrix: {n: [1, 2], spare: [x]}\nvariants:\n  - {label: \"s{n}\", spec: sim}\n")
	s, err := Open(p, Options{Out: t.TempDir(), Cache: haystack.NewCache(t.TempDir())})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Warnings) != 1 || !strings.HasPrefix(s.Warnings[0], p+`:1: matrix key "spare" is used by no variant`) {
		t.Errorf("warnings %q", s.Warnings)
	}
	for _, text := range []string{"", "# only a comment\n"} {
		_, err := Load(writeSuite(t, text))
		if err == nil || !strings.Contains(err.Error(), "s.yaml: the file is empty") {
			t.Errorf("%q: %v", text, err)
		}
	}
}

// What a client would refuse is refused before anything starts too: an
// option its protocol does not take, a hosted API with no key.
func TestSuiteChecksOptionsAndKeysUpFront(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "")
	p := writeSuite(t, `variants:
  - label: o
    spec: openai:m@http://127.0.0.1:9/v1
    options: {stream: true}
  - label: a
    spec: anthropic:claude-x
`)
	_, err := Open(p, Options{Out: t.TempDir(), Cache: haystack.NewCache(t.TempDir())})
	if err == nil || !strings.Contains(err.Error(), p+`:4: variant "o": options: --option stream: use --stream`) ||
		!strings.Contains(err.Error(), p+`:6: variant "a": spec: `) || !strings.Contains(err.Error(), "ANTHROPIC_API_KEY is empty") {
		t.Errorf("%v", err)
	}
}
