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
	part, _ := runner.ResolveShard(s.Opts.Shard, s.shards(), o.getenv()) // Check reports its error
	return part
}

// Plan is the run of variant v: the suite's grid and run settings, the
// variant's spec, options and headers, recorded in dir. Its spec still
// holds {port} when the variant has a server to start. Errors name the
// file, the line and the field.
func (s *Suite) Plan(v Expanded, dir string, o Options) (runner.Plan, error) {
	p, errs := s.plan(v, dir, o)
	if len(errs) > 0 {
		return runner.Plan{}, errs[0]
	}
	if err := runner.Check(standIn(p, v)); err != nil {
		return runner.Plan{}, s.settingError(err, v)
	}
	return p, nil
}

// plan translates the file's fields into v's plan; each field it cannot
// read is an error of its own, with its line. What the engine checks
// (runner.Check) is not checked here.
func (s *Suite) plan(v Expanded, dir string, o Options) (runner.Plan, []error) {
	g := s.Grid
	var errs []error
	bad := func(field string, err error) {
		errs = append(errs, lineError(s.Path, s.line(field), "%s: %v", field, err))
	}
	p := runner.Plan{Models: []runner.ModelSpec{{Spec: v.Spec, Label: v.Label}}, Options: v.Options, Headers: v.Headers,
		Haystack: g.Haystack, RepeatHaystack: g.HaystackRepeat, Seed: g.Seed, Tokenizer: g.Tokenizer, Out: dir,
		Timeout: s.Timeout, Retries: s.Opts.Retries, Stream: s.Opts.Stream, Order: runner.Order(s.Opts.Order),
		Fresh: !s.resumes(), Cache: o.Cache, Tool: o.Tool, Args: o.Args, Search: s.search, LengthCounts: g.LengthCounts}
	var err error
	if lengths := g.Lengths.Joined(); lengths != "" {
		if p.Grid.Lengths, err = runner.ParseLengths(lengths); err != nil {
			bad("grid.lengths", err)
		}
	}
	if depths := g.Depths.Joined(); depths != "" || g.DepthSpacing != "" {
		if p.Grid.Depths, err = runner.ParseDepths(or(depths, runner.DefaultDepths), or(g.DepthSpacing, runner.DefaultSpacing)); err != nil {
			bad("grid.depths", err)
		}
	}
	if p.Grid.Trials, err = atLeastOne(g.Trials); err != nil {
		bad("grid.trials", err)
	}
	if p.MaxTokens, err = atLeastOne(s.Opts.MaxTokens); err != nil {
		bad("run.max_tokens", err)
	}
	if p.Concurrency, err = atLeastOne(s.Opts.Concurrency); err != nil {
		bad("run.concurrency", err)
	}
	if g.Task != "" {
		if p.Task, err = needle.ByName(g.Task); err != nil {
			bad("grid.task", err)
		}
	}
	if p.Prompts = g.Prompts; p.Prompts != "" && !filepath.IsAbs(p.Prompts) {
		p.Prompts = filepath.Join(filepath.Dir(s.Path), p.Prompts) // files are relative to the suite file
	}
	if src := g.Haystack; src != "" && !strings.HasPrefix(src, "builtin") && src != "noise" && !filepath.IsAbs(src) {
		p.Haystack = filepath.Join(filepath.Dir(s.Path), src) // files are relative to the suite file
	}
	if s.Opts.Shards != nil && *s.Opts.Shards < 1 {
		bad("run.shards", fmt.Errorf("%d: want at least 1 part (leave shards out to run every trial)", *s.Opts.Shards))
	} else if p.Shard, err = runner.ResolveShard(s.Opts.Shard, s.shards(), o.getenv()); err != nil {
		errs = append(errs, s.settingError(err, v))
	}
	return p, errs
}

// shards is run.shards, 0 when it is not given.
func (s *Suite) shards() int {
	if s.Opts.Shards == nil {
		return 0
	}
	return *s.Opts.Shards
}

// standIn is p with a stand-in port in the spec of a variant whose
// server is not started yet, for what needs no server (checks, the count
// of trials left).
func standIn(p runner.Plan, v Expanded) runner.Plan {
	if v.Serve != nil {
		p.Models = []runner.ModelSpec{{Spec: withPort(v.Spec, 1), Label: v.Label}}
	}
	return p
}

// settingError names the suite file's field for an engine setting error,
// with the line it was written on: a variant's own (its spec, label) or
// the file's.
func (s *Suite) settingError(err error, v Expanded) error {
	var se *runner.SettingError
	if !errors.As(err, &se) {
		return fmt.Errorf("%s: %w", s.Path, err)
	}
	field, ok := settingFields[se.Setting]
	if !ok {
		field = se.Setting
	}
	switch field {
	case "spec", "label":
		return lineError(s.Path, v.line(field), "variant %q: %s: %v", v.Label, field, se.Err)
	}
	return lineError(s.Path, s.line(field), "%s: %v", field, se.Err)
}

// settingFields are the suite file's names of the engine's settings.
var settingFields = map[string]string{
	"lengths": "grid.lengths", "depths": "grid.depths", "depth-spacing": "grid.depth_spacing", "trials": "grid.trials",
	"task": "grid.task", "haystack": "grid.haystack", "tokenizer": "grid.tokenizer", "seed": "grid.seed",
	"resolution": "grid.search.resolution", "budget": "grid.search.budget", "threshold": "grid.search.threshold",
	"relative": "grid.search.relative", "target": "grid.search.target", "max-tokens": "run.max_tokens", "concurrency": "run.concurrency",
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

// runVariant is one variant from server start to server stop.
func (s *Suite) runVariant(ctx context.Context, v Expanded, dir string, o Options, ev Events) (out Outcome) {
	out = Outcome{Label: v.Label, Dir: dir}
	plan, err := s.Plan(v, dir, o)
	if err != nil {
		return out.fail("%v", err)
	}
	if n, err := runner.Pending(standIn(plan, v)); err == nil && n == 0 && s.resumes() {
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
			// A server that died before it was stopped is the cause, even
			// when the run's last trials failed first (nothing measured).
			if done, err := srv.exited(); done && (out.Failed || ctx.Err() != nil) {
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
	plan.Models[0].Spec = spec
	if err := runner.Check(plan); err != nil {
		return nil, nil, "", err // a spec that does not parse fails before its server starts
	}
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
