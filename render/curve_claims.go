package render

import (
	"fmt"
	"image/color"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"niah/claims"
	"niah/stats"
	"niah/units"
)

// claimMark is a published claim drawn on the accuracy chart: a window
// (a dashed vertical) or a score (a labelled diamond at its length).
type claimMark struct {
	claim claims.Claim
	x     int     // the window, or the length the score was measured at
	y     float64 // a score, in percent
}

// publishedMarks are the claims of each summary's label, by summary.
func publishedMarks(sums []*stats.Summary, o Options) [][]claimMark {
	out := make([][]claimMark, len(sums))
	for _, chk := range stats.CheckClaims(o.Published, sums, o.Criteria) {
		i := slices.Index(sums, chk.Summary)
		if i < 0 {
			continue
		}
		m := claimMark{claim: chk.Claim, x: chk.Claim.Window}
		if chk.Claim.Kind == claims.Score {
			m.x, m.y = chk.Claim.At, chk.Claim.Score*100
		}
		out[i] = append(out[i], m)
	}
	return out
}

// diamondGlyph is the outline of a diamond: a published score, told
// apart from the measured points (filled circles).
type diamondGlyph struct{}

func (diamondGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: vg.Points(1.6)})
	r := sty.Radius * 1.3
	var p vg.Path
	p.Move(vg.Point{X: pt.X, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y})
	p.Line(vg.Point{X: pt.X, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X - r, Y: pt.Y})
	p.Close()
	c.Stroke(p)
}

// markName is a claim as the legend names it: "1M", "RULER 95.1 at 4K".
func markName(c claims.Claim) string {
	if c.Kind == claims.Window {
		return units.FormatLength(c.Window)
	}
	return markText(c) + " at " + units.FormatLength(c.At)
}

// markText is a score marker's label: "RULER 95.1", "HELMET recall 64.1".
func markText(c claims.Claim) string {
	metric := c.Metric
	if c.RULER() {
		metric = "RULER"
	}
	return fmt.Sprintf("%s %.1f", metric, c.Score*100)
}

// addPublished draws the published claims of a chart's nth label in its
// colour: each window dashed (longer dashes than the run's own claimed
// context), each score a diamond labelled with its measure and value
// (the claim lines name the sources). Claims beyond the chart are named
// in the legend instead.
func addPublished(p *plot.Plot, label string, nth int, marks []claimMark, col color.RGBA) error {
	var xys plotter.XYs
	var texts []string
	for _, m := range marks {
		if float64(m.x) > p.X.Max || float64(m.x) < p.X.Min {
			p.Legend.Add(fmt.Sprintf("%s: %s published, beyond the chart", label, markName(m.claim)), emptyThumb{})
			continue
		}
		if m.claim.Kind == claims.Window {
			l, err := plotter.NewLine(plotter.XYs{{X: float64(m.x), Y: 0}, {X: float64(m.x), Y: 100}})
			if err != nil {
				return err
			}
			l.Color, l.Width, l.Dashes = col, vg.Points(1.4), []vg.Length{vg.Points(7), vg.Points(3)}
			p.Add(l)
			p.Legend.Add(fmt.Sprintf("%s: %s published", label, units.FormatLength(m.x)), l)
			continue
		}
		xys = append(xys, plotter.XY{X: float64(m.x), Y: m.y})
		texts = append(texts, markText(m.claim))
	}
	if len(xys) == 0 {
		return nil
	}
	sc, err := plotter.NewScatter(xys)
	if err != nil {
		return err
	}
	sc.GlyphStyle = draw.GlyphStyle{Color: col, Radius: vg.Points(3.5), Shape: diamondGlyph{}}
	p.Add(sc)
	lb, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: texts})
	if err != nil {
		return err
	}
	for i := range lb.TextStyle {
		lb.TextStyle[i].Font.Size = font.Length(8)
		lb.TextStyle[i].Color = col
	}
	// Alternate lines' labels sit above and below their diamonds, so two
	// models' claims at one length stay readable.
	lb.Offset = vg.Point{X: vg.Points(7), Y: vg.Points(3)}
	if nth%2 == 1 {
		lb.Offset.Y = -vg.Points(10)
	}
	p.Add(lb)
	p.Legend.Add(fmt.Sprintf("%s: published %s", label, plural(len(xys), "score", "scores")), sc)
	return nil
}
