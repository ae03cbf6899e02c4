package render

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"niah/stats"
	"niah/units"
)

// RULER's table as a run of --task ruler prints it: tasks down, lengths
// across, scores ×100 with one decimal as RULER's README gives them, the
// mean per length, which means pass the bar (RULER underlines them), the
// effective length read from the mean, and wAvg (inc) and (dec).

// rulerTables are the RULER tables of sums, under the criteria's bar.
func rulerTables(sums []*stats.Summary, o Options) []stats.RulerTable {
	bar, _ := o.Criteria.Bars()
	return stats.RulerTables(sums, bar)
}

// inRulerTable reports whether s is a row of one of tables.
func inRulerTable(s *stats.Summary, tables []stats.RulerTable) bool {
	for _, t := range tables {
		if t.Label == s.Label && slices.Contains(t.Tasks, s.Task) {
			return true
		}
	}
	return false
}

// rulerScore is a score as the table shows it.
func rulerScore(f float64) string {
	if math.IsNaN(f) {
		return "—"
	}
	return strconv.FormatFloat(f*100, 'f', 1, 64)
}

// passes reports whether a score reaches the bar (RULER: ≥ 85.6).
func passes(f, bar float64) bool { return !math.IsNaN(f) && f+1e-9 >= bar }

func rulerSubtitle(t stats.RulerTable) string {
	parts := []string{"RULER", fmt.Sprintf("%d tasks", len(t.Tasks)), fmt.Sprintf("%d trials per task and length", t.Trials)}
	return strings.Join(runFacts(parts, t.Counts, t.Model, t.Label, t.Date, t.Simulated), " · ")
}

// rulerLines are the lines under a RULER table: the effective length, the
// weighted averages, and the lengths some task could not be graded at.
func rulerLines(t stats.RulerTable, claimed int) []string {
	bar := rulerScore(t.Bar)
	var out []string
	switch {
	case !t.Tested:
		out = append(out, "no length has a RULER mean: some task has no graded trial at every length")
	case t.Eff == 0:
		out = append(out, fmt.Sprintf("effective length below %s: the mean over the %d tasks does not reach %s at the shortest length (RULER)",
			units.FormatLength(t.Lengths[0]), len(t.Tasks), bar))
	default:
		e := "effective length " + units.FormatLength(t.Eff)
		if claimed > 0 {
			e += " of a claimed " + units.FormatLength(claimed)
		}
		out = append(out, e+fmt.Sprintf(": the mean over the %d tasks reaches %s at every length up to it (RULER)", len(t.Tasks), bar))
	}
	if t.Complete {
		out = append(out, fmt.Sprintf("wAvg (inc) %s, wAvg (dec) %s (weights rising or falling with length, as the RULER paper ranks models)",
			rulerScore(t.WAvgInc), rulerScore(t.WAvgDec)))
	} else if t.Tested {
		out = append(out, "wAvg (inc), wAvg (dec): — (they weigh every length, and some length has no mean)")
	}
	var missing []string
	for i, l := range t.Lengths {
		if math.IsNaN(t.Mean[i]) {
			missing = append(missing, units.FormatLength(l))
		}
	}
	if len(missing) > 0 {
		out = append(out, fmt.Sprintf("no mean at %s: a task there has no graded trial (invalid or error: %s), untested, not failed",
			strings.Join(missing, ", "), FormatReasons(t.Reasons)))
	}
	return out
}

// writeRulerText writes one model's RULER table for a terminal.
func writeRulerText(b *strings.Builder, t stats.RulerTable, claimed int) {
	fmt.Fprintf(b, "== %s · %s ==\n", t.Label, rulerSubtitle(t))
	if t.Simulated {
		b.WriteString("SIMULATION: these results come from the built-in reference model, not a real server\n")
	}
	tw := len("niah_multikey_1")
	cw := 6
	for _, l := range t.Lengths {
		cw = max(cw, len(units.FormatLength(l))+1)
	}
	row := func(name string, cells []string) {
		line := fmt.Sprintf("  %-*s", tw, name)
		for _, c := range cells {
			line += fmt.Sprintf(" %*s", cw, c)
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	var head []string
	for _, l := range t.Lengths {
		head = append(head, units.FormatLength(l))
	}
	b.WriteString("\n")
	row("task", head)
	for i, task := range t.Tasks {
		var cells []string
		for _, f := range t.Score[i] {
			cells = append(cells, rulerScore(f))
		}
		row(task, cells)
	}
	var mean, pass []string
	for _, f := range t.Mean {
		mean = append(mean, rulerScore(f))
		switch {
		case math.IsNaN(f):
			pass = append(pass, "—")
		case passes(f, t.Bar):
			pass = append(pass, "yes")
		default:
			pass = append(pass, "no")
		}
	}
	row("mean", mean)
	row("≥ "+rulerScore(t.Bar), pass)
	b.WriteString("\n")
	for _, l := range rulerLines(t, claimed) {
		b.WriteString(l + "\n")
	}
}

// htmlRuler is a RULER table as the page shows it.
type htmlRuler struct {
	Label     string
	Subtitle  string
	Simulated bool
	Bar       string
	Lengths   []string
	Rows      []htmlRulerRow
	Mean      []htmlRulerCell
	Lines     []string
}

type htmlRulerRow struct {
	Task  string
	Cells []htmlRulerCell
}

type htmlRulerCell struct {
	Text string
	Pass bool
}

func htmlRulers(tables []stats.RulerTable, o Options) []htmlRuler {
	var out []htmlRuler
	for _, t := range tables {
		h := htmlRuler{Label: t.Label, Subtitle: rulerSubtitle(t), Simulated: t.Simulated, Bar: rulerScore(t.Bar),
			Lines: rulerLines(t, o.Criteria.Claims[t.Label])}
		for _, l := range t.Lengths {
			h.Lengths = append(h.Lengths, units.FormatLength(l))
		}
		cells := func(fs []float64) []htmlRulerCell {
			var cs []htmlRulerCell
			for _, f := range fs {
				cs = append(cs, htmlRulerCell{Text: rulerScore(f), Pass: passes(f, t.Bar)})
			}
			return cs
		}
		for i, task := range t.Tasks {
			h.Rows = append(h.Rows, htmlRulerRow{Task: task, Cells: cells(t.Score[i])})
		}
		h.Mean = cells(t.Mean)
		out = append(out, h)
	}
	return out
}
