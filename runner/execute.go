package runner

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
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
}

// Config is how a run executes.
type Config struct {
	Grid        Grid
	MaxTokens   int
	Options     map[string]string
	Concurrency int
	Order       string // "prefix" (default) or "naive"
	Store       *results.Store
	// Progress, if set, hears about the run; calls may come from several goroutines.
	Progress Progress
	Now      func() time.Time
}

// Progress receives run events.
type Progress interface {
	Start(total, skipped, promptTokens int)
	Done(rec *results.Record)
}

// Outcome is what a run did.
type Outcome struct {
	Planned, Skipped, Done int
	Interrupted            bool
}

// work is one trial to send.
type work struct {
	job    *Job
	jobIdx int // models go in the order given
	prompt *Prompt
}

// plan builds the layout of every trial not yet recorded, in send order.
func plan(cfg Config, jobs []Job) ([]work, int, error) {
	var todo []work
	skipped := 0
	for j := range jobs {
		job := &jobs[j]
		for _, it := range Items(cfg.Grid) {
			id := TrialID(job.Label, job.Prompter.Task.Name(), job.Prompter.Seed, it)
			if cfg.Store != nil && cfg.Store.Has(id) {
				skipped++
				continue
			}
			p, err := job.Prompter.Build(job.Label, it)
			if err != nil {
				return nil, 0, err
			}
			todo = append(todo, work{job, j, p})
		}
	}
	order(todo, cfg.Order)
	return todo, skipped, nil
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
func order(w []work, how string) {
	sort.SliceStable(w, func(a, b int) bool {
		pa, pb := w[a].prompt, w[b].prompt
		if w[a].jobIdx != w[b].jobIdx {
			return w[a].jobIdx < w[b].jobIdx
		}
		if how == "naive" {
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

// Run sends every planned trial and records it. Cancelling ctx stops new
// requests; requests already in flight finish and are recorded (the first
// Ctrl-C drains, it does not lose work).
func Run(ctx context.Context, cfg Config, jobs []Job) (Outcome, error) {
	todo, skipped, err := plan(cfg, jobs)
	if err != nil {
		return Outcome{}, err
	}
	out := Outcome{Planned: len(todo) + skipped, Skipped: skipped}
	if cfg.Progress != nil {
		tokens := 0
		for _, w := range todo {
			tokens += w.prompt.Layout.Tokens
		}
		cfg.Progress.Start(len(todo)+skipped, skipped, tokens)
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	conc := max(cfg.Concurrency, 1)
	queue := make(chan work)
	var (
		mu       sync.Mutex
		fatal    error
		wg       sync.WaitGroup
		stopOnce sync.Once
		stop     = make(chan struct{})
	)
	// Requests outlive ctx: an interrupt drains them instead of cutting a
	// 10-minute prefill short. Each client bounds a request by its timeout.
	reqCtx := context.WithoutCancel(ctx)
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for w := range queue {
				rec := execute(reqCtx, cfg, w, now)
				if err := cfg.Store.Append(&rec); err != nil {
					mu.Lock()
					fatal = firstErr(fatal, err)
					mu.Unlock()
					stopOnce.Do(func() { close(stop) })
					continue
				}
				mu.Lock()
				out.Done++
				if rec.Reason == results.ReasonAuth && fatal == nil {
					fatal = fmt.Errorf("%w: %s", ErrStopped, rec.Error)
				}
				mu.Unlock()
				if rec.Reason == results.ReasonAuth {
					stopOnce.Do(func() { close(stop) })
				}
				if cfg.Progress != nil {
					cfg.Progress.Done(&rec)
				}
			}
		}()
	}
dispatch:
	for _, w := range todo {
		select {
		case queue <- w:
		case <-ctx.Done():
			out.Interrupted = true
			break dispatch
		case <-stop:
			break dispatch
		}
	}
	close(queue)
	wg.Wait()
	return out, fatal
}

func firstErr(old, new error) error {
	if old != nil {
		return old
	}
	return new
}

// execute sends one trial and turns the answer into its record.
func execute(ctx context.Context, cfg Config, w work, now func() time.Time) results.Record {
	p, job := w.prompt, w.job
	rec := p.Record(job.Prompter)
	rec.Model, rec.Label, rec.Simulated = job.Client.Spec(), job.Label, job.Simulated
	req := provider.Request{
		Messages:  []provider.Message{{Role: "user", Content: p.Text()}},
		MaxTokens: cfg.MaxTokens,
		Seed:      job.Prompter.Seed,
		Options:   cfg.Options,
	}
	resp, err := job.Client.Complete(ctx, req)
	rec.Time = now().UTC().Format(time.RFC3339)
	judge(&rec, resp, err, p.Content, job.Exact)
	return rec
}

// judge grades a response, or classifies why there is nothing to grade.
func judge(rec *results.Record, resp provider.Response, err error, tr needle.Trial, exact bool) {
	rec.HTTPStatus = resp.HTTPStatus
	rec.LatencyMS = resp.Latency.Milliseconds()
	rec.Attempts = resp.Attempts
	if err != nil {
		var pe *provider.Error
		if !errors.As(err, &pe) {
			pe = &provider.Error{Class: provider.ClassNetwork, Message: err.Error()}
		}
		rec.Reason, rec.Error = pe.Class, pe.Message
		if pe.HTTPStatus != 0 {
			rec.HTTPStatus = pe.HTTPStatus
		}
		if pe.Attempts != 0 {
			rec.Attempts = pe.Attempts
		}
		rec.Status = results.StatusError
		if pe.Class == provider.ClassContextExceeded {
			rec.Status = results.StatusInvalid
		}
		return
	}
	rec.PromptTokensServer = resp.PromptTokens
	rec.CachedTokens = resp.CachedTokens
	rec.CompletionTokens = resp.CompletionTokens
	rec.FinishReason = resp.FinishReason
	g := needle.GradeTrial(resp.Answer, tr)
	rec.Answer, rec.Score, rec.Correct, rec.Extra = g.Answer, g.Score, g.Correct, g.Extra
	rec.Reasoning = joinReasoning(resp.Reasoning, g.Reasoning)
	rec.Status = results.StatusOK
	if cut, msg := Truncated(expectedTokens(rec), resp.PromptTokens, exact); cut {
		rec.Status, rec.Reason, rec.Error = results.StatusInvalid, results.ReasonTruncated, msg
		return
	}
	if isLengthStop(resp.FinishReason) && rec.Answer == "" {
		// No answer at all is not a retrieval failure: the budget measured
		// nothing. It is settled (a rerun would end the same way), so it is
		// invalid rather than an error to retry.
		rec.Status, rec.Reason = results.StatusInvalid, results.ReasonLengthEmpty
		rec.Error = "the answer budget ran out before any answer (finish reason " + resp.FinishReason + "): raise --max-tokens"
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

// Truncated reports whether the server saw fewer prompt tokens than were
// sent. With the model's own tokenizer the counts agree to within a few
// template tokens, so 1% (at least 8 tokens) short means a cut; with a
// stand-in tokenizer (o200k for a Llama, say) counts legitimately differ by
// some percent, so only a shortfall beyond 25% is called a cut.
func Truncated(planned int, server *int, exact bool) (bool, string) {
	if server == nil || planned <= 0 {
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
