package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"niah/results"
	"niah/runner"
)

// genCmd writes one prompt record per trial (with its messages) for other
// runners to send.
func genCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("gen", stderr)
	var g gridFlags
	g.register(fs, runner.OfflineTokenizer)
	out := fs.String("out", "", "file to write (JSON lines), or - for stdout")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("gen: --out FILE.jsonl is required (or --out - for stdout)")
	}
	p, prs, err := g.offline(ctx)
	if err != nil {
		return err
	}
	w := stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			return fmt.Errorf("--out: %w", err)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n := 0
	for _, pr := range prs {
		for _, it := range runner.ItemsFor(p.Grid, pr.Task) {
			if err := ctx.Err(); err != nil {
				return err
			}
			prompt, err := pr.Build("", it)
			if err != nil {
				return explain(err)
			}
			rec := prompt.Record(pr)
			rec.Messages = []results.Message{{Role: "user", Content: prompt.Text()}}
			if err := enc.Encode(&rec); err != nil {
				return fmt.Errorf("--out: %w", err)
			}
			n++
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if *out != "-" {
		fmt.Fprintf(stderr, "wrote %d prompts to %s\n", n, *out)
	}
	return nil
}
