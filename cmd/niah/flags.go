package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

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
	lengthCounts             string
	maxTokens                int
}

func (g *gridFlags) register(fs *pflag.FlagSet, defaultTokenizer string) {
	fs.StringVar(&g.lengths, "lengths", runner.DefaultLengths, "lengths in tokens: 4k,8k,1m or 4k..1m (powers of two); what a length counts: --length-counts")
	fs.StringVar(&g.lengthCounts, "length-counts", runner.DefaultLengthCounts, "what a length counts: window (the prompt as the server counts it plus the answer budget, RULER's rule: a 128K length fits a 128K server) or prompt (the prompt alone)")
	fs.IntVar(&g.maxTokens, "max-tokens", runner.DefaultMaxTokens, "answer budget per request (raise it for reasoning models); a window length holds it")
	fs.StringVar(&g.depths, "depths", runner.DefaultDepths, "needle depths: a count spread over 0-100% (11; 50x for a count that reads like a percentage), or percentages (0,25,50,75,100 or one: 50%)")
	fs.StringVar(&g.spacing, "depth-spacing", runner.DefaultSpacing, "spacing of a depth count: linear or sigmoid (dense near the ends)")
	fs.IntVar(&g.trials, "trials", runner.DefaultTrials, "trials per cell (each with its own random needle)")
	fs.StringVar(&g.task, "task", runner.DefaultTask, "what is hidden and asked: "+strings.Join(needle.Names(), ", ")+
		"; add :"+strings.Join(needle.ValueKinds(), "|")+" for the value kind, e.g. multikey:uuid; latent:literal|inverted|distract|2hop for latent's forms; hops:N[:distract]; "+
		strings.Join(needle.AggregateNames(), ", ")+" (RULER's aggregation tasks and its synthetic set; ruler:qa=FILE adds QA from a SQuAD or HotpotQA file)")
	fs.StringVar(&g.haystack, "haystack", "", "filler text: builtin, builtin:SEED, noise, or a file or directory of .txt/.md (default: the task's own)")
	fs.BoolVar(&g.repeat, "haystack-repeat", false, "allow a haystack shorter than the longest length to repeat itself")
	fs.Int64Var(&g.seed, "seed", runner.DefaultSeed, "seed for needles (same grid and seed: same prompts and trial ids)")
	fs.StringVar(&g.tokenizer, "tokenizer", defaultTokenizer, "tokenizer that defines lengths: auto, cl100k, o200k, bytes, sim, or a tokenizer.json / tokenizer.model / .gguf file")
}

// plan makes the grid flags into the prompts of a plan; each error names
// its flag.
func (g *gridFlags) plan() (runner.Plan, error) {
	lengths, err := runner.ParseLengths(g.lengths)
	if err != nil {
		return runner.Plan{}, fmt.Errorf("--lengths: %w", err)
	}
	depths, err := runner.ParseDepths(g.depths, g.spacing)
	if err != nil {
		return runner.Plan{}, flagError(err, "--depths")
	}
	if g.trials < 1 {
		return runner.Plan{}, fmt.Errorf("--trials must be at least 1")
	}
	if g.maxTokens < 1 {
		return runner.Plan{}, fmt.Errorf("--max-tokens must be at least 1")
	}
	task, err := needle.ByName(g.task)
	if err != nil {
		return runner.Plan{}, fmt.Errorf("--task %w", err)
	}
	seed := g.seed
	return runner.Plan{
		Grid: runner.Grid{Lengths: lengths, Depths: depths, Trials: g.trials},
		Task: task, Haystack: g.haystack, RepeatHaystack: g.repeat, Seed: &seed, Tokenizer: g.tokenizer,
		LengthCounts: g.lengthCounts, MaxTokens: g.maxTokens,
	}, nil
}

// flagError names the flag a library error is about: a depth-spacing
// error names --depth-spacing, anything else the flag given.
func flagError(err error, flag string) error {
	var se *runner.SettingError
	if errors.As(err, &se) {
		return fmt.Errorf("--%s: %w", se.Setting, se.Err)
	}
	return fmt.Errorf("%s: %w", flag, err)
}

// explain turns an engine error into one line naming the flag at fault.
func explain(err error) error {
	var se *runner.SettingError
	var short *haystack.ErrShortCorpus
	var mismatch *runner.MismatchError
	var busy *runner.BusyError
	switch {
	case errors.As(err, &busy):
		return fmt.Errorf("--out: %w: wait for it to finish, stop it, or pick another --out", busy)
	case errors.As(err, &mismatch):
		return fmt.Errorf("--out %w: pick another --out, or --resume=false to start over", mismatch)
	case errors.As(err, &short):
		switch {
		case short.Have == 0 && short.Bytes > 0:
			return fmt.Errorf("%w: write it in sentences or paragraphs, or use another --haystack", err)
		case short.Repeated:
			return fmt.Errorf("%w, even repeated as --haystack-repeat asks: use a larger --haystack, or drop the longer --lengths", err)
		}
		return fmt.Errorf("%w: use a larger --haystack, allow repetition with --haystack-repeat, or drop the longer --lengths", err)
	case errors.As(err, &se):
		return fmt.Errorf("--%s: %w", se.Setting, se.Err)
	}
	return err
}

func newFlagSet(name string, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	return fs
}

// offline readies the prompts of the grid flags in a fixed tokenizer, for
// the commands that send nothing (gen, plan): one prompter per task (a
// set has several).
func (g *gridFlags) offline(ctx context.Context) (runner.Plan, []*runner.Prompter, error) {
	p, err := g.plan()
	if err != nil {
		return p, nil, err
	}
	p.Cache = indexCache()
	prs, err := runner.PromptSet(ctx, p)
	if err != nil {
		return p, nil, explain(err)
	}
	return p, prs, nil
}

// indexCache keeps token indexes between runs, under $NIAH_CACHE_DIR or
// the user's cache directory.
func indexCache() *haystack.Cache { return haystack.NewCache(haystack.DefaultDir()) }
