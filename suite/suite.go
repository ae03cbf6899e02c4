package suite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"niah/haystack"
	"niah/needle"
	"niah/runner"
)

// Outcome is what happened to one variant.
type Outcome struct {
	Label  string
	Dir    string // its run directory
	Failed bool
	// Reason says why it failed, in one line; LogTail is the end of its
	// server's log when it had one.
	Reason  string
	LogTail string
	LogPath string
	Run     runner.Outcome
	Skipped bool // already complete: resumed with nothing to send
	Wall    time.Duration
}

// Events hears what the suite does, for a command line to print; calls
// come from the suite's goroutine. Any method may be left nil.
type Events struct {
	Variant  func(i, n int, label string)
	Note     func(label, msg string)
	Progress func(label string) runner.Progress
}

// Options are what a command line adds to a suite: where records go, the
// token index cache, and the tool's identity for the manifests.
type Options struct {
	Out   string // overrides the file's out
	Cache *haystack.Cache
	Tool  string
	Args  []string
	// Getenv reads the environment (JOB_COMPLETION_INDEX for run.shards);
	// nil: the process's.
	Getenv func(string) string
}

func (o Options) getenv() func(string) string {
	if o.Getenv == nil {
		return os.Getenv
	}
	return o.Getenv
}

// Kill kills every server the suite started that is still running, at
// once. For a process about to exit without unwinding (a second Ctrl-C).
func (s *Suite) Kill() { s.servers.kill() }

// Dir is where the suite's runs and its comparison go: the file's out,
// else runs/NAME for suite file NAME.yaml, with -shardIofN for a part.
func (s *Suite) Dir(o Options) string {
	switch {
	case o.Out != "":
		return o.Out
	case s.Out != "":
		if filepath.IsAbs(s.Out) {
			return s.Out
		}
		return filepath.Join(filepath.Dir(s.Path), s.Out)
	}
	dir := filepath.Join("runs", strings.TrimSuffix(filepath.Base(s.Path), filepath.Ext(s.Path)))
	if part := s.Part(o); part != nil {
		dir += fmt.Sprintf("-shard%dof%d", part.Index, part.Count)
	}
	return dir
}

// Part is the part of every variant's trials this suite runs (run.shard,
// run.shards); nil for all of them.
func (s *Suite) Part(o Options) *runner.Shard {
	part, _ := runner.ResolveShard(s.Opts.Shard, s.Opts.Shards, o.getenv()) // Check reports its error
	return part
}

// Plan is the run of variant v: the suite's grid and run settings, the
// variant's spec, options and headers, recorded in dir. Its spec still
// holds {port} when the variant has a server to start. Errors name the
// file and the field.
func (s *Suite) Plan(v Expanded, dir string, o Options) (runner.Plan, error) {
	g := s.Grid
	bad := func(field string, line int, err error) (runner.Plan, error) {
		return runner.Plan{}, lineError(s.Path, line, "%s: %v", field, err)
	}
	p := runner.Plan{Models: []runner.ModelSpec{{Spec: v.Spec, Label: v.Label}}, Options: v.Options, Headers: v.Headers,
		Haystack: g.Haystack, RepeatHaystack: g.HaystackRepeat, Seed: g.Seed, Tokenizer: g.Tokenizer, Out: dir,
		Timeout: s.Timeout, Retries: s.Opts.Retries, Stream: s.Opts.Stream, Order: runner.Order(s.Opts.Order),
		Fresh: !s.resumes(), Cache: o.Cache, Tool: o.Tool, Args: o.Args, Search: s.search, LengthCounts: g.LengthCounts}
	var err error
	if lengths := g.Lengths.Joined(); lengths != "" {
		if p.Grid.Lengths, err = runner.ParseLengths(lengths); err != nil {
			return bad("grid.lengths", g.Lengths.line, err)
		}
	}
	if depths := g.Depths.Joined(); depths != "" || g.DepthSpacing != "" {
		if p.Grid.Depths, err = runner.ParseDepths(or(depths, runner.DefaultDepths), or(g.DepthSpacing, runner.DefaultSpacing)); err != nil {
			return bad("grid.depths", g.Depths.line, err)
		}
	}
	if p.Grid.Trials, err = atLeastOne(g.Trials); err != nil {
		return bad("grid.trials", 0, err)
	}
	if p.MaxTokens, err = atLeastOne(s.Opts.MaxTokens); err != nil {
		return bad("run.max_tokens", 0, err)
	}
	if p.Concurrency, err = atLeastOne(s.Opts.Concurrency); err != nil {
		return bad("run.concurrency", 0, err)
	}
	if g.Task != "" {
		if p.Task, err = needle.ByName(g.Task); err != nil {
			return bad("grid.task", 0, err)
		}
	}
	if p.Prompts = g.Prompts; p.Prompts != "" && !filepath.IsAbs(p.Prompts) {
		p.Prompts = filepath.Join(filepath.Dir(s.Path), p.Prompts) // files are relative to the suite file
	}
	if src := g.Haystack; src != "" && !strings.HasPrefix(src, "builtin") && src != "noise" && !filepath.IsAbs(src) {
		p.Haystack = filepath.Join(filepath.Dir(s.Path), src) // files are relative to the suite file
	}
	if p.Shard, err = runner.ResolveShard(s.Opts.Shard, s.Opts.Shards, o.getenv()); err != nil {
		return runner.Plan{}, s.settingError(err)
	}
	if err := runner.Check(p); err != nil {
		return runner.Plan{}, s.settingError(err)
	}
	return p, nil
}

// settingError names the suite file's field for an engine setting error.
func (s *Suite) settingError(err error) error {
	var se *runner.SettingError
	if !errors.As(err, &se) {
		return fmt.Errorf("%s: %w", s.Path, err)
	}
	field, ok := settingFields[se.Setting]
	if !ok {
		field = se.Setting
	}
	return lineError(s.Path, 0, "%s: %v", field, se.Err)
}

// settingFields are the suite file's names of the engine's settings.
var settingFields = map[string]string{
	"lengths": "grid.lengths", "depths": "grid.depths", "depth-spacing": "grid.depth_spacing", "trials": "grid.trials",
	"task": "grid.task", "haystack": "grid.haystack", "tokenizer": "grid.tokenizer", "seed": "grid.seed",
	"resolution": "grid.search.resolution", "budget": "grid.search.budget", "threshold": "grid.search.threshold",
	"relative": "grid.search.relative", "max-tokens": "run.max_tokens", "concurrency": "run.concurrency",
	"timeout": "run.timeout", "retries": "run.retries", "order": "run.order", "shard": "run.shard", "shards": "run.shards",
	"model": "spec", "label": "label", "out": "out", "length-counts": "grid.length_counts", "prompts": "grid.prompts",
	"adaptive": "grid.search",
}

// atLeastOne is a count the file may leave out (0 then) but not set below 1.
func atLeastOne(n *int) (int, error) {
	if n == nil {
		return 0, nil
	}
	if *n < 1 {
		return 0, fmt.Errorf("%d: want at least 1", *n)
	}
	return *n, nil
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Run runs every variant in turn — start its server, wait until it is
// ready, run, stop the server — and returns what happened to each. A
// variant that fails is recorded and the next one runs. Cancelling ctx
// stops the variant in progress (its requests in flight are recorded,
// its server stopped) and starts no other: the error is ctx's.
func (s *Suite) Run(ctx context.Context, o Options, ev Events) ([]Outcome, error) {
	dir := s.Dir(o)
	var outs []Outcome
	for i, v := range s.Variants {
		if ctx.Err() != nil {
			return outs, ctx.Err()
		}
		if ev.Variant != nil {
			ev.Variant(i, len(s.Variants), v.Label)
		}
		began := time.Now()
		out := s.runVariant(ctx, v, filepath.Join(dir, runner.Slug(v.Label)), o, ev)
		out.Wall = time.Since(began)
		outs = append(outs, out)
	}
	return outs, ctx.Err()
}

// Check makes every variant's plan, so that a bad setting is reported
// before any server starts or any trial is sent.
func (s *Suite) Check(o Options) error {
	for _, v := range s.Variants {
		if _, err := s.Plan(v, filepath.Join(s.Dir(o), runner.Slug(v.Label)), o); err != nil {
			return err
		}
	}
	return nil
}

// runVariant is one variant from server start to server stop.
func (s *Suite) runVariant(ctx context.Context, v Expanded, dir string, o Options, ev Events) (out Outcome) {
	out = Outcome{Label: v.Label, Dir: dir}
	plan, err := s.Plan(v, dir, o)
	if err != nil {
		return out.fail("%v", err)
	}
	if n, err := runner.Pending(plan); err == nil && n == 0 && s.resumes() {
		out.Skipped = true // complete already: its server need not start
		return out
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return out.fail("%v", err)
	}
	if v.Serve != nil {
		out.LogPath = filepath.Join(dir, "server.log")
		srv, sctx, sspec, err := s.startVariantServer(ctx, v, out.LogPath, plan, ev)
		if srv != nil {
			defer srv.stop()
		}
		if err != nil {
			return out.fail("%v", err)
		}
		ctx, plan.Models[0].Spec = sctx, sspec
		defer func() {
			if done, err := srv.exited(); done && !out.Failed && ctx.Err() != nil {
				out.Failed, out.Reason = true, "the server exited during the run ("+exitText(err)+")"
				out.LogTail = logTail(out.LogPath, logTailLines)
			}
		}()
	}
	return s.measure(ctx, plan, ev, out)
}

// startVariantServer starts v's server on a free port, logging to
// logPath, and waits until it is ready. It returns the spec with the port
// filled in and a context that ends when the server dies: a server that
// dies mid-run ends the run, since the trials left would only pile up
// network errors. The server it returns (even with an error) must be stopped.
func (s *Suite) startVariantServer(ctx context.Context, v Expanded, logPath string, plan runner.Plan, ev Events) (*server, context.Context, string, error) {
	port, err := freePort()
	if err != nil {
		return nil, nil, "", fmt.Errorf("no free port: %w", err)
	}
	spec := withPort(v.Spec, port)
	srv, err := s.servers.start(v.Serve, port, logPath)
	if err != nil {
		return nil, nil, "", err
	}
	timeout := defaultStartTimeout
	if v.Serve.Timeout != "" {
		timeout, _ = time.ParseDuration(v.Serve.Timeout)
	}
	if ev.Note != nil {
		ev.Note(v.Label, fmt.Sprintf("started %s (port %d, log %s)", strings.Join(srv.argv, " "), port, logPath))
	}
	plan.Models[0].Spec = spec
	if err := srv.waitReady(ctx, withPort(v.Serve.Ready, port), plan, timeout); err != nil {
		if ctx.Err() != nil {
			return srv, nil, "", errors.New("interrupted while its server started")
		}
		return srv, nil, "", fmt.Errorf("server did not start: %w", err)
	}
	ctx, cancel := context.WithCancel(ctx)
	srv.cancel = cancel
	go func() {
		select {
		case <-srv.done:
			cancel()
		case <-ctx.Done():
		}
	}()
	return srv, ctx, spec, nil
}

// measure opens the variant's run (its model prepared against the
// server) and runs or resumes its trials.
func (s *Suite) measure(ctx context.Context, plan runner.Plan, ev Events, out Outcome) Outcome {
	run, err := runner.Open(ctx, plan)
	if err != nil {
		return out.fail("%v", err)
	}
	defer run.Close()
	for _, m := range run.Models {
		for _, w := range m.Warnings {
			if ev.Note != nil {
				ev.Note(out.Label, "warning: "+w)
			}
		}
	}
	var hooks runner.Hooks
	if ev.Progress != nil {
		hooks.Progress = ev.Progress(out.Label)
	}
	res, err := run.Execute(ctx, hooks)
	out.Run = res.Outcome
	if err != nil {
		return out.fail("%v", err)
	}
	if e := runner.NothingMeasured(res.Records, run.Labels()); e != nil && !res.Interrupted {
		return out.fail("%v", e)
	}
	return out
}

// resumes says whether a rerun continues the runs already in the suite's
// directory (the default) rather than refusing them.
func (s *Suite) resumes() bool { return s.Opts.Resume == nil || *s.Opts.Resume }

// fail marks the outcome failed, for the reason given, with the tail of
// its server's log when it has one.
func (out Outcome) fail(format string, args ...any) Outcome {
	out.Failed, out.Reason = true, fmt.Sprintf(format, args...)
	if out.LogPath != "" {
		out.LogTail = logTail(out.LogPath, logTailLines)
	}
	return out
}

// Failed reports whether any variant failed.
func Failed(outs []Outcome) bool {
	return slices.ContainsFunc(outs, func(o Outcome) bool { return o.Failed })
}
