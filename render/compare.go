package render

import (
	"cmp"
	"fmt"
	"image/color"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"niah/results"
	"niah/stats"
	"niah/units"
)

// Entry is one model of one run, ready to be compared.
type Entry struct {
	Summary *stats.Summary
	Claimed int // claimed context, 0 unknown
	// Native is the context the server reported for the model (for Ollama
	// and llama.cpp, the GGUF's training length); 0 unknown.
	Native int
	// Info is what the run's manifest records of the model's server; nil
	// when there is no manifest.
	Info   *results.ModelInfo
	Source string // run directory or file it came from
}

// Entries flattens runs (each possibly holding several labels) into
// entries, renaming labels that collide by appending the run's directory
// name, then a number if that still collides. claims[i] are the claimed
// contexts of run i's labels (stats.ClaimsOf), which each entry keeps
// under its new label; manifests[i] gives the server's own context.
func Entries(runs [][]results.Record, manifests []*results.Manifest, claims []stats.Claims, sources []string) []Entry {
	var out []Entry
	for i, recs := range runs {
		var m *results.Manifest
		if i < len(manifests) {
			m = manifests[i]
		}
		var c stats.Claims
		if i < len(claims) {
			c = claims[i]
		}
		sums := stats.Summarize(recs)
		tasks := map[string]bool{}
		for _, s := range sums {
			tasks[s.Task] = true
		}
		for _, s := range sums {
			info := modelInfo(m, s.Label)
			out = append(out, Entry{Summary: s, Claimed: c[s.Label], Native: native(info), Info: info, Source: sources[i]})
			if len(tasks) > 1 { // a set's run (ruler): an entry per task, named by it
				s.Label += " · " + s.Task
			}
		}
	}
	count := map[string]int{}
	for _, e := range out {
		count[e.Summary.Label]++
	}
	seen := map[string]bool{}
	for i := range out {
		s := out[i].Summary
		if count[s.Label] > 1 {
			s.Label = fmt.Sprintf("%s (%s)", s.Label, runName(out[i].Source))
		}
		base := s.Label
		for n := 2; seen[s.Label]; n++ {
			s.Label = base + " #" + strconv.Itoa(n)
		}
		seen[s.Label] = true
	}
	return out
}

// modelInfo is the manifest's entry for label, nil when it has none.
func modelInfo(m *results.Manifest, label string) *results.ModelInfo {
	if m == nil {
		return nil
	}
	for i, mi := range m.Models {
		if mi.Label == label || mi.Spec == label {
			return &m.Models[i]
		}
	}
	return nil
}

// native is the context the server reported, 0 unknown.
func native(mi *results.ModelInfo) int {
	if mi == nil {
		return 0
	}
	return mi.ContextLength
}

func runName(path string) string {
	if filepath.Base(path) == results.ResultsFile {
		path = filepath.Dir(path)
	}
	return filepath.Base(filepath.Clean(path))
}

// entryOptions carries each entry's claim into render options.
func entryOptions(es []Entry, o Options) Options {
	o.Claims = stats.Claims{}
	for _, e := range es {
		o.Claims[e.Summary.Label] = e.Claimed
	}
	return o
}

// Diff matches two summaries cell by cell (same length and depth).
type Diff struct {
	A, B    *stats.Summary
	Lengths []int
	Depths  []float64
	// Delta[d][l] is B − A in accuracy points / 100, NaN where either
	// side has no valid trial there.
	Delta     [][]float64
	MeanDelta []float64 // per length, NaN when either is untested
	Notes     []string  // how the grids differ
}

// newDiff builds B − A over the union of both grids.
func newDiff(a, b *stats.Summary) *Diff {
	d := &Diff{A: a, B: b, Lengths: union(a.Lengths, b.Lengths), Depths: union(a.Depths, b.Depths)}
	ai, bi := cellIndex(a), cellIndex(b)
	d.Delta = make([][]float64, len(d.Depths))
	for r, dep := range d.Depths {
		d.Delta[r] = make([]float64, len(d.Lengths))
		for c, l := range d.Lengths {
			ca, cb := ai[cellKey{l, dep}], bi[cellKey{l, dep}]
			d.Delta[r][c] = math.NaN()
			if ca != nil && cb != nil && ca.Tested() && cb.Tested() {
				d.Delta[r][c] = cb.Mean - ca.Mean
			}
		}
	}
	la, lb := a.ByLength(), b.ByLength()
	for _, l := range d.Lengths {
		v := math.NaN()
		if x, y := la[l], lb[l]; x != nil && y != nil && x.Tested() && y.Tested() {
			v = y.Mean - x.Mean
		}
		d.MeanDelta = append(d.MeanDelta, v)
	}
	note := func(what string, only []string, who string) {
		if len(only) > 0 {
			d.Notes = append(d.Notes, fmt.Sprintf("grids differ: %s only in %s: %s", what, who, strings.Join(only, ", ")))
		}
	}
	note("lengths", missing(a.Lengths, b.Lengths, units.FormatLength), a.Label)
	note("lengths", missing(b.Lengths, a.Lengths, units.FormatLength), b.Label)
	note("depths", missing(a.Depths, b.Depths, formatDepth), a.Label)
	note("depths", missing(b.Depths, a.Depths, formatDepth), b.Label)
	return d
}

type cellKey struct {
	l int
	d float64
}

func cellIndex(s *stats.Summary) map[cellKey]*stats.Cell {
	m := map[cellKey]*stats.Cell{}
	for r := range s.Cells {
		for c := range s.Cells[r] {
			m[cellKey{s.Lengths[c], s.Depths[r]}] = &s.Cells[r][c]
		}
	}
	return m
}

func diffPanel(d *Diff) *panel {
	rows, cols := len(d.Depths), len(d.Lengths)
	p := &panel{
		title:    "difference: " + d.B.Label + " − " + d.A.Label,
		subtitle: "accuracy points, cells matched by length and depth; hatched: not comparable",
		color:    func(t float64) color.RGBA { return diffColor(2*t - 1) },
		barTicks: []float64{0, 0.25, 0.5, 0.75, 1}, barLabels: []string{"−100", "−50", "0", "+50", "+100"},
		barTitle: "B − A (points)", xTitle: "context length (tokens)", yTitle: "needle depth",
		markerX: math.NaN(), footer: d.Notes,
	}
	if d.A.Simulated || d.B.Simulated {
		p.alarm = "SIMULATION"
	}
	p.setGrid(d.Lengths, d.Depths)
	for r := range rows {
		for c := range cols {
			v := d.Delta[r][c]
			p.value[r][c] = (v + 1) / 2 // NaN stays NaN: hatched
			if !math.IsNaN(v) {
				p.label[r][c] = signedPoints(v)
			}
		}
	}
	for _, v := range d.MeanDelta {
		p.mean = append(p.mean, (v+1)/2)
		lbl := ""
		if !math.IsNaN(v) {
			lbl = signedPoints(v)
		}
		p.meanLabel = append(p.meanLabel, lbl)
	}
	return p
}

func signedPoints(v float64) string {
	n := int(math.Round(v * 100))
	switch {
	case n > 0:
		return "+" + strconv.Itoa(n)
	case n < 0:
		return "−" + strconv.Itoa(-n)
	}
	return "0"
}

func compareFigure(es []Entry, o Options) *figure {
	o = entryOptions(es, o)
	f := &figure{perRow: 3}
	if len(es) > 3 {
		f.perRow = 2
	}
	for _, e := range es {
		f.panels = append(f.panels, summaryPanel(e.Summary, o))
	}
	for _, d := range diffs(es, o) {
		f.panels = append(f.panels, diffPanel(d))
	}
	return f
}

// diffs are the differences a comparison draws: each entry against the
// baseline when one is named, else B − A for two entries.
func diffs(es []Entry, o Options) []*Diff {
	var out []*Diff
	for _, ij := range comparedPairs(es, o) {
		out = append(out, newDiff(es[ij[0]].Summary, es[ij[1]].Summary))
	}
	return out
}

// RenderCompare writes compare.png, compare.svg and compare.html (the
// entries' reports on one page) into dir, each atomically, and returns the
// paths written.
func RenderCompare(dir string, es []Entry, o Options) ([]string, error) {
	if len(es) == 0 {
		return nil, fmt.Errorf("%s: no records to compare", dir)
	}
	sums := make([]*stats.Summary, len(es))
	for i, e := range es {
		sums[i] = e.Summary
	}
	return writeOutputs(dir, []output{
		{ComparePNG, func(w io.Writer) error { return writeComparePNG(w, es, o) }},
		{CompareSVG, func(w io.Writer) error { return writeCompareSVG(w, es, o) }},
		{CompareCurvePNG, func(w io.Writer) error { return WriteCurvePNG(w, sums, entryOptions(es, o)) }},
		{CompareCurveSVG, func(w io.Writer) error { return WriteCurveSVG(w, sums, entryOptions(es, o)) }},
		{CompareHTML, func(w io.Writer) error { return writeCompareHTML(w, es, o) }},
	})
}

// writeCompareHTML is the entries' reports on one page, with the paired
// tests of the pairs compared.
func writeCompareHTML(w io.Writer, es []Entry, o Options) error {
	page, err := htmlPageOf(entrySummaries(es), entryOptions(es, o))
	if err != nil {
		return err
	}
	page.Paired = pairedViews(es, o)
	return reportTemplate.Execute(w, page)
}

// writeComparePNG draws every entry on the shared 0–100 scale, side by
// side, plus the B − A difference when there are exactly two.
func writeComparePNG(w io.Writer, es []Entry, o Options) error {
	return compareFigure(es, o).writePNG(w, o.DPI)
}

// writeCompareSVG is writeComparePNG as SVG.
func writeCompareSVG(w io.Writer, es []Entry, o Options) error {
	return compareFigure(es, o).writeSVG(w)
}

// WriteCompareTable prints one line per entry: effective length both
// ways, mean accuracy, the worst depth band and the invalid count; then,
// for each pair compared (two entries, or each against the baseline),
// the mean difference and the paired test trial by trial.
func WriteCompareTable(w io.Writer, es []Entry, o Options) error {
	o = entryOptions(es, o)
	var b strings.Builder
	width := len("label")
	for _, e := range es {
		width = max(width, len([]rune(e.Summary.Label)))
	}
	threshold, relative := o.Bars()
	withNative := slices.ContainsFunc(es, func(e Entry) bool { return e.Native > 0 })
	fmt.Fprintf(&b, "%-*s  %11s  %10s  %8s  %-22s  %s", width, "label", "RULER "+FormatPct(threshold),
		"NoLiMa "+FormatPct(relative), "accuracy", "worst depth band", "invalid/error")
	if withNative {
		b.WriteString("  server context")
	}
	b.WriteString("\n")
	for _, e := range es {
		s := e.Summary
		eff := o.Effective(s)
		acc := "—"
		if s.Overall.Tested() {
			acc = fmt.Sprintf("%.1f%%", s.Overall.Mean*100)
		}
		pad := width - len([]rune(s.Label))
		fmt.Fprintf(&b, "%s%s  %11s  %10s  %8s  %-22s  ", s.Label, strings.Repeat(" ", pad),
			effLen(eff, eff.RULER), effLen(eff, eff.NoLiMa), acc, worstBand(s))
		if bad := s.Overall.Invalid + s.Overall.Errors; withNative {
			fmt.Fprintf(&b, "%13d", bad)
		} else {
			fmt.Fprintf(&b, "%d", bad)
		}
		if withNative {
			nat := "—"
			if e.Native > 0 {
				nat = units.FormatLength(e.Native)
			}
			fmt.Fprintf(&b, "  %14s", nat)
		}
		b.WriteString("\n")
	}
	// Why each one fails, from its records alone.
	blank := "\n"
	for _, e := range es {
		if body := diagnosisBody(stats.Diagnose(e.Summary)); body != "" {
			b.WriteString(blank)
			blank = ""
			fmt.Fprintf(&b, "diagnosis of %s: %s\n", e.Summary.Label, body)
		}
	}
	views := pairedViews(es, o)
	for k, d := range diffs(es, o) {
		var sum float64
		var n int
		for _, row := range d.Delta {
			for _, v := range row {
				if !math.IsNaN(v) {
					sum += v
					n++
				}
			}
		}
		if n > 0 {
			fmt.Fprintf(&b, "\n%s − %s: %s points on average over %d matched cells\n",
				d.B.Label, d.A.Label, signedPoints(sum/float64(n)), n)
		} else {
			fmt.Fprintf(&b, "\n%s and %s share no cell with valid trials on both sides\n", d.B.Label, d.A.Label)
		}
		for _, note := range d.Notes {
			b.WriteString(note + "\n")
		}
		writePaired(&b, views[k:k+1])
	}
	writeGapLines(&b, entrySummaries(es))
	writeClaims(&b, entrySummaries(es), o)
	_, err := io.WriteString(w, b.String())
	return err
}

func effLen(e stats.Effective, n int) string {
	switch {
	case e.MaxTested == 0:
		return "untested"
	case n == 0:
		return "<" + units.FormatLength(e.MinTested)
	}
	return units.FormatLength(n)
}

// worstBand is the fifth of the depth range (0–20%, ..., 80–100%) with the
// lowest accuracy over every length's valid trials.
func worstBand(s *stats.Summary) string {
	var sum [5]float64
	var n [5]int
	for r, d := range s.Depths {
		band := min(int(d/20), 4)
		for c := range s.Cells[r] {
			for _, ri := range s.Cells[r][c].Records {
				if rec := &s.Records[ri]; rec.Valid() {
					sum[band] += rec.Score
					n[band]++
				}
			}
		}
	}
	worst, worstAcc := -1, 2.0
	for i := range sum {
		if n[i] > 0 && sum[i]/float64(n[i]) < worstAcc {
			worst, worstAcc = i, sum[i]/float64(n[i])
		}
	}
	if worst < 0 {
		return "—"
	}
	return fmt.Sprintf("%d–%d%% (%.1f%%)", worst*20, worst*20+20, worstAcc*100)
}

// union is the sorted set of values in a or b.
func union[T cmp.Ordered](a, b []T) []T {
	u := slices.Concat(a, b)
	slices.Sort(u)
	return slices.Compact(u)
}

// missing formats the values of have that other lacks.
func missing[T comparable](have, other []T, format func(T) string) []string {
	var out []string
	for _, x := range have {
		if !slices.Contains(other, x) {
			out = append(out, format(x))
		}
	}
	return out
}
