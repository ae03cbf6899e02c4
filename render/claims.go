package render

import (
	"fmt"
	"slices"
	"strings"

	"niah/claims"
	"niah/stats"
	"niah/units"
)

// claimLine is one claim held against the runs, in words; the source and
// its address apart, for the HTML page to link.
type claimLine struct {
	Text     string // the whole line, for text output
	Head     string // model and what it claims
	Source   string
	URL      string
	Measured string
	Verdict  string
}

// claimLines holds the claims against the summaries: a header, one line
// per claim whose label a run has, and notes: why a score stands against
// the run's own accuracy, and the labels no run has. Nothing when there
// are no claims.
func claimLines(sums []*stats.Summary, o Options) (header string, lines []claimLine, notes []string) {
	if len(o.Published) == 0 {
		return "", nil, nil
	}
	checks := stats.CheckClaims(o.Published, sums, o.Criteria)
	var files, absent []string
	standIn := false
	for _, chk := range checks {
		standIn = standIn || (chk.Summary != nil && usesStandIn(chk))
		if !slices.Contains(files, chk.Claim.File) {
			files = append(files, chk.Claim.File)
		}
		if chk.Summary == nil {
			if !slices.Contains(absent, chk.Claim.Label) {
				absent = append(absent, chk.Claim.Label)
			}
			continue
		}
		lines = append(lines, claimLineOf(chk))
	}
	threshold, _ := o.Bars()
	header = fmt.Sprintf("claims (%s), each against the measurement with its 95%% interval; a window is held to the RULER bar of %s:",
		strings.Join(files, ", "), FormatPct(threshold))
	if standIn {
		notes = append(notes, standInNote)
	}
	if len(absent) > 0 {
		notes = append(notes, fmt.Sprintf("no run is labelled %s: %s not held against anything (a claim's label: names its run)",
			strings.Join(absent, ", "), plural(len(absent), "its claims are", "their claims are")))
	}
	return header, lines, notes
}

func claimLineOf(chk stats.ClaimCheck) claimLine {
	c := chk.Claim
	who := c.Model
	if c.Label != c.Model {
		who += " (run " + c.Label + ")"
	}
	l := claimLine{Head: who + ": " + claimText(c), Source: c.Source, URL: c.URL}
	switch c.Kind {
	case claims.Window:
		l.Measured, l.Verdict = windowMeasured(chk)
	default:
		l.Measured, l.Verdict = scoreMeasured(chk)
	}
	src := c.Source
	if c.URL != "" {
		src += ", " + c.URL
	}
	l.Text = fmt.Sprintf("%s (%s): %s → %s", l.Head, src, l.Measured, l.Verdict)
	return l
}

// claimText is what a claim states: "context window 128K", "RULER mean
// 95.1% at 4K", "HELMET recall 64.1% at 64K".
func claimText(c claims.Claim) string {
	if c.Kind == claims.Window {
		return "context window " + units.FormatLength(c.Window)
	}
	metric := c.Metric
	if c.RULER() {
		metric = "RULER mean"
	}
	return fmt.Sprintf("%s %s at %s", metric, pct1(c.Score), units.FormatLength(c.At))
}

func verdictWord(v stats.ClaimVerdict) string {
	switch v {
	case stats.ClaimConsistent:
		return "consistent"
	case stats.ClaimBelow:
		return "below the claim"
	case stats.ClaimAbove:
		return "above the claim"
	}
	return "not tested"
}

// interval writes a measure: "71.2% [65.0, 76.7] at 128K".
func interval(m stats.Measure) string {
	return fmt.Sprintf("%s [%.1f, %.1f] at %s", pct1(m.Value), m.Lo*100, m.Hi*100, units.FormatLength(m.Length))
}

func notTested(chk stats.ClaimCheck, want int) string {
	longest := "no length had a valid trial"
	if chk.Longest > 0 {
		longest = "tested up to " + units.FormatLength(chk.Longest)
	}
	if chk.Unrun {
		return fmt.Sprintf("%s was not run (%s)", units.FormatLength(want), longest)
	}
	return fmt.Sprintf("%s was run but none of its trials was valid (%s)", units.FormatLength(want), longest)
}

func windowMeasured(chk stats.ClaimCheck) (string, string) {
	bar, eff := FormatPct(chk.Bar), "below the shortest tested length"
	if chk.Effective > 0 {
		eff = units.FormatLength(chk.Effective)
	}
	v := verdictWord(chk.Verdict)
	switch chk.Verdict {
	case stats.ClaimBelow:
		return fmt.Sprintf("measured %s, under the %s bar (effective context %s)", interval(chk.Measure), bar, eff), v
	case stats.ClaimAbove:
		return fmt.Sprintf("holds past it: %s, over the %s bar (effective context %s)", interval(chk.Measure), bar, eff), v
	case stats.ClaimConsistent:
		return fmt.Sprintf("measured %s, not under the %s bar (effective context %s)", interval(chk.Measure), bar, eff), v
	}
	return notTested(chk, chk.Claim.Window), v
}

func scoreMeasured(chk stats.ClaimCheck) (string, string) {
	v := verdictWord(chk.Verdict)
	if chk.Verdict == stats.ClaimNotTested {
		return notTested(chk, chk.Claim.At), v
	}
	return "measured " + interval(chk.Measure) + " (" + basisText(chk) + ")", v
}

// basisText says what a score was held against: the RULER mean, or the
// run's own accuracy standing in for the source's measure.
func basisText(chk stats.ClaimCheck) string {
	if chk.Measure.Basis == stats.BasisRULERMean {
		return "RULER mean"
	}
	task := "accuracy"
	if chk.Summary != nil && chk.Summary.Task != "" {
		task = "accuracy on task " + chk.Summary.Task
	}
	metric := chk.Claim.Metric
	if chk.Claim.RULER() {
		metric = "a RULER mean"
	}
	return task + ", standing in for " + metric
}

// standInNote says once why a score is held against the run's accuracy.
const standInNote = "a score is held against this run's own accuracy where niah does not measure the source's measure: " +
	"a RULER mean needs RULER's tasks (run them with --task ruler)"

// usesStandIn reports a score line held against a stand-in.
func usesStandIn(chk stats.ClaimCheck) bool {
	return chk.Claim.Kind == claims.Score && chk.Verdict != stats.ClaimNotTested && chk.Measure.Basis != stats.BasisRULERMean
}

// writeClaims writes the claim lines under a text report.
func writeClaims(b *strings.Builder, sums []*stats.Summary, o Options) {
	header, lines, notes := claimLines(sums, o)
	if header == "" {
		return
	}
	b.WriteString("\n" + header + "\n")
	for _, l := range lines {
		b.WriteString("  " + l.Text + "\n")
	}
	for _, n := range notes {
		b.WriteString(n + "\n")
	}
}
