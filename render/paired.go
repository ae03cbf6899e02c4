package render

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"niah/results"
	"niah/stats"
	"niah/units"
)

// comparedPairs are the entries a comparison sets side by side, by
// index (A, B): each against the baseline when one is named, else the
// second against the first when there are two.
func comparedPairs(es []Entry, o Options) [][2]int {
	base := slices.IndexFunc(es, func(e Entry) bool { return o.Baseline != "" && e.Summary.Label == o.Baseline })
	if base < 0 {
		if len(es) == 2 {
			return [][2]int{{0, 1}}
		}
		return nil
	}
	var out [][2]int
	for i := range es {
		if i != base {
			out = append(out, [2]int{base, i})
		}
	}
	return out
}

// pairedView is one paired comparison in words: a title, the per-length
// table (none when no trial pairs) and the lines under it.
type pairedView struct {
	Pair   string // "B − A"
	Title  string
	Header []string
	Rows   [][]string
	Lines  []string
}

// pairedViews tests every compared pair trial by trial; with two or more
// comparisons against one baseline their p-values are Holm-adjusted.
func pairedViews(es []Entry, o Options) []pairedView {
	pairs := comparedPairs(es, o)
	ps := make([]*stats.Paired, len(pairs))
	for k, ij := range pairs {
		ps[k] = stats.Pair(es[ij[0]].Summary, es[ij[1]].Summary)
	}
	stats.AdjustHolm(ps)
	out := make([]pairedView, len(ps))
	for k, p := range ps {
		a, b := es[pairs[k][0]], es[pairs[k][1]]
		out[k] = pairedViewOf(p, a.Info, b.Info, len(ps), o.SettingsHint)
	}
	return out
}

func pairedViewOf(p *stats.Paired, ia, ib *results.ModelInfo, family int, hint func(kind string) string) pairedView {
	a, b := p.A.Label, p.B.Label
	pair := b + " − " + a
	if p.Overall.N() == 0 {
		line := fmt.Sprintf("%s and %s share no trial id: no paired test (their grids, seeds or tasks differ)", b, a)
		if p.Matched > 0 {
			line = fmt.Sprintf("%s and %s share %d trial ids, none graded on both sides: no paired test", b, a, p.Matched)
		}
		return pairedView{Pair: pair, Lines: []string{line}} // nothing graded on both sides: no word on sameness either
	}
	v := pairedView{
		Pair:  pair,
		Title: fmt.Sprintf("paired test, trial by trial on the same ids: B = %s, A = %s; a trial is right when every expected value is found (the record's correct)", b, a),
		Header: []string{"length", "pairs", "A right", "B right", "B − A", "95% interval", "only A", "only B",
			"McNemar p", "detectable"},
	}
	if family > 1 {
		v.Header[8] = "p (Holm)"
	}
	row := func(name string, t stats.PairedTest) []string {
		det := "none"
		if t.DetectOK {
			det = fmt.Sprintf("%.1f", t.Detectable*100)
		}
		return []string{name, strconv.Itoa(t.N()), pct1(t.AccA()), pct1(t.AccB()), points1(t.Diff),
			"[" + points1(t.Lo) + ", " + points1(t.Hi) + "]", strconv.Itoa(t.OnlyA), strconv.Itoa(t.OnlyB),
			formatP(t.PAdj), det}
	}
	for _, pl := range p.PerLength {
		v.Rows = append(v.Rows, row(units.FormatLength(pl.Length), pl.PairedTest))
	}
	v.Rows = append(v.Rows, row("all", p.Overall))
	v.Lines = append(v.Lines, pairedVerdict(p.Overall, a, b, family > 1),
		"B − A in accuracy points; interval: Newcombe's hybrid score interval for paired proportions; p: exact McNemar test, two-sided; "+
			"detectable: the smallest difference found with 80% power at a two-sided 5% level, given the pairs' discordance")
	if family > 1 {
		v.Lines = append(v.Lines, fmt.Sprintf("p-values are Holm-adjusted for the %d comparisons with %s (overall, and at each length)", family, a))
	}
	if p.Excluded > 0 {
		v.Lines = append(v.Lines, fmt.Sprintf("%d shared trials left out: not graded on both sides (invalid or error on one)", p.Excluded))
	}
	if p.OnlyA > 0 || p.OnlyB > 0 {
		v.Lines = append(v.Lines, fmt.Sprintf("unpaired: %d trials only in %s, %d only in %s", p.OnlyA, a, p.OnlyB, b))
	}
	v.Lines = append(v.Lines, samenessLines(p.Same, ia, ib, hint)...)
	return v
}

// pairedVerdict is the answer to "is B different from A?": a difference
// with its interval and p-value, or no detectable difference and what the
// run could have found.
func pairedVerdict(t stats.PairedTest, a, b string, adjusted bool) string {
	p := "p " + pEquals(t.PAdj)
	if adjusted {
		p += " (Holm-adjusted)"
	}
	est := fmt.Sprintf("%s points (B − A), 95%% interval [%s, %s], exact McNemar %s", points1(t.Diff), points1(t.Lo), points1(t.Hi), p)
	if t.Discordant() == 0 {
		est += ": no pair disagreed"
	} else {
		est += fmt.Sprintf(" on %d discordant %s (%d only %s right, %d only %s right)",
			t.Discordant(), plural(t.Discordant(), "pair", "pairs"), t.OnlyB, b, t.OnlyA, a)
	}
	if t.Significant() {
		return fmt.Sprintf("%s differs from %s: %s", b, a, est)
	}
	return fmt.Sprintf("no detectable difference between %s and %s: %s; %s", b, a, est, powerSentence(t))
}

// powerSentence says how large a difference the pairs could have found
// and how many trials per cell a 5-point difference needs: the sentence
// that goes with every "no detectable difference".
func powerSentence(t stats.PairedTest) string {
	disc := "given that no pair disagreed"
	if t.Discordant() > 0 {
		disc = "given that " + pct1(float64(t.Discordant())/float64(t.N())) + " of pairs disagreed"
	}
	var s string
	if t.DetectOK {
		s = fmt.Sprintf("this run could have detected a difference of %.1f points (80%% power, two-sided 5%%, %s)", t.Detectable*100, disc)
	} else {
		s = fmt.Sprintf("with %d %s this run could not have detected a difference of any size (the exact test needs %d discordant pairs, all one way)",
			t.N(), plural(t.N(), "pair", "pairs"), stats.MinDecisive)
	}
	if t.NeededPerCell > 0 {
		return s + fmt.Sprintf("; a 5-point difference needs %d trials per cell over these %d cells (now %d)", t.NeededPerCell, t.Cells, t.PerCell())
	}
	return s + "; a 5-point difference is out of reach (over a million pairs)"
}

// pct1 is a fraction as a percentage with one decimal: "87.5%".
func pct1(f float64) string { return fmt.Sprintf("%.1f%%", f*100) }

// points1 is a signed difference in points with one decimal: "+12.5",
// "−3.0", "0.0".
func points1(v float64) string {
	s := fmt.Sprintf("%.1f", math.Abs(v)*100)
	switch {
	case s == "0.0":
		return s
	case v > 0:
		return "+" + s
	}
	return "−" + s
}

// formatP writes a p-value with three decimals, "1" and "<0.001" at the ends.
func formatP(p float64) string {
	switch {
	case p >= 0.9995:
		return "1"
	case p < 0.001:
		return "<0.001"
	}
	return fmt.Sprintf("%.3f", p)
}

// pEquals is "= 0.052", "= 1" or "< 0.001".
func pEquals(p float64) string {
	if f := formatP(p); f != "<0.001" {
		return "= " + f
	}
	return "< 0.001"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// writePaired writes the paired views as text: the table in aligned
// columns, then its lines.
func writePaired(b *strings.Builder, views []pairedView) {
	for _, v := range views {
		b.WriteString("\n")
		if v.Title != "" {
			b.WriteString(v.Title + "\n")
		}
		if len(v.Rows) > 0 {
			widths := make([]int, len(v.Header))
			for c, h := range v.Header {
				widths[c] = len([]rune(h))
				for _, r := range v.Rows {
					widths[c] = max(widths[c], len([]rune(r[c])))
				}
			}
			line := func(cells []string) {
				var parts []string
				for c, s := range cells {
					pad := strings.Repeat(" ", widths[c]-len([]rune(s)))
					if c == 5 { // the interval reads best left-aligned
						parts = append(parts, s+pad)
					} else {
						parts = append(parts, pad+s)
					}
				}
				b.WriteString(strings.TrimRight("  "+strings.Join(parts, "  "), " ") + "\n")
			}
			line(v.Header)
			for _, r := range v.Rows {
				line(r)
			}
		}
		for _, l := range v.Lines {
			b.WriteString(l + "\n")
		}
	}
}
