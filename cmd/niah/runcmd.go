package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"niah/provider"
	"niah/results"
	"niah/runner"
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
	relative    float64

	optionMap map[string]string // --option, parsed
}

// runCmd is the main job: feed the grid to each model and record every trial.
func runCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("run", stderr)
	var f runFlags
	f.grid.register(fs, "auto")
	fs.StringArrayVar(&f.models, "model", nil, "model spec PROVIDER:MODEL[@BASE_URL] (repeatable), e.g. ollama:qwen3:8b, vllm:Qwen/Qwen3-8B, sim")
	fs.StringArrayVar(&f.labels, "label", nil, "display label for each --model, in order (default: the spec without its URL)")
	fs.StringVar(&f.out, "out", "", "run directory (default runs/LABEL-TASK; rerunning the same command resumes it)")
	fs.IntVar(&f.concurrency, "concurrency", 1, "requests in flight per run (keep 1 for timing and prefix-cache reuse)")
	fs.IntVar(&f.maxTokens, "max-tokens", 128, "answer budget per request (raise it for reasoning models)")
	fs.DurationVar(&f.timeout, "timeout", 30*time.Minute, "per-request timeout (a 1M-token prefill can take 10 minutes)")
	fs.IntVar(&f.retries, "retries", 4, "retries of transient failures (rate limits, 5xx, timeouts, network)")
	fs.StringArrayVar(&f.options, "option", nil, "KEY=VALUE passed to the server (repeatable), e.g. num_ctx=65536 for Ollama")
	fs.BoolVar(&f.resume, "resume", true, "skip trials already in the run directory's results.jsonl")
	fs.StringVar(&f.order, "order", "prefix", "request order: prefix (share cached prefixes) or naive (length, depth, trial)")
	fs.StringVar(&f.apiKeyEnv, "api-key-env", "", "environment variable holding the API key (default OPENAI_API_KEY, ANTHROPIC_API_KEY or GEMINI_API_KEY)")
	fs.BoolVar(&f.stream, "stream", false, "stream responses (keeps proxies alive during long prefills)")
	fs.StringVar(&f.claimed, "claimed", "", "claimed context length to judge against (default: what the server reports)")
	fs.StringVar(&f.expect, "expect-context", "", "exit 3 when the effective context length is below this, e.g. 128k")
	fs.Float64Var(&f.threshold, "threshold", 0.856, "RULER effective-length threshold (absolute accuracy)")
	fs.Float64Var(&f.relative, "relative", 0.85, "NoLiMa effective-length threshold (fraction of the shortest length's accuracy)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if len(f.models) == 0 {
		return fmt.Errorf("run: --model is required (try --model sim, the built-in simulation)")
	}
	if len(f.labels) > len(f.models) {
		return fmt.Errorf("--label given %d times for %d --model", len(f.labels), len(f.models))
	}
	if f.order != "prefix" && f.order != "naive" {
		return fmt.Errorf("--order: %q is not prefix or naive", f.order)
	}
	if f.concurrency < 1 {
		return fmt.Errorf("--concurrency must be at least 1")
	}
	if f.maxTokens < 1 {
		return fmt.Errorf("--max-tokens must be at least 1")
	}
	ropts, err := reportOptionsFrom(f.claimed, f.expect, f.threshold, f.relative)
	if err != nil {
		return err
	}
	options, err := parseOptions(f.options)
	if err != nil {
		return err
	}
	f.optionMap = options
	p, err := f.grid.parse()
	if err != nil {
		return err
	}
	longest := p.grid.Lengths[len(p.grid.Lengths)-1]

	man := &results.Manifest{
		Schema: "niah.manifest/1", Tool: "niah " + version, Created: time.Now().UTC().Format(time.RFC3339),
		Args: append([]string{"run"}, args...), Task: p.task.Name(), Lengths: p.grid.Lengths, Depths: p.grid.Depths,
		Trials: p.grid.Trials, Seed: f.grid.seed, Haystack: p.corpus.Name, MaxTokens: f.maxTokens,
		Options: options, Order: f.order, Concurrency: f.concurrency,
	}
	var jobs []runner.Job
	labels := defaultLabels(f.models)
	for i, spec := range f.models {
		label := labels[i]
		if i < len(f.labels) {
			label = f.labels[i]
		}
		job, info, warns, err := prepareModel(ctx, spec, label, &f, p, longest, stderr)
		if err != nil {
			return err
		}
		for _, w := range warns {
			fmt.Fprintln(stderr, "warning:", w)
		}
		jobs = append(jobs, job)
		man.Models = append(man.Models, info)
		man.Warnings = append(man.Warnings, warns...)
	}
	man.CorpusHash = jobs[0].Prompter.Corpus.Hash
	man.Haystack = jobs[0].Prompter.Corpus.Name
	man.Tokenizer = jobs[0].Prompter.Tok.Name()

	dir := f.out
	if dir == "" {
		dir = filepath.Join("runs", slug(jobs[0].Label)+"-"+p.task.Name())
		if len(jobs) > 1 {
			dir += fmt.Sprintf("-and-%d-more", len(jobs)-1)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	resultsPath := filepath.Join(dir, results.ResultsFile)
	if !f.resume {
		if err := os.Remove(resultsPath); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("--out: %w", err)
		}
	} else if err := sameRun(filepath.Join(dir, results.ManifestFile), man, dir); err != nil {
		return err
	}
	store, warns, err := results.OpenStore(resultsPath)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	defer store.Close()
	for _, w := range warns {
		fmt.Fprintln(stderr, "warning:", w)
	}
	if err := results.WriteManifest(filepath.Join(dir, results.ManifestFile), man); err != nil {
		return fmt.Errorf("--out: %w", err)
	}

	prog := newProgress(stderr)
	cfg := runner.Config{Grid: p.grid, MaxTokens: f.maxTokens, Options: options, Concurrency: f.concurrency,
		Order: f.order, Store: store, Progress: prog}
	outcome, runErr := runner.Run(ctx, cfg, jobs)
	prog.finish()
	if runErr != nil && !errors.Is(runErr, runner.ErrStopped) {
		return runErr
	}

	recs, _, _, err := results.LoadRun(dir)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "run directory: %s\n", dir)
	expectErr := finishRun(stdout, stderr, dir, recs, man, ropts)
	for _, line := range adviceFor(recs, man) {
		fmt.Fprintln(stdout, line)
	}
	switch {
	case runErr != nil:
		return runErr
	case outcome.Interrupted:
		return &exitError{code: 130, msg: fmt.Sprintf("interrupted: %d of %d trials recorded in %s; rerun the same command to resume",
			outcome.Skipped+outcome.Done, outcome.Planned, dir)}
	}
	return expectErr
}

// prepareModel connects to one model's server, picks the tokenizer that
// makes lengths the model's own, calibrates it and indexes the haystack.
// The warnings go to the user and the manifest.
func prepareModel(ctx context.Context, spec, label string, f *runFlags, p *parsed, longest int, stderr io.Writer) (
	runner.Job, results.ModelInfo, []string, error) {
	fail := func(err error) (runner.Job, results.ModelInfo, []string, error) {
		return runner.Job{}, results.ModelInfo{}, nil, err
	}
	client, info, err := connect(ctx, spec, provider.Options{
		Timeout: f.timeout, MaxRetries: f.retries, APIKeyEnv: f.apiKeyEnv, Stream: f.stream,
		ContextHint: contextHint(f.optionMap, longest, f.maxTokens),
	})
	if err != nil {
		return fail(err)
	}
	// an --option the protocol refuses stops the run here, not every trial
	if err := provider.CheckRequest(client, provider.Request{MaxTokens: f.maxTokens, Options: f.optionMap}); err != nil {
		return fail(fmt.Errorf("%s: %v", client.Spec(), err))
	}
	var warns []string
	if f.stream && info.Simulated {
		warns = append(warns, client.Spec()+": --stream has no effect: the simulation answers in-process, with nothing to stream")
	}
	if w := info.Extra["warning"]; w != "" {
		warns = append(warns, client.Spec()+": "+w)
	}
	res, err := runner.Resolve(ctx, f.grid.tokenizer, client, info, fixedTokenizer)
	if err != nil {
		return fail(err)
	}
	if res.Warn != "" {
		warns = append(warns, res.Warn)
	}
	if err := withRepeat(p, res.Tok, f.grid.repeat); err != nil {
		return fail(err)
	}
	pr, err := runner.NewPrompter(p.task, p.corpus, res.Tok, f.grid.seed, longest+longest/4)
	if err != nil {
		return fail(err)
	}
	note := res.Note
	if !info.Simulated {
		cal, err := runner.Calibrate(ctx, client, pr, res.Exact)
		if err != nil {
			warns = append(warns, err.Error()+" (lengths are uncalibrated)")
		} else {
			pr.Cal = cal
			note += "; " + cal.Note
		}
	} else {
		fmt.Fprintf(stderr, "%s is the built-in SIMULATION (window %s): results show how niah works, not a real model\n",
			client.Spec(), results.FormatLength(info.ContextLength))
	}
	mi := results.ModelInfo{
		Spec: client.Spec(), Label: label, Kind: info.Kind, Version: info.Version,
		ContextLength: info.ContextLength, ContextSource: info.ContextSource,
		APIKeyEnv: f.apiKeyEnv, Simulated: info.Simulated, TokenizerNote: note,
	}
	return runner.Job{Label: label, Client: client, Prompter: pr, Exact: res.Exact, Simulated: info.Simulated}, mi, warns, nil
}

// contextHint is num_ctx for Ollama: the user's --option num_ctx, else the
// longest prompt, the answer budget and a margin.
func contextHint(options map[string]string, longest, maxTokens int) int {
	if n := userNumCtx(options); n > 0 {
		return n
	}
	return longest + maxTokens + max(256, longest/20)
}

// userNumCtx is --option num_ctx=N, or 0.
func userNumCtx(options map[string]string) int {
	n, err := strconv.Atoi(strings.TrimSpace(options["num_ctx"]))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// sameRun refuses to mix two different runs in one directory: resuming is
// only sound when the prompts would be the same.
func sameRun(path string, m *results.Manifest, dir string) error {
	old, err := results.ReadManifest(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("--out %s: %v", dir, err)
	}
	diff := func(what, a, b string) error {
		return fmt.Errorf("--out %s holds a run with %s %s, this command has %s: pick another --out, or --resume=false to start over",
			dir, what, a, b)
	}
	switch {
	case old.Task != m.Task:
		return diff("task", old.Task, m.Task)
	case old.Seed != m.Seed:
		return diff("seed", fmt.Sprint(old.Seed), fmt.Sprint(m.Seed))
	case old.CorpusHash != m.CorpusHash:
		return diff("haystack", old.Haystack, m.Haystack)
	case old.Tokenizer != m.Tokenizer:
		return diff("tokenizer", old.Tokenizer, m.Tokenizer)
	}
	return nil
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

// defaultLabels names each model by its spec without the server URL,
// unless two models of the run would then look alike.
func defaultLabels(specs []string) []string {
	out := make([]string, len(specs))
	seen := map[string]int{}
	for i, s := range specs {
		out[i] = s
		if at := strings.LastIndex(s, "@http"); at > 0 {
			out[i] = s[:at]
		}
		seen[out[i]]++
	}
	for i, s := range specs {
		if seen[out[i]] > 1 {
			out[i] = s
		}
	}
	return out
}

// slug makes a label safe as a directory name.
func slug(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			b[i] = '_'
		}
	}
	return strings.Trim(string(b), "._")
}
