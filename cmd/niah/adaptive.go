package main

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"

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
	fs.Float64Var(&f.resolution, "resolution", 0.05, "with --adaptive: refine until the first failing length is within this fraction of the last passing one")
	fs.StringVar(&f.budget, "budget", "", "with --adaptive: most prompt tokens to spend per model, e.g. 20m (default: no limit)")
}

// settings validates the flags; nil when the run is not adaptive.
func (f *adaptiveFlags) settings(o reportOpts) (*results.AdaptiveInfo, error) {
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
			return nil, fmt.Errorf("--budget: %v", err)
		}
		info.Budget = n
	}
	return info, nil
}

// adaptiveSource is the search a manifest's settings describe.
func adaptiveSource(m *results.Manifest, jobs []runner.Job) runner.Source {
	a := m.Adaptive
	return runner.NewAdaptiveSource(runner.Adaptive{Ladder: m.Lengths, Depths: m.Depths, Rounds: m.Trials,
		Resolution: a.Resolution, Budget: a.Budget, Threshold: a.Threshold, Relative: a.Relative}, jobs)
}

// printSearch states what an adaptive run spent against the full grid,
// and each model's bracket on both definitions.
func printSearch(w io.Writer, recs []results.Record, m *results.Manifest, sums []*stats.Summary, c stats.Criteria) {
	full := 0
	for _, l := range m.Lengths {
		full += l * len(m.Depths) * max(m.Trials, 1)
	}
	full *= max(len(m.Models), 1)
	spent := 0
	for _, r := range recs {
		spent += r.PromptTokens
	}
	fmt.Fprintf(w, "adaptive search: %d trials, %s prompt tokens of the full grid's about %s (%.0f%%)\n",
		len(recs), commas(spent), commas(full), 100*float64(spent)/float64(max(full, 1)))
	for _, s := range sums {
		e := c.Effective(s)
		b := stats.BracketOf(s, e)
		fmt.Fprintf(w, "%s: RULER %s effective %s; NoLiMa %s effective %s\n", s.Label,
			stats.FormatPct(e.Threshold), bracketText(b.RULER), stats.FormatPct(e.Relative), bracketText(b.NoLiMa))
	}
}

func bracketText(e stats.Edges) string {
	switch {
	case e.Pass == 0 && e.Fail == 0:
		return "unknown (no length tested)"
	case e.Pass == 0:
		return "< " + commas(e.Fail) + " (the shortest length fails)"
	case e.Fail == 0:
		return "≥ " + commas(e.Pass) + " (no tested length fails)"
	}
	return fmt.Sprintf("≥ %s and < %s (one-sided 95%% Wilson bounds)", commas(e.Pass), commas(e.Fail))
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
}
