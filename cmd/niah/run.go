package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"niah/provider"
	"niah/results"
	"niah/runner"
	"niah/stats"
	"niah/units"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

type runFlags struct {
	grid        gridFlags
	models      []string
	labels      []string
	out         string
	concurrency int
	maxTokens   int
	timeout     time.Duration
	retries     int
	options     []string
	resume      bool
	order       string
	apiKeyEnv   string
	stream      bool
	claimed     string
	expect      string
	threshold   float64
	relative    relativeValue
	adaptive    adaptiveFlags
	shard       shardFlags
}

func (f *runFlags) register(fs *pflag.FlagSet) {
	f.grid.register(fs, "auto")
	fs.StringArrayVar(&f.models, "model", nil, "model spec PROVIDER:MODEL[@BASE_URL] (repeatable), e.g. ollama:qwen3:8b, vllm:Qwen/Qwen3-8B, sim")
	fs.StringArrayVar(&f.labels, "label", nil, "display label for each --model, in order (default: the spec without its URL)")
	fs.StringVar(&f.out, "out", "", "run directory (default runs/LABEL-TASK; rerunning the same command resumes it)")
	fs.IntVar(&f.concurrency, "concurrency", 1, "requests in flight per run (keep 1 for timing and prefix-cache reuse)")
	fs.IntVar(&f.maxTokens, "max-tokens", 128, "answer budget per request (raise it for reasoning models)")
	fs.DurationVar(&f.timeout, "timeout", 30*time.Minute, "per-request timeout (a 1M-token prefill can take 10 minutes)")
	fs.IntVar(&f.retries, "retries", 4, "retries of transient failures (rate limits, 5xx, timeouts, network); 0: none")
	fs.StringArrayVar(&f.options, "option", nil, "KEY=VALUE passed to the server (repeatable), e.g. num_ctx=65536 for Ollama")
	fs.BoolVar(&f.resume, "resume", true, "skip trials already in the run directory's results.jsonl")
	fs.StringVar(&f.order, "order", "prefix", "request order: prefix (share cached prefixes) or naive (length, depth, trial)")
	fs.StringVar(&f.apiKeyEnv, "api-key-env", "", "environment variable holding the API key (default OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY)")
	fs.BoolVar(&f.stream, "stream", false, "stream responses (keeps proxies alive during long prefills)")
	fs.StringVar(&f.claimed, "claimed", "", "claimed context length to judge against (default: what the server reports)")
	fs.StringVar(&f.expect, "expect-context", "", "exit 3 when the effective context length is below this, e.g. 128k")
	fs.Float64Var(&f.threshold, "threshold", stats.DefaultThreshold, "RULER effective-length threshold (absolute accuracy)")
	f.relative = defaultRelative()
	fs.Var(&f.relative, "relative", relativeUsage)
	f.adaptive.register(fs)
	f.shard.register(fs)
}

// runCmd is the main job: feed the grid to each model and record every trial.
func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("run", stderr)
	var f runFlags
	f.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	setup, cfg, models, ropts, err := f.parse()
	if err != nil {
		return err
	}
	search, err := f.adaptive.settings(ropts)
	if err != nil {
		return err
	}
	shard, err := f.shard.apply(&cfg, len(models))
	if err != nil {
		return err
	}
	if search != nil && shard != "" {
		// A search decides its next lengths from all results: split, each
		// shard would search on its own and the parts would not merge.
		return fmt.Errorf("--adaptive cannot be sharded (--shard, --shards): run the search whole")
	}
	warnTo(stderr, models)
	prepared, err := prepareAll(ctx, setup, models, stderr)
	if err != nil {
		return err
	}
	man := runner.NewManifest(setup, cfg, prepared)
	man.Tool, man.Args, man.Shard = "niah "+version, redactArgs(append([]string{"run"}, args...)), shard
	man.Adaptive = search
	dir := f.out
	if dir == "" {
		dir = runner.DefaultDir(labelsOf(prepared), setup.Task.Name())
		if shard != "" {
			dir += "-shard" + strings.ReplaceAll(shard, "/", "of")
		}
	}
	rd, warns, err := runner.OpenRunDir(dir, man, f.resume)
	if err != nil {
		return fmt.Errorf("--out: %w", explain(err))
	}
	defer rd.Close()
	printWarnings(stderr, warns)

	prog := newProgress(stderr)
	cfg.Store, cfg.Progress = rd.Store, prog
	if search != nil {
		cfg.Source = adaptiveSource(man, jobsOf(prepared))
	}
	outcome, runErr := runner.Run(ctx, cfg, jobsOf(prepared))
	prog.finish()
	printReplicaSpread(stderr, prepared)
	if runErr != nil && !errors.Is(runErr, runner.ErrStopped) {
		return runErr
	}
	return finishRun(stdout, stderr, rd, ropts, outcome, runErr)
}

// prepareAll readies every model, checks that the grid can be built in
// its tokenizer before anything is written, and tells the user what each
// server is (a simulation says so) and what to watch.
func prepareAll(ctx context.Context, setup runner.Setup, models []runner.ModelConfig, stderr io.Writer) ([]*runner.Model, error) {
	var prepared []*runner.Model
	for _, m := range models {
		md, err := runner.Prepare(ctx, setup, m)
		if err != nil {
			return nil, explain(err)
		}
		if err := runner.CheckGrid(setup.Grid, md); err != nil {
			return nil, explain(err)
		}
		if md.Server.Simulated {
			fmt.Fprintf(stderr, "%s is the built-in SIMULATION (window %s): results show how niah works, not a real model\n",
				md.Job.Client.Spec(), units.FormatLength(md.Server.ContextLength))
		}
		printWarnings(stderr, md.Warnings)
		prepared = append(prepared, md)
	}
	return prepared, nil
}

// parse validates the run flags and makes them into the engine's inputs;
// each error names its flag.
func (f *runFlags) parse() (runner.Setup, runner.Config, []runner.ModelConfig, reportOpts, error) {
	fail := func(err error) (runner.Setup, runner.Config, []runner.ModelConfig, reportOpts, error) {
		return runner.Setup{}, runner.Config{}, nil, reportOpts{}, err
	}
	switch {
	case len(f.models) == 0:
		return fail(fmt.Errorf("run: --model is required (try --model sim, the built-in simulation)"))
	case len(f.labels) > len(f.models):
		return fail(fmt.Errorf("--label given %d times for %d --model", len(f.labels), len(f.models)))
	case f.order != "prefix" && f.order != "naive":
		return fail(fmt.Errorf("--order: %q is not prefix or naive", f.order))
	case f.concurrency < 1:
		return fail(fmt.Errorf("--concurrency must be at least 1"))
	case f.maxTokens < 1:
		return fail(fmt.Errorf("--max-tokens must be at least 1"))
	case f.timeout <= 0:
		return fail(fmt.Errorf("--timeout %v: want a positive duration, e.g. 30m", f.timeout))
	case f.retries < 0:
		return fail(fmt.Errorf("--retries %d: want 0 (no retries) or more", f.retries))
	}
	ropts, err := reportOptionsFrom(f.claimed, f.expect, f.threshold, f.relative)
	if err != nil {
		return fail(err)
	}
	options, err := parseOptions(f.options)
	if err != nil {
		return fail(err)
	}
	setup, err := f.grid.setup()
	if err != nil {
		return fail(err)
	}
	cfg := runner.Config{Grid: setup.Grid, MaxTokens: f.maxTokens, Options: options, Concurrency: f.concurrency, Order: f.order}
	labels := runner.DefaultLabels(f.models)
	copy(labels, f.labels)
	var models []runner.ModelConfig
	for i, spec := range f.models {
		models = append(models, runner.ModelConfig{Spec: spec, Label: labels[i], Options: options, MaxTokens: f.maxTokens,
			Client: provider.Options{Timeout: f.timeout, MaxRetries: clientRetries(f.retries), APIKeyEnv: f.apiKeyEnv, Stream: f.stream}})
	}
	return setup, cfg, models, ropts, nil
}

// finishRun is the end of `niah run`: the report files, the summary and
// advice on stdout, and the exit status (130 interrupted, 4 nothing
// measured, 3 below --expect-context).
func finishRun(stdout, stderr io.Writer, rd *runner.RunDir, o reportOpts, outcome runner.Outcome, runErr error) error {
	recs, _, _, err := results.LoadRun(rd.Path)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "run directory: %s\n", rd.Path)
	var expectErr error
	if len(recs) == 0 {
		fmt.Fprintln(stderr, "no trials recorded: nothing to report")
	} else {
		sums := stats.Summarize(recs)
		expectErr = writeReport(stdout, stderr, rd.Path, sums, o.render(rd.Manifest), o.expect, allFormats)
		printCost(stdout, recs, rd.Manifest, sums, o.render(rd.Manifest).Criteria)
	}
	for _, line := range adviceFor(recs, rd.Manifest) {
		fmt.Fprintln(stdout, line)
	}
	switch {
	case runErr != nil:
		return runErr
	case outcome.Interrupted:
		return &exitError{code: 130, msg: fmt.Sprintf("interrupted: %d of %d trials recorded in %s; rerun the same command to resume",
			outcome.Skipped+outcome.Done, outcome.Planned, rd.Path)}
	}
	if err := nothingMeasured(recs); err != nil {
		return err
	}
	return expectErr
}

func printWarnings(w io.Writer, warns []string) {
	for _, s := range warns {
		fmt.Fprintln(w, "warning:", provider.CleanText(s)) // warnings may quote a server
	}
}

func labelsOf(ms []*runner.Model) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Job.Label
	}
	return out
}

func jobsOf(ms []*runner.Model) []runner.Job {
	out := make([]runner.Job, len(ms))
	for i, m := range ms {
		out[i] = m.Job
	}
	return out
}

// parseOptions reads --option KEY=VALUE pairs.
func parseOptions(kvs []string) (map[string]string, error) {
	if len(kvs) == 0 {
		return nil, nil
	}
	out := map[string]string{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, fmt.Errorf("--option %q: expected KEY=VALUE", kv)
		}
		out[strings.TrimSpace(k)] = v
	}
	return out, nil
}

// clientRetries maps --retries to provider.Options, whose 0 means "the
// default": --retries 0 means none.
func clientRetries(n int) int {
	if n == 0 {
		return -1
	}
	return n
}

// redactArgs is the command line as the manifest keeps it: URLs without
// their user info or query, where credentials live.
func redactArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = provider.RedactText(a)
	}
	return out
}
