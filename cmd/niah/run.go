package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"niah/provider"
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
	timeout     time.Duration
	retries     int
	options     []string
	resume      bool
	order       string
	apiKeyEnv   string
	stream      bool
	claimed     string
	claims      string
	expect      string
	threshold   float64
	relative    relativeValue
	adaptive    adaptiveFlags
	shard       shardFlags
	prompts     string
}

func (f *runFlags) register(fs *pflag.FlagSet) {
	f.grid.register(fs, runner.DefaultTokenizer)
	fs.StringArrayVar(&f.models, "model", nil, "model spec PROVIDER:MODEL[@BASE_URL] (repeatable), e.g. ollama:qwen3:8b, vllm:Qwen/Qwen3-8B, sim")
	fs.StringArrayVar(&f.labels, "label", nil, "display label for each --model, in order (default: the spec without its URL)")
	fs.StringVar(&f.out, "out", "", "run directory (default runs/LABEL-TASK; rerunning the same command resumes it)")
	fs.IntVar(&f.concurrency, "concurrency", runner.DefaultConcurrency, "requests in flight per run (keep 1 for timing and prefix-cache reuse)")
	fs.DurationVar(&f.timeout, "timeout", runner.DefaultTimeout, "per-request timeout (a 1M-token prefill can take 10 minutes)")
	fs.IntVar(&f.retries, "retries", runner.DefaultRetries, "retries of transient failures (rate limits, 5xx, timeouts, network); 0: none")
	fs.StringArrayVar(&f.options, "option", nil, "KEY=VALUE passed to the server (repeatable), e.g. num_ctx=65536 for Ollama")
	fs.BoolVar(&f.resume, "resume", true, "skip trials already in the run directory's results.jsonl")
	fs.StringVar(&f.order, "order", string(runner.DefaultOrder), "request order: prefix (share cached prefixes) or naive (length, depth, trial)")
	fs.StringVar(&f.apiKeyEnv, "api-key-env", "", "environment variable holding the API key (default OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY)")
	fs.BoolVar(&f.stream, "stream", false, "stream responses (keeps proxies alive during long prefills)")
	fs.StringVar(&f.claimed, "claimed", "", "claimed context length to judge against (default: what the server reports)")
	fs.StringVar(&f.claims, "claims", "", claimsUsage)
	fs.StringVar(&f.expect, "expect-context", "", "exit 3 when the effective context length is below this, e.g. 128k")
	fractionVar(fs, &f.threshold, "threshold", stats.DefaultThreshold, "RULER effective-length threshold (absolute accuracy, e.g. 0.856 or 85.6%)")
	f.relative = defaultRelative()
	fs.Var(&f.relative, "relative", relativeUsage)
	f.adaptive.register(fs)
	f.shard.register(fs)
	fs.StringVar(&f.prompts, "prompts", "", "send the prompts of a JSONL file made elsewhere, in RULER's data format (index, input, outputs, length, optional token_position_answer), instead of the grid")
}

// gridOfPrompts are the flags a --prompts file replaces.
var gridOfPrompts = []string{"task", "lengths", "depths", "depth-spacing", "trials", "haystack", "haystack-repeat", "adaptive"}

// runCmd is the main job: feed the grid to each model and record every trial.
func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("run", stderr)
	var f runFlags
	f.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	for _, name := range gridOfPrompts {
		if f.prompts != "" && fs.Changed(name) {
			return fmt.Errorf("--prompts %s brings its own prompts, lengths and task: drop --%s", f.prompts, name)
		}
	}
	plan, ropts, err := f.plan(os.Getenv)
	if err != nil {
		return err
	}
	plan.Tool, plan.Args = "niah "+version, redactArgs(append([]string{"run"}, args...))
	plan.Warn = func(s string) { fmt.Fprintln(stderr, "\nwarning:", s) }
	run, err := runner.Open(ctx, plan)
	if err != nil {
		return explain(err)
	}
	defer run.Close()
	printModels(stderr, run.Models)
	printWarnings(stderr, run.Warnings)

	prog := newProgress(stderr)
	res, runErr := run.Execute(ctx, runner.Hooks{Progress: prog})
	prog.finish()
	printReplicaSpread(stderr, run.Models)
	if runErr != nil && !errors.Is(runErr, runner.ErrStopped) {
		return runErr
	}
	return finishRun(stdout, stderr, run, ropts, res, runErr)
}

// printModels tells the user what each server is (a simulation says so)
// and what to watch.
func printModels(stderr io.Writer, models []*runner.Model) {
	for _, md := range models {
		if md.Server.Simulated {
			fmt.Fprintf(stderr, "%s is the built-in SIMULATION (window %s): results show how niah works, not a real model\n",
				md.Job.Client.Spec(), units.FormatLength(md.Server.ContextLength))
		}
		printWarnings(stderr, md.Warnings)
	}
}

// plan validates the run flags and makes them into the engine's plan;
// each error names its flag.
func (f *runFlags) plan(getenv func(string) string) (runner.Plan, reportOpts, error) {
	fail := func(err error) (runner.Plan, reportOpts, error) { return runner.Plan{}, reportOpts{}, err }
	switch {
	case len(f.models) == 0:
		return fail(fmt.Errorf("run: --model is required (try --model sim, the built-in simulation)"))
	case len(f.labels) > len(f.models):
		return fail(fmt.Errorf("--label given %d times for %d --model", len(f.labels), len(f.models)))
	case f.concurrency < 1:
		return fail(fmt.Errorf("--concurrency must be at least 1"))
	case f.timeout <= 0:
		return fail(fmt.Errorf("--timeout %v: want a positive duration, e.g. 30m", f.timeout))
	}
	ropts, err := reportOptionsFrom(f.claimed, f.expect, f.threshold, f.relative)
	if err != nil {
		return fail(err)
	}
	if err := ropts.loadClaims(f.claims); err != nil {
		return fail(err)
	}
	options, err := parseOptions(f.options)
	if err != nil {
		return fail(err)
	}
	p, err := f.grid.plan()
	if err != nil {
		return fail(err)
	}
	for i, spec := range f.models {
		m := runner.ModelSpec{Spec: spec}
		if i < len(f.labels) {
			m.Label = f.labels[i]
		}
		p.Models = append(p.Models, m)
	}
	retries := f.retries
	p.Options, p.Concurrency, p.Order = options, f.concurrency, runner.Order(f.order)
	p.Timeout, p.Retries, p.APIKeyEnv, p.Stream = f.timeout, &retries, f.apiKeyEnv, f.stream
	p.Out, p.Fresh, p.Cache, p.Prompts = f.out, !f.resume, indexCache(), f.prompts
	if p.Search, err = f.adaptive.search(ropts); err != nil {
		return fail(err)
	}
	if p.Shard, err = f.shard.resolve(getenv); err != nil {
		return fail(err)
	}
	if p.Search != nil && p.Shard != nil {
		return fail(fmt.Errorf("--adaptive cannot be sharded (--shard, --shards): run the search whole"))
	}
	return p, ropts, nil
}

// finishRun is the end of `niah run`: the report files, the summary and
// advice on stdout, and the exit status (130 interrupted, 4 nothing
// measured, 3 below --expect-context).
func finishRun(stdout, stderr io.Writer, run *runner.Run, o reportOpts, res runner.Result, runErr error) error {
	rd, recs := run.Dir, res.Records
	fmt.Fprintf(stderr, "run directory: %s\n", rd.Path)
	var expectErr error
	if len(recs) == 0 {
		fmt.Fprintln(stderr, "no trials recorded: nothing to report")
	} else {
		sums, ro := stats.Summarize(recs), o.render(rd.Manifest, recs)
		expectErr = writeReport(stdout, stderr, rd.Path, sums, ro, allFormats)
		printCost(stdout, recs, rd.Manifest, sums, ro.Criteria)
		if expectErr == nil {
			expectErr = expectContext(sums, ro.Criteria, o.expect)
		}
	}
	for _, line := range adviceFor(recs, rd.Manifest) {
		fmt.Fprintln(stdout, line)
	}
	switch {
	case runErr != nil:
		return runErr
	case res.Interrupted:
		return &exitError{code: 130, msg: fmt.Sprintf("interrupted: %d of %d trials recorded in %s; rerun the same command to resume",
			res.Skipped+res.Done, res.Planned, rd.Path)}
	}
	if e := runner.NothingMeasured(recs, run.Labels()); e != nil {
		return &exitError{code: exitNothingMeasured, msg: e.Error()}
	}
	return expectErr
}

func printWarnings(w io.Writer, warns []string) {
	for _, s := range warns {
		fmt.Fprintln(w, "warning:", provider.CleanText(s)) // warnings may quote a server
	}
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

// redactArgs is the command line as the manifest keeps it: URLs without
// their user info or query, where credentials live.
func redactArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = provider.RedactText(a)
	}
	return out
}
