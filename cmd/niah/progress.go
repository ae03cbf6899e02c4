package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"niah/results"
)

// progress shows a run's advance on stderr: a redrawn bar on a terminal,
// plain periodic lines otherwise (CI logs, files), so logs never fill with
// carriage-return frames.
type progress struct {
	w        io.Writer
	tty      bool
	bar      *progressbar.ProgressBar
	mu       sync.Mutex
	start    time.Time
	total    int
	done     int
	skipped  int
	tokens   int // prompt tokens sent so far
	lastLine time.Time
	every    time.Duration
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, tty: isTerminal(w), every: 10 * time.Second}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func (p *progress) Start(total, skipped, promptTokens int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.start, p.total, p.skipped, p.done = time.Now(), total, skipped, skipped
	p.lastLine = p.start
	if skipped > 0 {
		fmt.Fprintf(p.w, "resuming: %d of %d trials already recorded\n", skipped, total)
	}
	fmt.Fprintf(p.w, "sending %d trials (%s prompt tokens)\n", total-skipped, humanCount(promptTokens))
	if p.tty {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionSetDescription("trials"),
			progressbar.OptionShowDescriptionAtLineEnd(),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(p.w) }),
		)
		p.bar.Set(skipped)
	}
}

// Added grows the total when the run adds trials as it goes (a search).
func (p *progress) Added(trials, promptTokens int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total += trials
	if p.bar != nil {
		p.bar.ChangeMax(p.total)
	}
}

func (p *progress) Done(rec *results.Record) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.tokens += rec.PromptTokens
	rate := p.rate()
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("trials, %s prompt tok/s", humanCount(int(rate))))
		p.bar.Add(1)
		return
	}
	if now := time.Now(); now.Sub(p.lastLine) >= p.every || p.done == p.total {
		p.lastLine = now
		fmt.Fprintf(p.w, "%d/%d trials, %s prompt tok/s, elapsed %s, eta %s\n", p.done, p.total,
			humanCount(int(rate)), time.Since(p.start).Round(time.Second), p.eta().Round(time.Second))
	}
}

func (p *progress) rate() float64 {
	el := time.Since(p.start).Seconds()
	if el <= 0 {
		return 0
	}
	return float64(p.tokens) / el
}

func (p *progress) eta() time.Duration {
	sent := p.done - p.skipped
	if sent == 0 {
		return 0
	}
	per := time.Since(p.start) / time.Duration(sent)
	return per * time.Duration(p.total-p.done)
}

func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		p.bar.Finish()
	}
}

func humanCount(n int) string {
	switch {
	case n >= 10_000_000:
		return fmt.Sprintf("%.0fM", float64(n)/1e6)
	case n >= 1_000_000:
		return fmt.Sprintf("%.1fM", float64(n)/1e6)
	case n >= 10_000:
		return fmt.Sprintf("%.0fK", float64(n)/1e3)
	}
	return fmt.Sprint(n)
}
