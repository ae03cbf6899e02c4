package main

import (
	"context"
	"fmt"
	"io"
	"sort"

	"niah/provider"

	"github.com/spf13/pflag"
)

// exitError carries a specific exit code (3: effective context below
// --expect-context; 4: nothing was measured; 5: a merge that is not
// whole; 130: interrupted).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

type command func(ctx context.Context, args []string, stdout, stderr io.Writer) error

// commands are the subcommands; report alone reads standard input.
func commands(stdin io.Reader) map[string]command {
	return map[string]command{
		"run":  runCmd,
		"plan": planCmd,
		"gen":  genCmd,
		"report": func(ctx context.Context, args []string, stdout, stderr io.Writer) error {
			return reportCmd(ctx, args, stdin, stdout, stderr)
		},
		"probe":           probeCmd,
		"compare":         compareCmd,
		"suite":           suiteCmd,
		"merge":           mergeCmd,
		"export":          exportCmd,
		"reference-model": refModelCmd,
		"corpora":         corporaCmd,
		"version": func(_ context.Context, _ []string, stdout, _ io.Writer) error {
			fmt.Fprintln(stdout, "niah", version)
			return nil
		},
	}
}

// run is the whole program behind main, testable: it parses args, reads
// records from stdin when asked (report -), and writes results to stdout,
// progress and warnings to stderr.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return &exitError{code: 2}
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage())
		return nil
	}
	all := commands(stdin)
	cmd, ok := all[args[0]]
	if !ok {
		names := make([]string, 0, len(all))
		for n := range all {
			names = append(names, n)
		}
		sort.Strings(names)
		return fmt.Errorf("unknown command %q (commands: %v; see niah --help)", args[0], names)
	}
	err := cmd(ctx, args[1:], stdout, stderr)
	if err == pflag.ErrHelp {
		return nil
	}
	return err
}

// usage is the top-level help; the providers come from their registry.
func usage() string { return usageHead + provider.Usage() + usageTail }

const usageHead = `niah: long-context needle-in-a-haystack retrieval tests

Usage:
  niah run      --model SPEC [--model SPEC ...] [grid flags] [--out DIR]   the main job
  niah plan     [grid flags] [--model SPEC]       cells, requests and tokens; sends nothing
  niah gen      [grid flags] --out FILE.jsonl     prompts only, for other runners
  niah report   RUN_DIR|FILE.jsonl|- [--out DIR] [--format png,svg,html,txt]
  niah compare  RUN_DIR RUN_DIR ... [--out DIR]   side by side and difference heatmaps
  niah suite    FILE.yaml [--out DIR]            variants (servers started and stopped), one comparison
  niah merge    RUN_DIR ... --out DIR            join the shards of a run (run --shard i/n, --shards n)
  niah export   RUN_DIR --format ruler|lm-eval|csv --out DIR   records for RULER, lm-evaluation-harness, spreadsheets
  niah probe    --model SPEC                      context size, tokenizer, truncation behaviour
  niah corpora  [list|stats]                      the haystacks
  niah reference-model --out ref.gguf [--rope-scale 2]   a GGUF of known behaviour, to check the chain
  niah version

Model specs: PROVIDER:MODEL[@BASE_URL]; MODEL may contain colons and slashes, @http starts the URL.
API keys come from the environment (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, or --api-key-env NAME).
Providers:
`

const usageTail = `
Examples:
  niah run --model sim
  niah run --model ollama:qwen3:8b --lengths 4k..128k --depths 11 --trials 3
  niah plan --lengths 4k..1m --depths 35 --depth-spacing sigmoid
  niah compare runs/a runs/b --out cmp
  cat runs/a/results.jsonl runs/b/results.jsonl | niah report - --out both

Run 'niah COMMAND --help' for a command's flags.

Exit codes: 0 done; 1 error; 2 no command given; 3 effective context below --expect-context;
4 nothing was measured (not one trial of a model was graded); 5 a merge whose parts do not make
the whole run (unless --partial); 130 interrupted.
`
