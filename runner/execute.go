package runner

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"niah/needle"
	"niah/provider"
	"niah/results"
)

// Job is one model's share of a run.
type Job struct {
	Label    string
	Client   provider.Client
	Prompter *Prompter
	// Exact is true when the planning tokenizer is the model's own (server
	// tokenizer, tokenizer file, or calibrated): server counts are then
	// held to a tight tolerance when judging truncation.
	Exact     bool
	Simulated bool
	// checks sends a one-token follow-up for an answer with no prompt
	// count (confirm.go); nil: never.
	checks *lengthChecks
	// Secrets are what the client holds that no file may (provider.Secrets):
	// scrubbed from each record before it is written.
	Secrets []string
}

// engine is how a run's trials are sent: every setting comes from the
// run's Plan, once.
type engine struct {
	MaxTokens   int
	Options     map[string]string
	Concurrency int
	Order       Order
	Store       *results.Store // nil: records are not kept (tests)
	// Source decides which trials to send.
	Source Source
	// Progress, if set, hears about the run; calls come from one goroutine.
	Progress Progress
	Now      func() time.Time
}

// Progress receives run events.
type Progress interface {
	// Start: total trials known so far, those already recorded, and the
	// prompt tokens of those still to send.
	Start(total, skipped, promptTokens int)
	// Added: the source added trials while the run went on.
	Added(trials, promptTokens int)
	Done(rec *results.Record)
}

// Outcome is what a run did.
type Outcome struct {
	Planned, Skipped, Done int
	Interrupted            bool
}

// ModelItem names one trial of one model: Job indexes the run's jobs.
type ModelItem struct {
	Job  int
	Item Item
}

// A Source decides which trials a run sends. A fixed grid hands over every
// trial at the start; a search adds trials after it sees results. The run
// calls it from one goroutine.
type Source interface {
	// Start is called once, with the records a resumed run already holds,
	// and returns the first trials. Trials already settled are skipped.
	Start(recorded []results.Record) []ModelItem
	// Observe is called with each record as it is stored and returns the
	// trials to add (none, to let the run finish its queue).
	Observe(rec *results.Record) []ModelItem
}

// GridSource sends every trial of g to each of jobs models, length-major.
func GridSource(g Grid, jobs int) Source { return gridSource{g: g, jobs: jobs} }

type gridSource struct {
	g    Grid
	jobs int
	// depthless marks the jobs whose task has no depth: their trials of a
	// length form one row (depthless.go).
	depthless []bool
}

func (s gridSource) Start([]results.Record) []ModelItem {
	var out []ModelItem
	for j := range s.jobs {
		items := Items(s.g)
		if j < len(s.depthless) && s.depthless[j] {
			items = depthlessItems(s.g)
		}
		for _, it := range items {
			out = append(out, ModelItem{Job: j, Item: it})
		}
	}
	return out
}

func (gridSource) Observe(*results.Record) []ModelItem { return nil }

// work is one trial to send.
type work struct {
	job    *Job
	jobIdx int // models go in the order given
	prompt *Prompt
	stream int // the worker that sends it (see queue.pop)
}

// queue is the trials waiting to be sent, in send order.
type queue struct {
	order   Order
	workers int // the streams the queue is dealt to
	items   []work
	seen    map[string]bool
}

// add builds the prompts of trials not yet settled or queued, and returns
// how many it added, how many were already settled, and their tokens.
func (q *queue) add(trials []ModelItem, jobs []Job, store *results.Store) (added, skipped, tokens int, err error) {
	for _, t := range trials {
		if t.Job < 0 || t.Job >= len(jobs) {
			return added, skipped, tokens, fmt.Errorf("trial for model %d of %d", t.Job, len(jobs))
		}
		job := &jobs[t.Job]
		id := TrialID(job.Label, job.Prompter.Task.Name(), job.Prompter.Seed, t.Item)
		if q.seen[id] {
			continue
		}
		q.seen[id] = true
		if store != nil && store.Has(id) {
			skipped++
			continue
		}
		p, err := job.Prompter.Build(job.Label, t.Item)
		if err != nil {
			return added, skipped, tokens, err
		}
		q.items = append(q.items, work{job: job, jobIdx: t.Job, prompt: p})
		added++
		tokens += p.Layout.Tokens
	}
	order(q.items, q.order)
	for i := range q.items {
		q.items[i].stream = i % max(q.workers, 1)
	}
	return added, skipped, tokens, nil
}

// pop takes the next trial of worker stream s. The sorted queue is dealt
// round-robin to the workers, so each worker's own stream ascends: a
// server with N slots (llama.cpp -np N) that gives each worker's request
// the slot of its previous one reuses a prefix in every slot. A worker
// whose stream is empty waits (taking another's trial would break both
// streams' order); the deal is even, so that is at most one trial's time.
// Trials a source adds later are dealt again with those still queued.
func (q *queue) pop(s int) (work, bool) {
	for i, w := range q.items {
		if w.stream == s {
			q.items = append(q.items[:i], q.items[i+1:]...)
			return w, true
		}
	}
	return work{}, false
}

// Items lists the grid's trials, length-major.
func Items(g Grid) []Item {
	var out []Item
	for _, l := range g.Lengths {
		for _, d := range g.Depths {
			for t := range max(g.Trials, 1) {
				out = append(out, Item{Length: l, Depth: d, Trial: t})
			}
		}
	}
	return out
}

// order sorts the work. "prefix": per model, by the token offset of the
// first needle, so consecutive prompts share the longest possible prefix
// and a server's prefix cache reuses it (a single-slot LCP cache reuses
// min(p_i, p_i-1) tokens; ascending offsets maximise the sum). "naive":
// length, depth, trial.
func order(w []work, how Order) {
	sort.SliceStable(w, func(a, b int) bool {
		pa, pb := w[a].prompt, w[b].prompt
		if w[a].jobIdx != w[b].jobIdx {
			return w[a].jobIdx < w[b].jobIdx
		}
		if how == OrderNaive {
			if pa.Length != pb.Length {
				return pa.Length < pb.Length
			}
			if pa.Depth != pb.Depth {
				return pa.Depth < pb.Depth
			}
			return pa.Trial < pb.Trial
		}
		if pa.Offset() != pb.Offset() {
			return pa.Offset() < pb.Offset()
		}
		return pa.Length < pb.Length
	})
}

// ErrStopped is returned when a run stops on a fatal server answer (auth).
var ErrStopped = errors.New("run stopped")

// finished is a trial that ended, stored or not.
type finished struct {
	rec    results.Record
	err    error // the store could not append it
	stream int
}

// run sends the trials its source gives, as they come, and records each.
// Cancelling ctx stops new requests; requests already in flight finish and
// are recorded (the first Ctrl-C drains, it does not lose work).
func (cfg engine) run(ctx context.Context, jobs []Job) (Outcome, error) {
	src := cfg.Source
	var recorded []results.Record
	if cfg.Store != nil {
		recorded = cfg.Store.Loaded()
	}
	r := &running{cfg: cfg, jobs: jobs, src: src, q: &queue{order: cfg.Order, workers: max(cfg.Concurrency, 1), seen: map[string]bool{}},
		done: make(chan finished), now: cfg.Now, busy: make([]bool, max(cfg.Concurrency, 1))}
	if r.now == nil {
		r.now = time.Now
	}
	added, skipped, tokens, err := r.q.add(src.Start(recorded), jobs, cfg.Store)
	if err != nil {
		return Outcome{}, err
	}
	r.out = Outcome{Planned: added + skipped, Skipped: skipped}
	if cfg.Progress != nil {
		cfg.Progress.Start(added+skipped, skipped, tokens)
	}
	// Requests outlive ctx: an interrupt drains them instead of cutting a
	// 10-minute prefill short. Each client bounds a request by its timeout.
	reqCtx := context.WithoutCancel(ctx)
	for {
		for s, busy := range r.busy {
			if !busy && !r.stopping && ctx.Err() == nil {
				if w, ok := r.q.pop(s); ok {
					r.send(reqCtx, w)
				}
			}
		}
		if r.inFlight == 0 {
			break
		}
		select {
		case f := <-r.done:
			r.settle(f)
		case <-ctx.Done():
			r.stop()
			r.settle(<-r.done)
		}
	}
	if ctx.Err() != nil && len(r.q.items) > 0 {
		r.out.Interrupted = true
	}
	return r.out, r.fatal
}

// running is the state of one Run: one goroutine owns it; requests run
// in their own and report on done.
type running struct {
	cfg      engine
	jobs     []Job
	src      Source
	q        *queue
	done     chan finished
	now      func() time.Time
	out      Outcome
	fatal    error
	inFlight int
	busy     []bool // per worker stream: a request in flight
	stopping bool
}

// send starts one request; its record is stored before it reports.
func (r *running) send(ctx context.Context, w work) {
	r.inFlight++
	r.busy[w.stream] = true
	go func() {
		rec := execute(ctx, r.cfg, w, r.now)
		var err error
		if r.cfg.Store != nil {
			err = r.cfg.Store.Append(&rec)
		}
		r.done <- finished{rec, err, w.stream}
	}()
}

// stop sends no more requests; those in flight still finish.
func (r *running) stop() { r.stopping = true }

// settle counts a finished trial, stops the run on a fatal one, and lets
// the source add trials after seeing it.
func (r *running) settle(f finished) {
	r.inFlight--
	r.busy[f.stream] = false
	if f.err != nil {
		r.fatal = firstErr(r.fatal, f.err)
		r.stop()
		return
	}
	r.out.Done++
	if f.rec.Reason == results.ReasonAuth {
		r.fatal = firstErr(r.fatal, fmt.Errorf("%w: %s", ErrStopped, f.rec.Error))
		r.stop()
	}
	if r.cfg.Progress != nil {
		r.cfg.Progress.Done(&f.rec)
	}
	if r.stopping {
		return
	}
	more, skipped, tokens, err := r.q.add(r.src.Observe(&f.rec), r.jobs, r.cfg.Store)
	if err != nil {
		r.fatal = firstErr(r.fatal, err)
		r.stop()
		return
	}
	r.out.Planned += more + skipped
	r.out.Skipped += skipped
	if more+skipped > 0 && r.cfg.Progress != nil {
		r.cfg.Progress.Added(more+skipped, tokens)
	}
}

func firstErr(old, new error) error {
	if old != nil {
		return old
	}
	return new
}

// execute sends one trial and turns the answer into its record.
func execute(ctx context.Context, cfg engine, w work, now func() time.Time) results.Record {
	p, job := w.prompt, w.job
	rec := p.Record(job.Prompter)
	rec.Model, rec.Label, rec.Simulated = job.Client.Spec(), job.Label, job.Simulated
	rec.SharedPrefixTokens = p.Offset()
	req := provider.Request{
		Messages:  []results.Message{{Role: "user", Content: p.Text()}},
		MaxTokens: cfg.MaxTokens,
		Seed:      job.Prompter.Seed,
		Options:   cfg.Options,
		Stream:    w.stream,
	}
	resp, err := job.Client.Complete(ctx, req)
	resp, check := job.checks.follow(ctx, job.Client, req, resp, err)
	rec.Time = now().UTC().Format(time.RFC3339)
	judge(&rec, resp, err, p.Content, job.Exact)
	settleCheck(&rec, check)
	rec.Scrubbed = scrubRecord(&rec, job.Secrets)
	return rec
}

// judge grades a response, or classifies why there is nothing to grade.
func judge(rec *results.Record, resp provider.Response, err error, tr needle.Instance, exact bool) {
	rec.HTTPStatus = resp.HTTPStatus
	rec.LatencyMS = resp.Latency.Milliseconds()
	rec.Attempts = resp.Attempts
	if err != nil {
		var pe *provider.Error
		if !errors.As(err, &pe) {
			pe = &provider.Error{Reason: results.ReasonNetwork, Message: err.Error()}
		}
		rec.Reason, rec.Error = pe.Reason, pe.Message
		if pe.HTTPStatus != 0 {
			rec.HTTPStatus = pe.HTTPStatus
		}
		if pe.Attempts != 0 {
			rec.Attempts = pe.Attempts
		}
		rec.Status = results.StatusError
		if pe.Reason == results.ReasonContextExceeded {
			rec.Status = results.StatusInvalid
		}
		return
	}
	rec.AnswerTruncated = capAnswer(&resp)
	rec.PromptTokensServer = resp.PromptTokens
	rec.CachedTokens = resp.CachedTokens
	rec.ComputedTokens, rec.CacheWriteTokens, rec.PrefillMS = resp.ComputedTokens, resp.CacheWriteTokens, resp.PrefillMS
	if rec.ComputedTokens == nil && resp.PromptTokens != nil && resp.CachedTokens != nil && *resp.PromptTokens >= *resp.CachedTokens {
		computed := *resp.PromptTokens - *resp.CachedTokens
		rec.ComputedTokens = &computed
	}
	rec.CompletionTokens = resp.CompletionTokens
	rec.FinishReason = resp.FinishReason
	g := needle.GradeInstance(resp.Answer, tr)
	rec.Answer, rec.Score, rec.Correct, rec.Extra = g.Answer, g.Score, g.Correct, g.Extra
	rec.Reasoning = joinReasoning(resp.Reasoning, g.Reasoning)
	rec.Status = results.StatusOK
	if resp.Refusal != "" {
		refused(rec, resp.Refusal)
		return
	}
	rec.LengthUnverified = lengthUnknown(resp)
	if cut, msg := truncated(expectedTokens(rec), resp.PromptTokens, exact); cut {
		rec.Status, rec.Reason, rec.Error = results.StatusInvalid, results.ReasonTruncated, msg
		return
	}
	if isLengthStop(resp.FinishReason) && rec.Answer == "" {
		// No answer at all is not a retrieval failure: the budget measured
		// nothing. It is settled (a rerun would end the same way), so it is
		// invalid rather than an error to retry.
		rec.Status, rec.Reason = results.StatusInvalid, results.ReasonLengthEmpty
		rec.Error = "the answer budget ran out before any answer (finish reason " + resp.FinishReason + ")"
	}
}

func joinReasoning(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

func isLengthStop(reason string) bool {
	switch reason {
	case "length", "max_tokens", "MAX_TOKENS", "limit", "model_context_window_exceeded":
		return true
	}
	return false
}

// truncated reports whether the server saw fewer prompt tokens than were
// sent. With the model's own tokenizer the counts agree to within a few
// template tokens, so 1% (at least 8 tokens) short means a cut; with a
// stand-in tokenizer (o200k for a Llama, say) counts legitimately differ by
// some percent, so only a shortfall beyond 25% is called a cut.
func truncated(planned int, server *int, exact bool) (bool, string) {
	if server == nil || *server <= 0 || planned <= 0 { // 0 is "unknown" from proxies and Ollama's /v1 after an abort
		return false, ""
	}
	tol := max(planned/100, 8)
	if !exact {
		tol = planned / 4
	}
	if *server >= planned-tol {
		return false, ""
	}
	return true, fmt.Sprintf("the server counted %d prompt tokens of the %d sent: it cut the prompt", *server, planned)
}

// expectedTokens is the prompt length the server should report.
func expectedTokens(rec *results.Record) int {
	if rec.PromptTokensExpected > 0 {
		return rec.PromptTokensExpected
	}
	return rec.PromptTokens
}

// lengthUnknown reports whether nothing confirms the prompt's length: the
// server gave no positive prompt count, or aborted the answer before
// counting. Such a trial is graded all the same.
func lengthUnknown(resp provider.Response) bool {
	return resp.PromptTokens == nil || *resp.PromptTokens <= 0 || resp.FinishReason == results.FinishRepetitionAbort
}
