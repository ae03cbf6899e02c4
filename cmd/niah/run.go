package main

import (
	"context"
	"fmt"
	"io"
)

// exitError carries a specific exit code (3: effective context below --expect-context).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// run is the whole program behind main, testable: it parses args and writes
// results to stdout, progress and warnings to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return &exitError{code: 2}
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q (see niah --help)", args[0])
}

const usage = `niah: long-context needle-in-a-haystack retrieval tests

Usage:
  niah run      --model SPEC [--model SPEC ...] [grid flags] [--out DIR]
  niah plan     [grid flags] [--model SPEC]
  niah gen      [grid flags] --out FILE.jsonl
  niah report   RUN_DIR|FILE.jsonl [--out DIR] [--format png,svg,html,txt]
  niah compare  RUN_DIR RUN_DIR ... [--out DIR]
  niah probe    --model SPEC
  niah corpora  list|stats
`
