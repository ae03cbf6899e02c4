package runner

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"niah/corpora"
	"niah/haystack"
	"niah/provider"
	"niah/results"
)

// Run is a plan made ready: every model prepared, the manifest written and
// the run directory open (and locked) for its records.
type Run struct {
	Dir    *RunDir
	Models []*Model
	// Warnings are about the run directory: record lines it could not read.
	Warnings []string
	plan     Plan // with its defaults filled
}

// Hooks hear a run as it goes; any may be left nil.
type Hooks struct {
	Progress Progress
}

// Result is what a run did and what its directory holds afterwards.
type Result struct {
	Outcome
	// Records are the latest record of every trial in the run directory,
	// this run's and those it resumed.
	Records []results.Record
}

// Open readies a plan: it fills the defaults, checks every setting,
// connects to each model's server, picks the tokenizer that makes lengths
// the model's own, calibrates, checks that the grid can be built, and
// opens (or resumes) the run directory with its manifest. Nothing is
// written when any of that fails. Errors about a setting are
// *SettingError, naming it.
func Open(ctx context.Context, p Plan) (*Run, error) {
	p, err := p.withDefaults()
	if err != nil {
		return nil, err
	}
	labels, err := p.labels()
	if err != nil {
		return nil, err
	}
	corpus, err := p.corpus()
	if err != nil {
		return nil, err
	}
	var models []*Model
	for i, m := range p.Models {
		md, err := p.prepare(ctx, &m.spec, labels[i], corpus, nil)
		if err != nil {
			return nil, err
		}
		if err := checkGrid(p.Grid, md); err != nil {
			return nil, err
		}
		models = append(models, md)
	}
	dir := p.Out
	if dir == "" {
		dir = p.defaultDir(labels)
	}
	rd, warns, err := OpenRunDir(dir, p.manifest(models), !p.Fresh)
	if err != nil {
		return nil, badSetting("out", err)
	}
	return &Run{Dir: rd, Models: models, Warnings: warns, plan: p}, nil
}

// Execute sends the trials the plan calls for (those not already settled
// in the run directory), recording each as it ends, and reloads the
// directory's records. Cancelling ctx stops new requests; those in flight
// finish and are recorded. A run stopped by a fatal answer (a refused key)
// returns ErrStopped with its Result.
func (r *Run) Execute(ctx context.Context, h Hooks) (Result, error) {
	var jobs []Job
	for _, m := range r.Models {
		jobs = append(jobs, m.Jobs...)
	}
	e := engine{MaxTokens: r.plan.MaxTokens, Options: r.plan.Options, Concurrency: r.plan.Concurrency,
		Order: r.plan.Order, Store: r.Dir.Store, Source: r.plan.source(r.Dir.Manifest, jobs),
		Progress: h.Progress, Now: r.plan.Now}
	out, runErr := e.run(ctx, jobs)
	if runErr != nil && !errors.Is(runErr, ErrStopped) {
		return Result{Outcome: out}, runErr
	}
	recs, _, _, err := results.LoadRun(r.Dir.Path)
	if err != nil {
		return Result{Outcome: out}, err
	}
	return Result{Outcome: out, Records: recs}, runErr
}

// Close releases the run directory.
func (r *Run) Close() error { return r.Dir.Close() }

// source is what decides the trials a run sends: the whole grid, one
// shard of it, or a search that grows as it sees results.
func (p Plan) source(m *results.Manifest, jobs []Job) Source {
	if pf, ok := p.Task.(*promptFile); ok {
		src := Source(fileSource{items: pf.items(), jobs: len(jobs)})
		if p.Shard != nil {
			src = &shardSource{src: src, s: *p.Shard}
		}
		return src
	}
	switch {
	case p.Search != nil:
		return NewAdaptiveSource(AdaptiveOf(m), jobs)
	case p.Shard != nil:
		return &shardSource{src: gridSource{g: p.Grid, jobs: len(jobs), depthless: p.depthless(len(jobs))}, s: *p.Shard}
	}
	return gridSource{g: p.Grid, jobs: len(jobs), depthless: p.depthless(len(jobs))}
}

// AdaptiveOf is the search a manifest's settings describe.
func AdaptiveOf(m *results.Manifest) Adaptive {
	a := m.Adaptive
	return Adaptive{Ladder: m.Lengths, Depths: m.Depths, Rounds: m.Trials,
		Resolution: a.Resolution, Budget: a.Budget, Threshold: a.Threshold, Relative: a.Relative, Target: a.Target}
}

// labels are the models' display labels: each given one, else the spec
// without its URL (the whole spec, redacted, where two would look alike).
// Labels key the trial ids, so two models may not share one.
func (p Plan) labels() ([]string, error) {
	if len(p.Models) == 0 {
		return nil, badSetting("model", errors.New("no model given (try sim, the built-in simulation)"))
	}
	specs := make([]provider.Spec, len(p.Models))
	for i, m := range p.Models {
		specs[i] = m.spec
	}
	labels := DefaultLabels(specs)
	seen := map[string]bool{}
	for i, m := range p.Models {
		if m.Label != "" {
			labels[i] = m.Label
		}
		if seen[labels[i]] {
			return nil, badSetting("label", fmt.Errorf("two models are labelled %q: labels name the trials, give each model its own", labels[i]))
		}
		seen[labels[i]] = true
	}
	return labels, nil
}

// corpus opens the haystack of the plan's (first) task.
func (p Plan) corpus() (*corpora.Corpus, error) { return p.corpusFor(p.tasks()[0]) }

// cache is where token indexes are kept: the plan's, or memory.
func (p Plan) cache() *haystack.Cache {
	if p.Cache == nil {
		return haystack.NewCache("")
	}
	return p.Cache
}

// defaultDir is runs/LABEL-TASK, and -shardIofN for a part.
func (p Plan) defaultDir(labels []string) string {
	dir := DefaultDir(labels, p.Task.Name())
	if p.Shard != nil {
		dir += fmt.Sprintf("-shard%dof%d", p.Shard.Index, p.Shard.Count)
	}
	return dir
}

// Prompts readies a plan's prompts with no server (gen, plan), in a fixed
// tokenizer: the plan's, or OfflineTokenizer. A set's first task only: see
// PromptSet.
func Prompts(ctx context.Context, p Plan) (*Prompter, error) {
	prs, err := PromptSet(ctx, p)
	if err != nil {
		return nil, err
	}
	return prs[0], nil
}

// PromptSet readies the prompts of every task of a plan (one, or a set's
// several) with no server, as Prompts does.
func PromptSet(ctx context.Context, p Plan) ([]*Prompter, error) {
	p.Tokenizer = or(p.Tokenizer, OfflineTokenizer)
	p, err := p.withDefaults()
	if err != nil {
		return nil, err
	}
	corpus, err := p.corpus()
	if err != nil {
		return nil, err
	}
	md, err := p.prepare(ctx, nil, "", corpus, nil)
	if err != nil {
		return nil, err
	}
	var out []*Prompter
	for _, j := range md.Jobs {
		out = append(out, j.Prompter)
	}
	return out, nil
}

// Connect readies the plan's one model with no grid and no run directory
// (probe): its haystack is indexed as far as reach says once the server
// is known.
func Connect(ctx context.Context, p Plan, reach func(provider.ServerInfo) int) (*Model, error) {
	p, err := p.withDefaults()
	if err != nil {
		return nil, err
	}
	p.Grid = Grid{} // no grid: Ollama's num_ctx stays the user's or the server's own
	labels, err := p.labels()
	if err != nil {
		return nil, err
	}
	corpus, err := p.corpus()
	if err != nil {
		return nil, err
	}
	return p.prepare(ctx, &p.Models[0].spec, labels[0], corpus, reach)
}

// Check checks a plan's settings, the options each model's protocol
// refuses, and opens its haystack without asking any server, so a front
// end can refuse a bad plan before anything starts.
func Check(p Plan) error {
	p, err := p.withDefaults()
	if err != nil {
		return err
	}
	if _, err := p.labels(); err != nil {
		return err
	}
	for _, m := range p.Models {
		if err := provider.CheckOptions(m.spec, p.clientOptions(), p.checked()); err != nil {
			return fmt.Errorf("%s: %w", m.spec, err)
		}
	}
	_, err = p.corpus()
	return err
}

// Ping asks the server of the plan's first model what it is, once, with
// the client settings a run uses (headers, key): a readiness probe.
func Ping(ctx context.Context, p Plan) error {
	p, err := p.withDefaults()
	if err != nil {
		return err
	}
	if _, err := p.labels(); err != nil {
		return err
	}
	opts := p.clientOptions()
	opts.MaxRetries = -1
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	_, _, err = connect(ctx, p.Models[0].spec, opts, p.checked())
	return err
}

// Pending counts the trials the plan would still send, given the records
// its directory already holds (0: the run is complete). It asks no
// server: a suite uses it to skip a finished variant without starting its
// server.
func Pending(p Plan) (int, error) {
	p, err := p.withDefaults()
	if err != nil {
		return 0, err
	}
	labels, err := p.labels()
	if err != nil {
		return 0, err
	}
	dir := p.Out
	if dir == "" {
		dir = p.defaultDir(labels)
	}
	recs, _, _, err := results.LoadRun(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, err
	}
	settled := map[string]bool{}
	for _, r := range recs {
		if r.Status != results.StatusError {
			settled[r.ID] = true
		}
	}
	tasks := p.tasks()
	jobs := make([]Job, len(labels)*len(tasks))
	for i := range jobs {
		jobs[i] = Job{Label: labels[i/len(tasks)]}
	}
	var man *results.Manifest
	if p.Search != nil {
		man = &results.Manifest{Lengths: p.Grid.Lengths, Depths: p.Grid.Depths, Trials: p.Grid.Trials, Adaptive: p.Search}
	}
	n := 0
	for _, t := range p.source(man, jobs).Start(recs) {
		if !settled[TrialID(jobs[t.Job].Label, tasks[t.Job%len(tasks)].Name(), *p.Seed, t.Item)] {
			n++
		}
	}
	return n, nil
}
