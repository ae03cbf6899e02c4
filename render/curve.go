package render

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"image/color"
	"io"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"niah/stats"
	"niah/units"
)

// File names of the accuracy-versus-length chart, for a run and for a
// comparison.
const (
	CurvePNG        = "accuracy.png"
	CurveSVG        = "accuracy.svg"
	CompareCurvePNG = "compare-accuracy.png"
	CompareCurveSVG = "compare-accuracy.svg"
)

// curveColors tell the lines apart (Okabe–Ito, readable by the colour-blind).
var curveColors = []color.RGBA{
	hex(0x0072B2), hex(0xD55E00), hex(0x009E73), hex(0xCC79A7),
	hex(0xE69F00), hex(0x56B4E9), hex(0x000000), hex(0xF0E442),
}

// curveSeries is one line of the chart: a label's accuracy per tested
// length with its Wilson 95% band, and its claimed context.
type curveSeries struct {
	label   string
	claimed int
	points  []stats.LengthStat // tested lengths only
	marks   []claimMark        // published claims of its label (--claims)
}

func seriesOf(sums []*stats.Summary, o Options) []curveSeries {
	var out []curveSeries
	marks := publishedMarks(sums, o)
	for i, s := range sums {
		cs := curveSeries{label: s.Label, claimed: o.Claims[s.Label], marks: marks[i]}
		for _, ls := range s.PerLength {
			if ls.Tested() {
				cs.points = append(cs.points, ls)
			}
		}
		out = append(out, cs)
	}
	return out
}

// log2Ticks puts one labelled tick at each tested length: lengths are
// read on a log axis, but a grid of 3K, 5K, 12K is labelled as tested,
// not at the powers of two it misses.
type log2Ticks struct{ at []int }

func (t log2Ticks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for _, l := range t.at {
		if v := float64(l); v >= lo*0.999 && v <= hi*1.001 {
			out = append(out, plot.Tick{Value: v, Label: units.FormatLength(l)})
		}
	}
	return out
}

// curvePlot draws accuracy (0–100%) against length on a log axis: one
// line per label with its 95% band, the threshold across, and each
// claimed length as a dashed vertical in the line's colour.
func curvePlot(sums []*stats.Summary, o Options) (*plot.Plot, error) {
	series := seriesOf(sums, o)
	var lengths []int
	for _, s := range sums {
		lengths = append(lengths, s.Lengths...)
	}
	slices.Sort(lengths)
	lengths = slices.Compact(lengths)
	if len(lengths) == 0 {
		return nil, errNoPanels
	}
	p := curveAxes(lengths, series)
	threshold, _ := o.Bars()
	thr, err := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: threshold * 100}, {X: p.X.Max, Y: threshold * 100}})
	if err != nil {
		return nil, err
	}
	thr.Color, thr.Width, thr.Dashes = hex(0x555555), vg.Points(1), []vg.Length{vg.Points(6), vg.Points(3)}
	p.Add(thr)
	p.Legend.Add(fmt.Sprintf("threshold %s (RULER)", FormatPct(threshold)), thr)
	for i, s := range series {
		col := curveColors[i%len(curveColors)]
		if err := addSeries(p, s, col); err != nil {
			return nil, err
		}
		if err := addClaimed(p, s, col); err != nil {
			return nil, err
		}
		if err := addPublished(p, s.label, i, s.marks, col); err != nil {
			return nil, err
		}
	}
	if slices.ContainsFunc(sums, func(s *stats.Summary) bool { return s.Simulated }) {
		p.Title.Text += " (SIMULATION)"
	}
	return p, nil
}

// curveAxes is the empty chart: titles, a log length axis over the tested
// lengths (ticked at each), and 0–105% up.
func curveAxes(lengths []int, series []curveSeries) *plot.Plot {
	p := plot.New()
	p.Title.Text = "retrieval accuracy by context length"
	p.X.Label.Text = "context length (tokens, log scale)"
	p.Y.Label.Text = "accuracy (%), 95% band"
	p.X.Scale = plot.LogScale{}
	p.X.Min, p.X.Max = float64(lengths[0])/1.15, float64(lengths[len(lengths)-1])*1.15
	p.Y.Min, p.Y.Max = 0, 105
	p.Y.Tick.Marker = plot.ConstantTicks([]plot.Tick{{Value: 0, Label: "0"}, {Value: 25, Label: "25"},
		{Value: 50, Label: "50"}, {Value: 75, Label: "75"}, {Value: 100, Label: "100"}})
	p.Legend.Top = true
	p.Legend.Left = true
	p.Legend.TextStyle.Font.Size = font.Length(9)
	p.Add(plotter.NewGrid())

	// Claimed lengths beyond the axis widen it up to 4×; further ones
	// would squash the tested lengths, so the legend names them instead.
	// Published claims (--claims) widen it the same way, and down to a
	// quarter of the shortest tested length.
	ticks := slices.Clone(lengths)
	widen := func(x int, floor float64) {
		if x > 0 && float64(x) <= float64(lengths[len(lengths)-1])*4 && float64(x) >= floor {
			p.X.Min = min(p.X.Min, float64(x)/1.15)
			p.X.Max = max(p.X.Max, float64(x)*1.15)
			if !slices.Contains(ticks, x) {
				ticks = append(ticks, x)
			}
		}
	}
	for _, s := range series {
		widen(s.claimed, 0)
		for _, m := range s.marks {
			widen(m.x, float64(lengths[0])/4)
		}
	}
	slices.Sort(ticks)
	p.X.Tick.Marker = log2Ticks{at: ticks}
	return p
}

// addSeries draws one label's accuracy line over its 95% band.
func addSeries(p *plot.Plot, s curveSeries, col color.RGBA) error {
	if len(s.points) == 0 {
		p.Legend.Add(s.label+" (no valid trial)", emptyThumb{})
		return nil
	}
	band := make(plotter.XYs, 0, 2*len(s.points))
	line := make(plotter.XYs, 0, len(s.points))
	for _, ls := range s.points {
		band = append(band, plotter.XY{X: float64(ls.Length), Y: ls.Lo * 100})
		line = append(line, plotter.XY{X: float64(ls.Length), Y: ls.Mean * 100})
	}
	for j := len(s.points) - 1; j >= 0; j-- {
		band = append(band, plotter.XY{X: float64(s.points[j].Length), Y: s.points[j].Hi * 100})
	}
	poly, err := plotter.NewPolygon(band)
	if err != nil {
		return err
	}
	poly.Color = color.NRGBA{R: col.R, G: col.G, B: col.B, A: 46}
	poly.LineStyle.Width = 0
	p.Add(poly)
	l, pts, err := plotter.NewLinePoints(line)
	if err != nil {
		return err
	}
	l.Color, l.Width = col, vg.Points(2)
	pts.Color, pts.Shape, pts.Radius = col, draw.CircleGlyph{}, vg.Points(3)
	p.Add(l, pts)
	p.Legend.Add(s.label, l, pts)
	return nil
}

// addClaimed marks a label's claimed length as a dashed vertical in its
// colour, or names it in the legend when it lies beyond the chart.
func addClaimed(p *plot.Plot, s curveSeries, col color.RGBA) error {
	if s.claimed <= 0 {
		return nil
	}
	name := "claimed " + units.FormatLength(s.claimed)
	if float64(s.claimed) > p.X.Max {
		p.Legend.Add(s.label+": "+name+", beyond the chart", emptyThumb{})
		return nil
	}
	c, err := plotter.NewLine(plotter.XYs{{X: float64(s.claimed), Y: 0}, {X: float64(s.claimed), Y: 100}})
	if err != nil {
		return err
	}
	c.Color, c.Width, c.Dashes = col, vg.Points(1.2), []vg.Length{vg.Points(2), vg.Points(2)}
	p.Add(c)
	p.Legend.Add(s.label+": "+name, c)
	return nil
}

// emptyThumb is a legend entry with no mark.
type emptyThumb struct{}

func (emptyThumb) Thumbnail(*draw.Canvas) {}

// curveSize grows with the legend so every line stays readable.
func curveSize(sums []*stats.Summary) (vg.Length, vg.Length) {
	return 9 * vg.Inch, vg.Length(max(4.5, 1+0.36*float64(len(sums)))) * vg.Inch
}

// legendWidth is the column right of the chart that holds the legend,
// so no line is ever drawn under it.
const legendWidth = 2.6 * vg.Inch

// drawCurve fills the canvas white and draws the chart left, the legend right.
func drawCurve(c draw.Canvas, p *plot.Plot) {
	c.FillPolygon(hex(0xFFFFFF), rect(c.Min.X, c.Min.Y, c.Max.X, c.Max.Y))
	chart := c
	chart.Max.X -= legendWidth
	chart.Max.Y -= vg.Points(6) // room above the title
	leg := p.Legend
	p.Legend = plot.NewLegend()
	p.Legend.TextStyle = leg.TextStyle
	p.Draw(chart)
	side := c
	side.Min.X = chart.Max.X + vg.Points(8)
	side.Max.Y -= vg.Points(24)
	leg.Draw(side)
}

// WriteCurvePNG draws the accuracy-versus-length chart as a PNG.
func WriteCurvePNG(w io.Writer, sums []*stats.Summary, o Options) error {
	p, err := curvePlot(sums, o)
	if err != nil {
		return err
	}
	return writeChartPNG(w, p, sums, o.DPI)
}

// WriteCurveSVG is WriteCurvePNG as SVG, fonts embedded.
func WriteCurveSVG(w io.Writer, sums []*stats.Summary, o Options) error {
	p, err := curvePlot(sums, o)
	if err != nil {
		return err
	}
	return writeChartSVG(w, p, sums)
}

// writeChartPNG draws a line chart (its legend beside it) sized for
// sums as a PNG at dpi (0: 150).
func writeChartPNG(w io.Writer, p *plot.Plot, sums []*stats.Summary, dpi int) error {
	if dpi <= 0 {
		dpi = 150
	}
	width, height := curveSize(sums)
	img := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi))
	drawCurve(draw.New(img), p)
	_, err := vgimg.PngCanvas{Canvas: img}.WriteTo(w)
	return err
}

// writeChartSVG is writeChartPNG as SVG, fonts embedded.
func writeChartSVG(w io.Writer, p *plot.Plot, sums []*stats.Summary) error {
	width, height := curveSize(sums)
	svg := vgsvg.NewWith(vgsvg.UseWH(width, height), vgsvg.EmbedFonts(true))
	drawCurve(draw.New(svg), p)
	_, err := svg.WriteTo(w)
	return err
}

// curveDataURL is the chart as an SVG data URL for the HTML page: as an
// image, its text (labels come from the records) can never run as markup.
func curveDataURL(sums []*stats.Summary, o Options) template.URL {
	var buf bytes.Buffer
	if err := WriteCurveSVG(&buf, sums, o); err != nil {
		return ""
	}
	return template.URL("data:image/svg+xml;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()))
}
