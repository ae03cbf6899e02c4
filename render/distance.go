package render

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"maps"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"niah/stats"
	"niah/units"
)

// File names of the distance view: the heatmap of distance bins by length
// and the accuracy-by-distance chart. Written only for records that carry
// distance_tokens.
const (
	DistancePNG      = "distance.png"
	DistanceSVG      = "distance.svg"
	DistanceCurvePNG = "distance-accuracy.png"
	DistanceCurveSVG = "distance-accuracy.svg"
)

// binLabel writes a distance bin as the axes show it: "0-128", "1K-2K".
func binLabel(b stats.DistanceBin) string {
	return units.FormatLength(b.Lo) + "-" + units.FormatLength(b.Hi)
}

// writeDistanceText writes the distance table under the depth table: one
// row per distance bin, the same cells as the depth grid.
func writeDistanceText(b *strings.Builder, v *stats.DistanceView, hw int, mode ColorMode) {
	labels := make([]string, len(v.Bins))
	lw := len("distance")
	for i, bin := range v.Bins {
		labels[i] = binLabel(bin)
		lw = max(lw, len(labels[i]))
	}
	fmt.Fprintf(b, "\n  %*s ", lw, "distance")
	for _, l := range v.Lengths {
		fmt.Fprintf(b, " %*s", hw, units.FormatLength(l))
	}
	b.WriteString("   (tokens from the needle to the question)\n")
	for r := range v.Bins {
		fmt.Fprintf(b, "  %*s ", lw, labels[r])
		for c := range v.Lengths {
			b.WriteString(strings.Repeat(" ", 1+hw-4))
			b.WriteString(termCell(&v.Cells[r][c], mode))
		}
		b.WriteString("\n")
	}
}

// distancePanel draws a summary's distance view as a heatmap: distance
// bins down (nearest the question at the top), lengths across.
func distancePanel(s *stats.Summary, v *stats.DistanceView) *panel {
	p := &panel{
		title:    s.Label,
		subtitle: subtitle(s),
		color:    accuracyColor,
		barTicks: []float64{0, 0.2, 0.4, 0.6, 0.8, 1}, barLabels: []string{"0", "20", "40", "60", "80", "100"},
		barTitle: "accuracy (%)", xTitle: "context length (tokens)", yTitle: "needle distance to the question (tokens)",
		markerX: math.NaN(),
	}
	if s.Simulated {
		p.alarm = "SIMULATION"
	}
	bins := make([]float64, len(v.Bins))
	p.setGrid(v.Lengths, bins)
	for r, b := range v.Bins {
		p.yLabels[r] = binLabel(b)
		for c := range v.Lengths {
			p.setCell(r, c, &v.Cells[r][c])
		}
	}
	p.footer = []string{"a sliding window or a context shift is an edge across this view, at the same distance at every length"}
	if n := DiagnosisText(stats.Diagnose(s)); n != "" {
		p.footer = append(p.footer, n)
	}
	return p
}

// distanceFigure is one distance heatmap per summary that has distances;
// nil when none has.
func distanceFigure(sums []*stats.Summary) *figure {
	f := &figure{perRow: 2}
	for _, s := range sums {
		if v := stats.DistancesOf(s); v != nil {
			f.panels = append(f.panels, distancePanel(s, v))
		}
	}
	if len(f.panels) == 0 {
		return nil
	}
	return f
}

// HasDistances reports whether any summary's records carry distances.
func HasDistances(sums []*stats.Summary) bool {
	return slices.ContainsFunc(sums, func(s *stats.Summary) bool { return stats.DistancesOf(s) != nil })
}

// distanceSeries are the chart's lines: one per length for a single run
// (a distance limit draws them on top of each other), one per summary
// (every length together) when several are compared.
func distanceSeries(sums []*stats.Summary) []curveLine {
	var out []curveLine
	for _, s := range sums {
		v := stats.DistancesOf(s)
		if v == nil {
			continue
		}
		if len(sums) == 1 {
			for c, l := range v.Lengths {
				line := curveLine{label: units.FormatLength(l)}
				for r, b := range v.Bins {
					if t := v.Cells[r][c].Tally; t.Tested() {
						line.points = append(line.points, binPoint{b, t})
					}
				}
				out = append(out, line)
			}
			continue
		}
		line := curveLine{label: s.Label}
		for r, b := range v.Bins {
			if t := v.PerBin[r]; t.Tested() {
				line.points = append(line.points, binPoint{b, t})
			}
		}
		out = append(out, line)
	}
	return out
}

type curveLine struct {
	label  string
	points []binPoint
}

type binPoint struct {
	bin stats.DistanceBin
	stats.Tally
}

// x is where a bin sits on the log distance axis: its geometric centre
// (the first bin, from 0, at half its upper edge).
func (p binPoint) x() float64 {
	if p.bin.Lo == 0 {
		return float64(p.bin.Hi) / 2
	}
	return math.Sqrt(float64(p.bin.Lo) * float64(p.bin.Hi))
}

// distancePlot draws accuracy against distance on a log axis, with the
// threshold across.
func distancePlot(sums []*stats.Summary, o Options) (*plot.Plot, error) {
	lines := distanceSeries(sums)
	var xs []float64
	edges := map[int]bool{}
	for _, l := range lines {
		for _, pt := range l.points {
			xs = append(xs, pt.x())
			if pt.bin.Lo > 0 {
				edges[pt.bin.Lo] = true
			}
			edges[pt.bin.Hi] = true
		}
	}
	if len(xs) == 0 {
		return nil, errNoPanels
	}
	slices.Sort(xs)
	p := plot.New()
	p.Title.Text = "retrieval accuracy by needle distance"
	if slices.ContainsFunc(sums, func(s *stats.Summary) bool { return s.Simulated }) {
		p.Title.Text += " (SIMULATION)"
	}
	p.X.Label.Text = "tokens from the needle to the question (log scale)"
	p.Y.Label.Text = "accuracy (%), 95% band"
	p.X.Scale = plot.LogScale{}
	p.X.Min, p.X.Max = xs[0]/1.5, xs[len(xs)-1]*1.5
	// Ticks at the bins' edges, where the heatmap's rows meet.
	var ticks []plot.Tick
	for _, e := range slices.Sorted(maps.Keys(edges)) {
		if v := float64(e); v >= p.X.Min && v <= p.X.Max {
			ticks = append(ticks, plot.Tick{Value: v, Label: units.FormatLength(e)})
		}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.Legend.Top, p.Legend.Left = true, true
	p.Y.Min, p.Y.Max = 0, 105
	p.Y.Tick.Marker = plot.ConstantTicks([]plot.Tick{{Value: 0, Label: "0"}, {Value: 25, Label: "25"},
		{Value: 50, Label: "50"}, {Value: 75, Label: "75"}, {Value: 100, Label: "100"}})
	p.Legend.TextStyle.Font.Size = font.Length(9)
	p.Add(plotter.NewGrid())
	threshold, _ := o.Bars()
	thr, err := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: threshold * 100}, {X: p.X.Max, Y: threshold * 100}})
	if err != nil {
		return nil, err
	}
	thr.Color, thr.Width, thr.Dashes = hex(0x555555), vg.Points(1), []vg.Length{vg.Points(6), vg.Points(3)}
	p.Add(thr)
	p.Legend.Add(fmt.Sprintf("threshold %s (RULER)", FormatPct(threshold)), thr)
	for i, l := range lines {
		s := curveSeries{label: l.label}
		for _, pt := range l.points {
			s.points = append(s.points, stats.LengthStat{Length: int(math.Round(pt.x())), Tally: pt.Tally})
		}
		if err := addSeries(p, s, curveColors[i%len(curveColors)]); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// WriteDistancePNG draws the distance heatmaps as a PNG.
func WriteDistancePNG(w io.Writer, sums []*stats.Summary, o Options) error {
	f := distanceFigure(sums)
	if f == nil {
		return errNoPanels
	}
	return f.writePNG(w, o.DPI)
}

// WriteDistanceSVG is WriteDistancePNG as SVG.
func WriteDistanceSVG(w io.Writer, sums []*stats.Summary, o Options) error {
	f := distanceFigure(sums)
	if f == nil {
		return errNoPanels
	}
	return f.writeSVG(w)
}

// WriteDistanceCurvePNG draws accuracy by distance as a PNG.
func WriteDistanceCurvePNG(w io.Writer, sums []*stats.Summary, o Options) error {
	p, err := distancePlot(sums, o)
	if err != nil {
		return err
	}
	return writeChartPNG(w, p, sums, o.DPI)
}

// WriteDistanceCurveSVG is WriteDistanceCurvePNG as SVG.
func WriteDistanceCurveSVG(w io.Writer, sums []*stats.Summary, o Options) error {
	p, err := distancePlot(sums, o)
	if err != nil {
		return err
	}
	return writeChartSVG(w, p, sums)
}

// distanceDataURLs are the two distance images as SVG data URLs for the
// HTML page; empty when the records carry no distance.
func distanceDataURLs(sums []*stats.Summary, o Options) (heat, curve template.URL) {
	if !HasDistances(sums) {
		return "", ""
	}
	url := func(write func(io.Writer, []*stats.Summary, Options) error) template.URL {
		var buf bytes.Buffer
		if err := write(&buf, sums, o); err != nil {
			return ""
		}
		return template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()))
	}
	return url(WriteDistanceSVG), url(WriteDistanceCurveSVG)
}
