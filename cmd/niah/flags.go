package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"niah/corpora"
	"niah/haystack"
	"niah/needle"
	"niah/runner"
)

// gridFlags are the flags that define the prompts: shared by run, plan and gen.
type gridFlags struct {
	lengths, depths, spacing string
	trials                   int
	task, haystack           string
	repeat                   bool
	seed                     int64
	tokenizer                string
}

func (g *gridFlags) register(fs *pflag.FlagSet, defaultTokenizer string) {
	fs.StringVar(&g.lengths, "lengths", "4k..128k", "prompt lengths in tokens: 4k,8k,1m or 4k..1m (powers of two)")
	fs.StringVar(&g.depths, "depths", "11", "needle depths: a count spread over 0-100% (11), or percentages (0,25,50,75,100 or one: 50%)")
	fs.StringVar(&g.spacing, "depth-spacing", "linear", "spacing of a depth count: linear or sigmoid (dense near the ends)")
	fs.IntVar(&g.trials, "trials", 3, "trials per cell (each with its own random needle)")
	fs.StringVar(&g.task, "task", "single", "what is hidden and asked: "+strings.Join(needle.Names(), ", ")+
		"; add :"+strings.Join(needle.ValueKinds(), "|")+" for the value kind, e.g. multikey:uuid; latent:literal is latent's control; hops:N[:distract]")
	fs.StringVar(&g.haystack, "haystack", "", "filler text: builtin, builtin:SEED, noise, or a file or directory of .txt/.md (default: the task's own)")
	fs.BoolVar(&g.repeat, "haystack-repeat", false, "allow a haystack shorter than the longest length to repeat itself")
	fs.Int64Var(&g.seed, "seed", 42, "seed for needles (same grid and seed: same prompts and trial ids)")
	fs.StringVar(&g.tokenizer, "tokenizer", defaultTokenizer, "tokenizer that defines lengths: auto, cl100k, o200k, bytes, sim, or a tokenizer.json / tokenizer.model / .gguf file")
}

// parsed is the grid flags made into values.
type parsed struct {
	grid   runner.Grid
	task   needle.Task
	corpus *corpora.Corpus
}

func (g *gridFlags) parse() (*parsed, error) {
	lengths, err := runner.ParseLengths(g.lengths)
	if err != nil {
		return nil, err
	}
	depths, err := runner.ParseDepths(g.depths, g.spacing)
	if err != nil {
		return nil, err
	}
	if g.trials < 1 {
		return nil, fmt.Errorf("--trials must be at least 1")
	}
	task, err := needle.ByName(g.task)
	if err != nil {
		return nil, err
	}
	src := g.haystack
	if src == "" {
		src = task.DefaultHaystack()
	}
	c, err := corpora.Open(src)
	if err != nil {
		return nil, err
	}
	return &parsed{grid: runner.Grid{Lengths: lengths, Depths: depths, Trials: g.trials}, task: task, corpus: c}, nil
}

// fixedTokenizer resolves a --tokenizer value that needs no server.
func fixedTokenizer(name string) (haystack.Tokenizer, error) {
	switch name {
	case "cl100k", "o200k", "cl100k_base", "o200k_base":
		return haystack.Tiktoken(name)
	case "bytes":
		return haystack.Bytes(), nil
	case "sim":
		return haystack.Sim(), nil
	case "auto", "server":
		return nil, fmt.Errorf("--tokenizer %s needs a model (--model) to ask", name)
	}
	t, err := haystack.LoadFile(name)
	if err != nil {
		return nil, fmt.Errorf("--tokenizer: %w", err)
	}
	return t, nil
}

// withRepeat makes the corpus long enough for the grid when the user allows
// repetition, and checks it otherwise.
func withRepeat(p *parsed, tok haystack.Tokenizer, allow bool) error {
	longest := p.grid.Lengths[len(p.grid.Lengths)-1]
	ix, err := haystack.IndexFor(p.corpus.Text, p.corpus.Hash, tok, longest)
	if err != nil {
		return err
	}
	if ix.Tokens() >= longest || !allow {
		return nil // a short corpus without --haystack-repeat fails in Build, naming the flag
	}
	times := longest/max(ix.Tokens(), 1) + 2
	p.corpus = p.corpus.Repeat(times)
	return nil
}

func newFlagSet(name string, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	return fs
}

// prompter parses the grid flags and readies the prompts in a fixed
// tokenizer (the commands that send nothing: gen and plan).
func (g *gridFlags) prompter() (*parsed, *runner.Prompter, error) {
	p, err := g.parse()
	if err != nil {
		return nil, nil, err
	}
	tok, err := fixedTokenizer(g.tokenizer)
	if err != nil {
		return nil, nil, err
	}
	if err := withRepeat(p, tok, g.repeat); err != nil {
		return nil, nil, err
	}
	pr, err := runner.NewPrompter(p.task, p.corpus, tok, g.seed, p.grid.Lengths[len(p.grid.Lengths)-1])
	if err != nil {
		return nil, nil, err
	}
	return p, pr, nil
}
