package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"niah/render"
	"niah/results"
	"niah/runner"
	"niah/stats"
	"niah/units"
)

// adaptiveFlags turn a run into a search for the effective context.
type adaptiveFlags struct {
	on         bool
	resolution float64
	budget     string
}

func (f *adaptiveFlags) register(fs *pflag.FlagSet) {
	fs.BoolVar(&f.on, "adaptive", false, "search for the effective context instead of sweeping the grid: --lengths is the coarse ladder, --trials the most per depth")
	fs.Float64Var(&f.resolution, "resolution", runner.DefaultResolution, "with --adaptive: refine until the first failing length is within this fraction of the last passing one")
	fs.StringVar(&f.budget, "budget", "", "with --adaptive: most prompt tokens to spend per model, e.g. 20m (default: no limit)")
}

// search is the plan's search; nil when the run is not adaptive.
func (f *adaptiveFlags) search(o reportOpts) (*results.AdaptiveInfo, error) {
	if !f.on {
		if f.budget != "" {
			return nil, fmt.Errorf("--budget needs --adaptive")
		}
		return nil, nil
	}
	if f.resolution <= 0 || f.resolution > 1 {
		return nil, fmt.Errorf("--resolution %g: want a fraction in (0, 1], e.g. 0.05 (1: no finer than a power-of-two ladder)", f.resolution)
	}
	info := &results.AdaptiveInfo{Resolution: f.resolution, Threshold: o.threshold, Relative: o.relative}
	if f.budget != "" {
		n, err := units.ParseLength(f.budget)
		if err != nil {
			return nil, fmt.Errorf("--budget: %w", err)
		}
		info.Budget = n
	}
	return info, nil
}

// printCost ends a run's text summary, for run and report alike: an
// adaptive search's spend and brackets, then the prompt tokens and
// prefill against the shared-prefix bound.
func printCost(w io.Writer, recs []results.Record, m *results.Manifest, sums []*stats.Summary, c stats.Criteria) {
	if m != nil && m.Adaptive != nil {
		printSearch(w, recs, m, sums, c)
	}
	printPrefill(w, recs)
}

// printSearch states what an adaptive run spent against the full grid,
// each model's bracket on both definitions (settled, or not yet), and a
// search a budget or an interrupt left unfinished.
func printSearch(w io.Writer, recs []results.Record, m *results.Manifest, sums []*stats.Summary, c stats.Criteria) {
	sp := stats.SpendOf(recs, m)
	fmt.Fprintf(w, "adaptive search: %d trials, %s prompt tokens of the full grid's about %s (%.0f%%)\n",
		sp.Trials, commas(sp.Spent), commas(sp.Full), sp.Percent())
	for _, s := range sums {
		e := c.Effective(s)
		b := stats.BracketOf(s, e)
		st := runner.StatusOf(runner.AdaptiveOf(m), s.Label, recs)
		fmt.Fprintf(w, "%s: RULER %s effective %s; NoLiMa %s effective %s\n", s.Label,
			render.FormatPct(e.Threshold), bracketText(b.RULER, st.RULER), render.FormatPct(e.Relative), bracketText(b.NoLiMa, st.NoLiMa))
		if line := searchEnd(st, m.Adaptive); line != "" {
			fmt.Fprintf(w, "%s: %s\n", s.Label, line)
		}
	}
}

// searchEnd says why a search ended where it did, when that is not
// simply "done": a budget or an interrupt left it open, or the trials
// could not narrow the bracket to the resolution.
func searchEnd(st runner.SearchStatus, a *results.AdaptiveInfo) string {
	switch {
	case st.OverBudget:
		return fmt.Sprintf("search stopped by --budget %s before it was over (it would test %s next): rerun with a larger --budget and it goes on",
			units.FormatLength(a.Budget), commas(st.Next))
	case st.Next != 0:
		return fmt.Sprintf("search not over (it would test %s next): rerun the same command and it goes on", commas(st.Next))
	case st.Unnarrowed:
		return fmt.Sprintf("narrowing stopped short of --resolution %s: the trials cannot place a length this close to the bar surely (more --trials would narrow it)",
			render.FormatPct(a.Resolution))
	}
	return ""
}

// bracketText writes a bracket and how firm its ends are: both beyond the
// bar by their Wilson bounds, decided by the mean of all their trials, or
// still open (a budget or an interrupt stopped the search).
func bracketText(e stats.Edges, st runner.BracketEnds) string {
	var text string
	switch {
	case e.Pass == 0 && e.Fail == 0:
		return "unknown (no length tested)"
	case e.Pass == 0:
		text = "< " + commas(e.Fail) + " (the shortest length fails)"
	case e.Fail == 0:
		text = "≥ " + commas(e.Pass) + " (no tested length fails)"
	default:
		text = fmt.Sprintf("≥ %s and < %s", commas(e.Pass), commas(e.Fail))
	}
	if e.Pass != st.Pass || e.Fail != st.Fail {
		return text // judged on other bars than the search's (report --threshold)
	}
	var open, spent []string
	for _, end := range []struct {
		length int
		state  runner.EndState
	}{{st.Pass, st.PassState}, {st.Fail, st.FailState}} {
		switch {
		case end.length == 0:
		case end.state == runner.EndOpen:
			open = append(open, commas(end.length))
		case end.state == runner.EndSpent:
			spent = append(spent, commas(end.length))
		}
	}
	switch {
	case len(open) > 0:
		return text + " (not settled at " + strings.Join(open, " and ") + ": too few trials yet)"
	case len(spent) == 1:
		return text + " (at " + spent[0] + " the mean of all its trials decides: its 95% bound straddles the bar)"
	case len(spent) > 1:
		return text + " (at " + strings.Join(spent, " and ") + " the mean of all their trials decides: their 95% bounds straddle the bar)"
	case e.Pass != 0 && e.Fail != 0:
		return text + " (one-sided 95% Wilson bounds)"
	}
	return text
}

// commas writes 2310 as 2,310.
func commas(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + commas(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// printPrefill states the tokens the servers computed against what any
// prefix cache must compute (the shared-prefix tree of the prompts).
func printPrefill(w io.Writer, recs []results.Record) {
	p := stats.PrefillOf(recs)
	if p.Trials == 0 {
		return
	}
	line := fmt.Sprintf("prompt tokens: %s sent", commas(p.Sent))
	if p.Known > 0 {
		line += fmt.Sprintf(", %s reused, %s computed", commas(p.Reused), commas(p.Computed))
		if p.Known < p.Trials {
			line += fmt.Sprintf(" (cache figures from %d of %d trials)", p.Known, p.Trials)
		}
	} else {
		line += " (the server reports no cache figures)"
	}
	if p.Timed > 0 {
		line += fmt.Sprintf("; server prefill %.1f s", p.PrefillMS/1000)
	}
	fmt.Fprintln(w, line)
	bound := fmt.Sprintf("shared-prefix lower bound: %s distinct tokens", commas(p.Bound))
	if r := p.Ratio(); r > 0 {
		bound += fmt.Sprintf("; computed/bound %.2f", r)
	}
	fmt.Fprintln(w, bound)
	for _, u := range stats.ReuseOf(recs) {
		if n := render.ReuseNote(u); n != "" {
			fmt.Fprintln(w, n)
		}
	}
}
