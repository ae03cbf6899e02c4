package render

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"niah/claims"
	"niah/results"
	"niah/stats"
	"niah/units"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Options steer every rendering of a run: how effective length is judged
// (thresholds and claims), the manifest the HTML page carries, and the PNG
// resolution.
type Options struct {
	stats.Criteria
	Manifest *results.Manifest // shown on the HTML page; nil: none
	DPI      int               // PNG resolution; 0: 150
	// PageNotes are lines at the top of the HTML page (a suite's settings
	// that differ between variants).
	PageNotes []string
	// Baseline is the label every other entry of a comparison is
	// differenced against; "" differences B − A when there are two.
	Baseline string
	// Published are claims (--claims, a suite's claims:) held against
	// the runs of their labels, a line each, and marked on the accuracy
	// chart.
	Published []claims.Claim
	// SettingsHint says where a kind of server shows the settings it
	// applied (server knowledge, from provider); nil: a general line.
	SettingsHint func(kind string) string
}

// summaryPanel turns a summary into a drawable accuracy heatmap.
func summaryPanel(s *stats.Summary, o Options) *panel {
	rows, cols := len(s.Depths), len(s.Lengths)
	p := &panel{
		title:    s.Label,
		subtitle: subtitle(s),
		color:    accuracyColor,
		barTicks: []float64{0, 0.2, 0.4, 0.6, 0.8, 1}, barLabels: []string{"0", "20", "40", "60", "80", "100"},
		barTitle: "accuracy (%)", xTitle: "context length (tokens)", yTitle: "needle depth",
	}
	if s.Simulated {
		p.alarm = "SIMULATION"
	}
	p.setGrid(s.Lengths, s.Depths)
	if s.Depthless {
		p.yLabels, p.yTitle = []string{depthlessRow}, "no depth"
	}
	for r := range rows {
		for c := range cols {
			p.setCell(r, c, &s.Cells[r][c])
		}
	}
	for _, ls := range s.PerLength {
		if !ls.Tested() {
			p.mean = append(p.mean, math.NaN())
			p.meanLabel = append(p.meanLabel, "")
			continue
		}
		p.mean = append(p.mean, ls.Mean)
		p.meanLabel = append(p.meanLabel, percent(ls.Mean))
	}
	v := o.Verdict(s)
	p.markerX, p.markerTxt = claimMarker(s.Lengths, v.Claimed)
	p.footer = append([]string{verdictText(v)}, effectiveNotes(v.Effective)...)
	return p
}

// claimMarker places the claimed context on the column boundary after the
// last tested length within the claim. NaN when the claim is unknown (0)
// or lies beyond the grid: the verdict line says so instead.
func claimMarker(lengths []int, claimed int) (float64, string) {
	if claimed <= 0 || len(lengths) == 0 || claimed > lengths[len(lengths)-1] {
		return math.NaN(), ""
	}
	i := -1
	for i+1 < len(lengths) && lengths[i+1] <= claimed {
		i++
	}
	return float64(i) + 0.5, "claimed " + units.FormatLength(claimed)
}

// percent is an accuracy as the cells show it: whole points, rounded.
func percent(mean float64) string { return strconv.Itoa(int(math.Round(mean * 100))) }

func subtitle(s *stats.Summary) string {
	parts := []string{}
	if s.Task != "" {
		parts = append(parts, "task "+s.Task)
	}
	parts = append(parts, fmt.Sprintf("%d trials per cell", s.TrialsPerCell))
	parts = runFacts(parts, s.LengthCounts, s.Model, s.Label, s.Date, s.Simulated)
	return strings.Join(parts, " · ")
}

// runFacts adds what a title says of every run after its task and
// trials: what a length counts, the model when its label hides it, the
// date, and that the simulation is not a real server.
func runFacts(parts []string, counts, model, label, date string, simulated bool) []string {
	if counts != "" {
		parts = append(parts, "lengths: "+results.CountsWords(counts))
	}
	if model != "" && model != label {
		parts = append(parts, model)
	}
	if date != "" {
		parts = append(parts, date)
	}
	if simulated {
		parts = append(parts, "built-in reference model, not a real server")
	}
	return parts
}

// depthlessRow labels the one row of a task without depth (cwe, fwe).
const depthlessRow = "—"

// rowLabel is a heatmap row's label: its depth, or the depthless row's.
func rowLabel(s *stats.Summary, d float64) string {
	if s.Depthless {
		return depthlessRow
	}
	return formatDepth(d)
}

func formatDepth(d float64) string {
	if d == math.Trunc(d) {
		return strconv.Itoa(int(d)) + "%"
	}
	return strconv.FormatFloat(d, 'f', 1, 64) + "%"
}

// figure lays panels out in rows of at most perRow, each slot as large as
// the largest panel, panels centred in their slots.
type figure struct {
	panels []*panel
	perRow int
}

// size is the figure's size and its slots'. Panels side by side keep their
// grids level: if one has a claimed-context marker, all reserve its room.
func (f *figure) size() (w, h, slotW, slotH vg.Length) {
	marker := false
	for _, p := range f.panels {
		marker = marker || p.markerTxt != ""
	}
	for _, p := range f.panels {
		p.alignTop = marker
	}
	for _, p := range f.panels {
		g := p.geometry()
		slotW, slotH = max(slotW, g.w), max(slotH, g.h)
	}
	n := len(f.panels)
	cols := min(n, max(f.perRow, 1))
	rows := (n + cols - 1) / cols
	return slotW * vg.Length(cols), slotH * vg.Length(rows), slotW, slotH
}

func (f *figure) draw(c draw.Canvas) {
	_, _, slotW, slotH := f.size()
	c.FillPolygon(hex(0xFFFFFF), rect(c.Min.X, c.Min.Y, c.Max.X, c.Max.Y))
	cols := min(len(f.panels), max(f.perRow, 1))
	for i, p := range f.panels {
		g := p.geometry()
		x := c.Min.X + slotW*vg.Length(i%cols) + (slotW-g.w)/2
		y := c.Max.Y - slotH*vg.Length(i/cols+1) + (slotH - g.h)
		p.draw(draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + g.w, Y: y + g.h}}})
	}
}

var errNoPanels = errors.New("no records to draw")

func (f *figure) writePNG(w io.Writer, dpi int) error {
	if len(f.panels) == 0 {
		return errNoPanels
	}
	if dpi <= 0 {
		dpi = 150
	}
	width, height, _, _ := f.size()
	img := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi))
	f.draw(draw.New(img))
	_, err := vgimg.PngCanvas{Canvas: img}.WriteTo(w)
	return err
}

func (f *figure) writeSVG(w io.Writer) error {
	if len(f.panels) == 0 {
		return errNoPanels
	}
	width, height, _, _ := f.size()
	svg := vgsvg.NewWith(vgsvg.UseWH(width, height), vgsvg.EmbedFonts(true))
	f.draw(draw.New(svg))
	_, err := svg.WriteTo(w)
	return err
}

func summaryFigure(sums []*stats.Summary, o Options) *figure {
	f := &figure{perRow: 2}
	for _, s := range sums {
		f.panels = append(f.panels, summaryPanel(s, o))
	}
	return f
}

// WriteHeatmapPNG draws one heatmap per summary (small multiples on one
// fixed 0–100 scale when there are several) as a PNG.
func WriteHeatmapPNG(w io.Writer, sums []*stats.Summary, o Options) error {
	return summaryFigure(sums, o).writePNG(w, o.DPI)
}

// WriteHeatmapSVG is WriteHeatmapPNG as SVG, fonts embedded.
func WriteHeatmapSVG(w io.Writer, sums []*stats.Summary, o Options) error {
	return summaryFigure(sums, o).writeSVG(w)
}

// setGrid labels the axes (lengths across, depths down) and allocates
// the per-cell grids.
func (p *panel) setGrid(lengths []int, depths []float64) {
	rows, cols := len(depths), len(lengths)
	for _, l := range lengths {
		p.xLabels = append(p.xLabels, units.FormatLength(l))
	}
	p.edges = columnEdges(lengths)
	for _, d := range depths {
		p.yLabels = append(p.yLabels, formatDepth(d))
	}
	p.value, p.label = make([][]float64, rows), make([][]string, rows)
	p.partial, p.notRun = make([][]bool, rows), make([][]bool, rows)
	for r := range rows {
		p.value[r], p.label[r] = make([]float64, cols), make([]string, cols)
		p.partial[r], p.notRun[r] = make([]bool, cols), make([]bool, cols)
	}
}

// setCell fills cell (r, c) of an accuracy panel from a statistics cell:
// not run, partly invalid, untested (NaN, drawn as such) or its mean.
func (p *panel) setCell(r, c int, cell *stats.Cell) {
	p.notRun[r][c] = cell.Trials == 0
	p.partial[r][c] = cell.Valid > 0 && cell.Valid < cell.Trials
	if !cell.Tested() {
		p.value[r][c] = math.NaN()
		return
	}
	p.value[r][c] = cell.Mean
	p.label[r][c] = percent(cell.Mean)
}
