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
	target     float64
	fs         *pflag.FlagSet // to tell a flag given from its default
}

func (f *adaptiveFlags) register(fs *pflag.FlagSet) {
	f.fs = fs
	fs.BoolVar(&f.on, "adaptive", false, "search for the effective context instead of sweeping the grid: --lengths is the coarse ladder, --trials the most per depth")
	fractionVar(fs, &f.resolution, "resolution", runner.DefaultResolution, "with --adaptive: refine until the first failing length is within this fraction of the last passing one (0.05 or 5%)")
	fs.StringVar(&f.budget, "budget", "", "with --adaptive: most prompt tokens to spend per model, e.g. 20m (default: no limit); it takes --target's place")
	fractionVar(fs, &f.target, "target", runner.DefaultTarget, "with --adaptive: the share of the full grid's prompt tokens the search aims at (0.25 or 25%): one length takes at most half of it, and narrowing stops where it would pass it (1: the whole grid)")
}

// search is the plan's search; nil when the run is not adaptive.
func (f *adaptiveFlags) search(o reportOpts) (*results.AdaptiveInfo, error) {
	if !f.on {
		for _, name := range []string{"budget", "resolution"} {
			if f.fs != nil && f.fs.Changed(name) {
				return nil, fmt.Errorf("--%s needs --adaptive (it sets how a search narrows or what it may spend)", name)
			}
		}
		return nil, nil
	}
	if !(f.resolution > 0 && f.resolution <= 1) { // NaN fails too
		return nil, fmt.Errorf("--resolution %g: want a fraction in (0, 1], e.g. 0.05 or 5%% (1: no finer than a power-of-two ladder)", f.resolution)
	}
	if f.target <= 0 || f.target > 1 {
		return nil, fmt.Errorf("--target %g: want a fraction of the full grid in (0, 1], e.g. 0.25", f.target)
	}
	info := &results.AdaptiveInfo{Resolution: f.resolution, Threshold: o.threshold, Relative: o.relative, Target: f.target}
	if f.budget != "" {
		n, err := units.ParseLength(f.budget)
		if err != nil {
			return nil, fmt.Errorf("--budget: %w", err)
		}
		if n == 0 {
			return nil, fmt.Errorf("--budget %s: want a number of prompt tokens above 0, e.g. 20m (no limit: leave the flag out)", f.budget)
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
		sp.Trials, units.FormatCount(sp.Spent), units.FormatCount(sp.Full), sp.Percent())
	for _, s := range sums {
		e := c.Effective(s)
		b := stats.BracketOf(s, e)
		st := runner.StatusOf(runner.AdaptiveOf(m), s.Label, recs)
		fmt.Fprintf(w, "%s: RULER %s effective %s; NoLiMa %s effective %s\n", s.Label,
			render.FormatPct(e.Threshold), bracketText(b.RULER, st.RULER, aimText(m.Adaptive)),
			render.FormatPct(e.Relative), bracketText(b.NoLiMa, st.NoLiMa, aimText(m.Adaptive)))
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
			units.FormatLength(a.Budget), units.FormatCount(st.Next))
	case st.Next != 0:
		return fmt.Sprintf("search not over (it would test %s next): rerun the same command and it goes on", units.FormatCount(st.Next))
	}
	if st.AimStopped {
		return fmt.Sprintf("narrowing stopped short of --resolution %s %s: the next length would take the search past it (%s narrows further)",
			render.FormatPct(a.Resolution), aimText(a), largerAim(a))
	}
	r := st.RULER
	if st.Unnarrowed {
		capped := 0
		switch {
		case r.PassState == runner.EndCapped && !r.PassAllRight:
			capped = r.Pass
		case r.FailState == runner.EndCapped:
			capped = r.Fail
		}
		if capped != 0 {
			return fmt.Sprintf("narrowing stopped short of --resolution %s: %s took as many trials as one length takes %s without settling (%s gives it more)",
				render.FormatPct(a.Resolution), units.FormatCount(capped), aimText(a), largerAim(a))
		}
		return fmt.Sprintf("narrowing stopped short of --resolution %s: the trials cannot place a length this close to the bar surely (more --trials would narrow it)",
			render.FormatPct(a.Resolution))
	}
	return ""
}

// aimText names what a search aims at: its --budget, or its --target
// share of the full grid (the whole grid in runs from before --target).
func aimText(a *results.AdaptiveInfo) string {
	switch {
	case a.Budget > 0:
		return "within --budget " + units.FormatLength(a.Budget)
	case a.Target > 0 && a.Target < 1:
		return "at --target " + render.FormatPct(a.Target)
	}
	return "within the full grid"
}

// largerAim says how to let a search spend more.
func largerAim(a *results.AdaptiveInfo) string {
	if a.Budget > 0 {
		return "a larger --budget"
	}
	return "a larger --target, up to 1, or a --budget"
}

// bracketText writes a bracket and how firm its ends are: both beyond the
// bar by their Wilson bounds, decided by the mean of all their trials or
// of the most one length may take (capped), all right yet too few for a
// bound, or still open (a budget or an interrupt stopped the search).
// capped says what caps one length (e.g. "at --target 25%").
func bracketText(e stats.Edges, st runner.BracketEnds, capped string) string {
	var text string
	switch {
	case e.Pass == 0 && e.Fail == 0:
		return "unknown (no length tested)"
	case e.Pass == 0:
		text = "< " + units.FormatCount(e.Fail) + " (the shortest length fails)"
	case e.Fail == 0:
		text = "≥ " + units.FormatCount(e.Pass) + " (no tested length fails)"
	default:
		text = fmt.Sprintf("≥ %s and < %s", units.FormatCount(e.Pass), units.FormatCount(e.Fail))
	}
	if e.Pass != st.Pass || e.Fail != st.Fail {
		return text // judged on other bars than the search's (report --threshold)
	}
	type end struct {
		length, trials int
		state          runner.EndState
		allRight       bool
	}
	var open, spent, notes []string
	for _, end := range []end{{st.Pass, st.PassTrials, st.PassState, st.PassAllRight}, {st.Fail, st.FailTrials, st.FailState, false}} {
		switch {
		case end.length == 0:
		case end.state == runner.EndOpen:
			open = append(open, units.FormatCount(end.length))
		case end.state == runner.EndSure:
		case end.allRight:
			notes = append(notes, fmt.Sprintf("at %s all %d trials were right, too few for a 95%% bound to clear the bar", units.FormatCount(end.length), end.trials))
		case end.state == runner.EndCapped:
			notes = append(notes, fmt.Sprintf("at %s the mean of its %d trials decides, as many as one length takes %s: its 95%% bound straddles the bar",
				units.FormatCount(end.length), end.trials, capped))
		case end.state == runner.EndSpent:
			spent = append(spent, units.FormatCount(end.length))
		}
	}
	switch {
	case len(open) > 0:
		return withNote(text, "not settled at "+strings.Join(open, " and ")+": too few trials yet")
	case len(spent) == 1:
		notes = append(notes, "at "+spent[0]+" the mean of all its trials decides: its 95% bound straddles the bar")
	case len(spent) > 1:
		notes = append(notes, "at "+strings.Join(spent, " and ")+" the mean of all their trials decides: their 95% bounds straddle the bar")
	}
	switch {
	case len(notes) > 0:
		return withNote(text, strings.Join(notes, "; "))
	case e.Pass != 0 && e.Fail != 0:
		return text + " (one-sided 95% Wilson bounds)"
	}
	return text
}

// withNote adds note in parentheses, inside those text ends with.
func withNote(text, note string) string {
	if t, ok := strings.CutSuffix(text, ")"); ok {
		return t + "; " + note + ")"
	}
	return text + " (" + note + ")"
}

// printPrefill states the tokens the servers computed against what any
// prefix cache must compute (the shared-prefix tree of the prompts).
func printPrefill(w io.Writer, recs []results.Record) {
	p := stats.PrefillOf(recs)
	if p.Trials == 0 {
		return
	}
	line := fmt.Sprintf("prompt tokens: %s sent", units.FormatCount(p.Sent))
	if p.Known > 0 {
		line += fmt.Sprintf(", %s reused, %s computed", units.FormatCount(p.Reused), units.FormatCount(p.Computed))
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
	bound := fmt.Sprintf("shared-prefix lower bound: %s distinct tokens", units.FormatCount(p.Bound))
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
