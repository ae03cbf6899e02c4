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

	"niah/corpora"
	"niah/needle"
	"niah/provider"
	"niah/results"
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

// Options are what a command line adds to a suite: where records go and
// the tool's identity for the manifests.
type Options struct {
	Out  string // overrides the file's out
	Tool string
	Args []string
}

// Dir is where the suite's runs and its comparison go: the file's out,
// else runs/NAME for suite file NAME.yaml.
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
	base := strings.TrimSuffix(filepath.Base(s.Path), filepath.Ext(s.Path))
	return filepath.Join("runs", base)
}

// Setup is the prompts every variant is sent; errors name the file.
func (s *Suite) Setup() (runner.Setup, error) {
	g := s.Grid
	bad := func(field string, err error) (runner.Setup, error) {
		return runner.Setup{}, fmt.Errorf("%s: grid.%s: %w", s.Path, field, err)
	}
	lengths := g.Lengths.Joined()
	if lengths == "" {
		lengths = "4k..128k"
	}
	ls, err := runner.ParseLengths(lengths)
	if err != nil {
		return bad("lengths", err)
	}
	depths, spacing := g.Depths.Joined(), g.DepthSpacing
	if depths == "" {
		depths = "11"
	}
	if spacing == "" {
		spacing = "linear"
	}
	ds, err := runner.ParseDepths(depths, spacing)
	if err != nil {
		return bad("depths", err)
	}
	trials := g.Trials
	if trials == 0 {
		trials = 3
	}
	if trials < 0 {
		return bad("trials", fmt.Errorf("must be at least 1"))
	}
	taskName := g.Task
	if taskName == "" {
		taskName = "single"
	}
	task, err := needle.ByName(taskName)
	if err != nil {
		return bad("task", err)
	}
	src := g.Haystack
	if src == "" {
		src = task.DefaultHaystack()
	} else if !strings.HasPrefix(src, "builtin") && src != "noise" && !filepath.IsAbs(src) {
		src = filepath.Join(filepath.Dir(s.Path), src) // files are relative to the suite file
	}
	c, err := corpora.Open(src)
	if err != nil {
		return bad("haystack", err)
	}
	seed := int64(42)
	if g.Seed != nil {
		seed = *g.Seed
	}
	tok := g.Tokenizer
	if tok == "" {
		tok = "auto"
	}
	return runner.Setup{Grid: runner.Grid{Lengths: ls, Depths: ds, Trials: trials}, Task: task, Corpus: c,
		Seed: seed, Tokenizer: tok, RepeatHaystack: g.HaystackRepeat}, nil
}

// config is how variant v's run executes, with the defaults of niah run.
func (s *Suite) config(grid runner.Grid, v Expanded) (runner.Config, provider.Options) {
	r := s.Opts
	cfg := runner.Config{Grid: grid, MaxTokens: r.MaxTokens, Concurrency: max(r.Concurrency, 1), Order: r.Order, Options: v.Options}
	if cfg.MaxTokens <= 0 {
		cfg.MaxTokens = 128
	}
	if cfg.Order == "" {
		cfg.Order = "prefix"
	}
	opts := provider.Options{Timeout: s.Timeout, Stream: r.Stream, Headers: v.Headers}
	if r.Retries != nil {
		opts.MaxRetries = *r.Retries
		if *r.Retries == 0 {
			opts.MaxRetries = -1
		}
	}
	return cfg, opts
}

// Run runs every variant in turn — start its server, wait until it is
// ready, run, stop the server — and returns what happened to each. A
// variant that fails is recorded and the next one runs. Cancelling ctx
// stops the variant in progress (its requests in flight are recorded,
// its server stopped) and starts no other: the error is ctx's.
func (s *Suite) Run(ctx context.Context, setup runner.Setup, o Options, ev Events) ([]Outcome, error) {
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
		out := s.runVariant(ctx, setup, v, filepath.Join(dir, runner.Slug(v.Label)), o, ev)
		out.Wall = time.Since(began)
		outs = append(outs, out)
	}
	return outs, ctx.Err()
}

// runVariant is one variant from server start to server stop.
func (s *Suite) runVariant(ctx context.Context, setup runner.Setup, v Expanded, dir string, o Options, ev Events) (out Outcome) {
	out = Outcome{Label: v.Label, Dir: dir}
	if s.resumes() && complete(dir, v.Label, setup) {
		out.Skipped = true
		return out
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return out.fail("%v", err)
	}
	var spec provider.Spec
	if v.Serve == nil {
		var err error
		if spec, err = provider.ParseSpec(v.Spec); err != nil {
			return out.fail("%v", err)
		}
	} else {
		out.LogPath = filepath.Join(dir, "server.log")
		_, popts := s.config(setup.Grid, v)
		srv, sctx, sspec, err := startVariantServer(ctx, v, out.LogPath, popts, ev)
		if srv != nil {
			defer srv.stop()
		}
		if err != nil {
			return out.fail("%v", err)
		}
		ctx, spec = sctx, sspec
		defer func() {
			if done, err := srv.exited(); done && !out.Failed && ctx.Err() != nil {
				out.Failed, out.Reason = true, "the server exited during the run ("+exitText(err)+")"
				out.LogTail = logTail(out.LogPath, logTailLines)
			}
		}()
	}
	return s.measure(ctx, setup, v, spec, dir, o, ev, out)
}

// startVariantServer starts v's server on a free port, logging to
// logPath, and waits until it is ready. It returns the spec with the port
// filled in, parsed, and a context that ends when the server dies: a server that
// dies mid-run ends the run, since the trials left would only pile up
// network errors. The server it returns (even with an error) must be stopped.
func startVariantServer(ctx context.Context, v Expanded, logPath string, popts provider.Options, ev Events) (*server, context.Context, provider.Spec, error) {
	port, err := freePort()
	if err != nil {
		return nil, nil, provider.Spec{}, fmt.Errorf("no free port: %w", err)
	}
	spec, err := provider.ParseSpec(withPort(v.Spec, port))
	if err != nil {
		return nil, nil, provider.Spec{}, err
	}
	srv, err := startServer(v.Serve, port, logPath)
	if err != nil {
		return nil, nil, provider.Spec{}, err
	}
	timeout := defaultStartTimeout
	if v.Serve.Timeout != "" {
		timeout, _ = time.ParseDuration(v.Serve.Timeout)
	}
	if ev.Note != nil {
		ev.Note(v.Label, fmt.Sprintf("started %s (port %d, log %s)", strings.Join(srv.argv, " "), port, logPath))
	}
	if err := srv.waitReady(ctx, withPort(v.Serve.Ready, port), spec, popts, timeout); err != nil {
		if ctx.Err() != nil {
			return srv, nil, provider.Spec{}, errors.New("interrupted while its server started")
		}
		return srv, nil, provider.Spec{}, fmt.Errorf("server did not start: %w", err)
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

// measure prepares the variant's model against spec and runs (or resumes)
// its trials in dir.
func (s *Suite) measure(ctx context.Context, setup runner.Setup, v Expanded, spec provider.Spec, dir string, o Options, ev Events, out Outcome) Outcome {
	cfg, popts := s.config(setup.Grid, v)
	model, err := runner.Prepare(ctx, setup, runner.ModelConfig{Spec: spec, Label: v.Label, Client: popts,
		Options: v.Options, MaxTokens: cfg.MaxTokens})
	if err != nil {
		return out.fail("%v", err)
	}
	for _, w := range model.Warnings {
		if ev.Note != nil {
			ev.Note(v.Label, "warning: "+w)
		}
	}
	man := runner.NewManifest(setup, cfg, []*runner.Model{model})
	man.Tool, man.Args = o.Tool, o.Args
	rd, _, err := runner.OpenRunDir(dir, man, s.resumes())
	if err != nil {
		return out.fail("%v", err)
	}
	defer rd.Close()
	cfg.Store = rd.Store
	if ev.Progress != nil {
		cfg.Progress = ev.Progress(v.Label)
	}
	out.Run, err = runner.Run(ctx, cfg, []runner.Job{model.Job})
	if err != nil {
		return out.fail("%v", err)
	}
	recs, _, _, err := results.LoadRun(dir) // the latest record of every trial
	if err != nil {
		return out.fail("%v", err)
	}
	if msg := measuredNothing(recs, v.Label); msg != "" && !out.Run.Interrupted {
		return out.fail("%s", msg)
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

// measuredNothing says why, when not one trial of the run has a valid
// answer (each an error, or invalid: refused, cut, empty): the variant
// measured nothing, which is its failure, not the model's score.
func measuredNothing(recs []results.Record, label string) string {
	reasons := map[string]int{}
	var example string
	for _, r := range recs {
		if r.Label != label {
			continue
		}
		if r.Valid() {
			return ""
		}
		reasons[string(r.Status)+" "+string(r.Reason)]++
		if r.Error != "" {
			example = r.Error
		}
	}
	if len(reasons) == 0 {
		return ""
	}
	var parts []string
	for k, n := range reasons {
		parts = append(parts, fmt.Sprintf("%d %s", n, k))
	}
	slices.Sort(parts)
	msg := "no trial got a valid answer (" + strings.Join(parts, ", ") + ")"
	if example != "" {
		msg += ": " + example
	}
	return msg
}

// complete reports whether dir already holds a settled record for every
// trial of the grid: the variant is done and its server need not start.
func complete(dir, label string, setup runner.Setup) bool {
	recs, _, _, err := results.LoadRun(dir)
	if err != nil || len(recs) == 0 {
		return false
	}
	settled := map[string]bool{}
	for _, r := range recs {
		if r.Status != results.StatusError {
			settled[r.ID] = true
		}
	}
	for _, it := range runner.Items(setup.Grid) {
		if !settled[runner.TrialID(label, setup.Task.Name(), setup.Seed, it)] {
			return false
		}
	}
	return true
}

// Failed reports whether any variant failed.
func Failed(outs []Outcome) bool {
	return slices.ContainsFunc(outs, func(o Outcome) bool { return o.Failed })
}

var errNoRuns = errors.New("no variant has records to compare")
