package main

import (
	"bytes"
	"strings"
	"testing"

	"niah/results"
)

// Off a terminal the progress is plain lines, never carriage-return frames.
func TestProgressPlainLinesOffTerminal(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf)
	p.every = 0 // a line per trial, so the test sees them all
	p.Start(5, 2, 40000)
	for range 3 {
		p.Done(&results.Record{PromptTokens: 4096})
	}
	p.finish()
	out := buf.String()
	if strings.Contains(out, "\r") || strings.Contains(out, "\x1b[") {
		t.Fatalf("terminal control characters in plain output: %q", out)
	}
	for _, want := range []string{"resuming: 2 of 5 trials already recorded", "sending 3 trials (40K prompt tokens)", "5/5 trials", "prompt tok/s", "eta"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}
