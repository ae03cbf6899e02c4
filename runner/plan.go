package runner

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"niah/haystack"
	"niah/needle"
	"niah/provider"
	"niah/results"
	"niah/stats"
)

// The documented defaults, written once: a Plan's zero values mean these,
// and the command line's flags and a suite file's fields show them.
const (
	DefaultLengths     = "4k..128k"
	DefaultDepths      = "11"
	DefaultSpacing     = "linear"
	DefaultTrials      = 3
	DefaultTask        = "single"
	DefaultSeed        = int64(42)
	DefaultTokenizer   = "auto"
	DefaultMaxTokens   = 128
	DefaultConcurrency = 1
	DefaultOrder       = OrderPrefix
	DefaultTimeout     = provider.DefaultTimeout
	DefaultRetries     = provider.DefaultMaxRetries
	DefaultResolution  = 0.05
	// DefaultLengthCounts: a length is the window a trial occupies, the
	// prompt as the server counts it plus the answer budget (RULER's rule).
	DefaultLengthCounts = results.CountsWindow
	// OfflineTokenizer defines lengths for the commands that ask no
	// server (gen, plan): auto has nobody to ask.
	OfflineTokenizer = "cl100k"
)

// Order is the order trials are sent in.
type Order string

const (
	// OrderPrefix sends, per model, by where the first needle sits, so
	// consecutive prompts share the longest prefix a server can reuse.
	OrderPrefix Order = "prefix"
	// OrderNaive sends by length, depth, trial.
	OrderNaive Order = "naive"
)

// Plan is everything one run needs: the prompts, the models, how the
// trials are sent, and where they are recorded. Zero values mean the
// documented defaults (the Default constants). niah run and a suite's
// variants are Plans; Open readies one and Execute runs it.
type Plan struct {
	// Grid is the lengths × depths × trials; nil Lengths or Depths, or 0
	// Trials, take the defaults.
	Grid Grid
	Task needle.Task // nil: single
	// Haystack is builtin, builtin:SEED, noise, or a file or directory of
	// .txt/.md; "": the task's own.
	Haystack       string
	RepeatHaystack bool   // a haystack shorter than the longest length may repeat
	Seed           *int64 // nil: DefaultSeed
	// Tokenizer defines lengths: auto, server, cl100k, o200k, bytes, sim,
	// or a tokenizer.json, tokenizer.model or .gguf file; "": auto.
	Tokenizer string
	// LengthCounts is what a length counts: results.CountsWindow (the
	// prompt as the server counts it, template included, plus MaxTokens)
	// or results.CountsPrompt (the prompt alone); "": DefaultLengthCounts.
	LengthCounts string
	// Prompts is a JSONL file of prompts made elsewhere, in RULER's data
	// format (promptfile.go): its lines replace the grid and the task.
	Prompts string

	Models    []ModelSpec
	MaxTokens int               // answer budget per request; 0: DefaultMaxTokens
	Options   map[string]string // KEY=VALUE pairs every request carries (num_ctx, top_k, ...)
	Timeout   time.Duration     // per request attempt; 0: DefaultTimeout
	Retries   *int              // retries of transient failures; nil: DefaultRetries; 0: none
	APIKeyEnv string            // "": the provider's own variable
	Stream    bool
	Headers   map[string]string // extra HTTP headers every request carries; never recorded

	Concurrency int   // requests in flight; 0: DefaultConcurrency
	Order       Order // "": DefaultOrder
	// Search makes the run a search for the effective context, with
	// Grid.Lengths its coarse ladder; nil sends every trial of the grid.
	Search *results.AdaptiveInfo
	Shard  *Shard // one part of the run's trials; nil: all of them

	Out   string // run directory; "": runs/LABEL-TASK
	Fresh bool   // start over, removing Out's records (the default resumes)
	// Cache keeps token indexes between runs; nil keeps them in memory.
	Cache *haystack.Cache
	// Tool and Args are the tool's name and arguments, for the manifest.
	Tool string
	Args []string
	// Warn hears what a client notices while the run goes on (a replica
	// dropped); nil: nobody is told.
	Warn func(string)
	Now  func() time.Time // the clock of record times; nil: time.Now

	opened *openedCorpora // the haystacks opened, shared by the plan's copies
}

// ModelSpec is one model of a plan.
type ModelSpec struct {
	Spec  string // PROVIDER:MODEL[@BASE_URL], parsed once when the plan is readied
	Label string // display label; "": the spec without its URL
	spec  provider.Spec
}

// withDefaults fills every zero value with its default and checks what
// can be checked without a server; errors are *SettingError naming the
// setting (a flag's name).
func (p Plan) withDefaults() (Plan, error) {
	var err error
	if p.Prompts != "" {
		if p.Search != nil || p.Haystack != "" {
			return p, badSetting("prompts", fmt.Errorf("%s brings its own prompts: drop --adaptive and --haystack", p.Prompts))
		}
		pf, err := loadPromptFile(p.Prompts)
		if err != nil {
			return p, err
		}
		p.Task, p.Grid = pf, pf.grid()
	}
	if p.Grid, err = p.Grid.withDefaults(); err != nil {
		return p, err
	}
	models := make([]ModelSpec, len(p.Models))
	for i, m := range p.Models {
		if strings.TrimSpace(m.Spec) == "" {
			return p, badSetting("model", errors.New(`"" is not a model spec: want PROVIDER:MODEL[@BASE_URL], e.g. ollama:qwen3:8b, or sim`))
		}
		if m.spec, err = provider.ParseSpec(m.Spec); err != nil {
			return p, badSetting("model", err)
		}
		models[i] = m
	}
	p.Models = models
	if p.Task == nil {
		p.Task, _ = needle.ByName(DefaultTask)
	}
	if p.Seed == nil {
		seed := DefaultSeed
		p.Seed = &seed
	}
	p.Tokenizer = or(p.Tokenizer, DefaultTokenizer)
	p.Order = or(p.Order, DefaultOrder)
	if p.Order != OrderPrefix && p.Order != OrderNaive {
		return p, badSetting("order", fmt.Errorf("%q is not prefix or naive", p.Order))
	}
	for _, n := range []struct {
		setting string
		v       *int
		def     int
	}{{"max-tokens", &p.MaxTokens, DefaultMaxTokens}, {"concurrency", &p.Concurrency, DefaultConcurrency}} {
		if *n.v < 0 {
			return p, badSetting(n.setting, fmt.Errorf("%d: want at least 1", *n.v))
		}
		*n.v = or(*n.v, n.def)
	}
	switch {
	case p.Timeout < 0:
		return p, badSetting("timeout", fmt.Errorf("%v: want a positive duration, e.g. 30m", p.Timeout))
	case p.Retries != nil && *p.Retries < 0:
		return p, badSetting("retries", fmt.Errorf("%d: want 0 (no retries) or more", *p.Retries))
	}
	p.Timeout = or(p.Timeout, DefaultTimeout)
	if p.Retries == nil {
		n := DefaultRetries
		p.Retries = &n
	}
	if p.Search != nil {
		if p.Search, err = searchDefaults(*p.Search); err != nil {
			return p, err
		}
		if p.Shard != nil {
			// A search decides its next lengths from all results: split,
			// each shard would search on its own and the parts would not merge.
			return p, badSetting("shard", fmt.Errorf("an adaptive search cannot be sharded: run the search whole"))
		}
	}
	if p.Shard != nil {
		if err := p.Shard.check(); err != nil {
			return p, badSetting("shard", err)
		}
	}
	if err := p.checkLengthCounts(); err != nil {
		return p, err
	}
	if err := p.checkTasks(); err != nil {
		return p, err
	}
	if p.opened == nil {
		p.opened = &openedCorpora{}
	}
	return p, nil
}

// searchDefaults fills a search's zero settings and checks the rest.
func searchDefaults(s results.AdaptiveInfo) (*results.AdaptiveInfo, error) {
	s.Resolution = or(s.Resolution, DefaultResolution)
	s.Target = or(s.Target, DefaultTarget)
	s.Threshold = or(s.Threshold, stats.DefaultThreshold)
	s.Relative = or(s.Relative, stats.DefaultRelative)
	switch {
	case !(s.Resolution > 0 && s.Resolution <= 1): // NaN fails too
		return nil, badSetting("resolution", fmt.Errorf("%g: want a fraction in (0, 1], e.g. 0.05 (1: no finer than a power-of-two ladder)", s.Resolution))
	case !(s.Target > 0 && s.Target <= 1):
		return nil, badSetting("target", fmt.Errorf("%g: want a fraction of the full grid in (0, 1], e.g. 0.25", s.Target))
	case s.Budget < 0:
		return nil, badSetting("budget", fmt.Errorf("%d: want a number of prompt tokens, e.g. 20m", s.Budget))
	case !(s.Threshold > 0 && s.Threshold <= 1):
		return nil, badSetting("threshold", fmt.Errorf("%g: want a fraction in (0, 1], e.g. 0.856", s.Threshold))
	case !(s.Relative > 0 && s.Relative <= 1):
		return nil, badSetting("relative", fmt.Errorf("%g: want a fraction in (0, 1], e.g. 0.85", s.Relative))
	}
	return &s, nil
}

// withDefaults fills the grid's zero fields and checks the rest.
func (g Grid) withDefaults() (Grid, error) {
	var err error
	if len(g.Lengths) == 0 {
		g.Lengths, _ = ParseLengths(DefaultLengths)
	}
	if len(g.Depths) == 0 {
		g.Depths, _ = ParseDepths(DefaultDepths, DefaultSpacing)
	}
	if g.Trials < 0 {
		return g, badSetting("trials", fmt.Errorf("%d: want at least 1", g.Trials))
	}
	g.Trials = or(g.Trials, DefaultTrials)
	for _, l := range g.Lengths {
		if _, err = parseSize(fmt.Sprint(l)); err != nil {
			return g, badSetting("lengths", err)
		}
	}
	for _, d := range g.Depths {
		if !(d >= 0 && d <= 100) || math.IsNaN(d) {
			return g, badSetting("depths", fmt.Errorf("%g is not a percentage from 0 to 100", d))
		}
	}
	g.Lengths, g.Depths = sortedSet(g.Lengths), sortedSet(g.Depths)
	return g, nil
}

// or is v, or def when v is its type's zero value.
func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
