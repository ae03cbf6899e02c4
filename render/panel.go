package render

import (
	"image/color"
	"math"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// panel is one heatmap as drawn: a grid of coloured cells with axes,
// title, colour bar and legend. Summaries and differences both become
// panels, so single runs, small multiples and diffs look alike.
type panel struct {
	title     string
	alarm     string // drawn before the title in red ("SIMULATION")
	subtitle  string
	xLabels   []string    // columns, left to right
	yLabels   []string    // rows, top to bottom
	value     [][]float64 // [row][col] scaled to [0,1] for the colour map; NaN: no valid trial
	label     [][]string  // text in each cell
	partial   [][]bool    // some trials invalid (excluded)
	notRun    [][]bool    // no trial at all
	mean      []float64   // optional bottom row (per column); nil: none
	meanLabel []string
	color     func(float64) color.RGBA
	barTicks  []float64 // colour-bar ticks in [0,1]
	barLabels []string
	barTitle  string
	xTitle    string
	yTitle    string
	markerX   float64 // claimed context as a column boundary (-0.5 .. cols-0.5); NaN: none
	// edges are the columns' edges in cell units when lengths are drawn at
	// their real positions (see columns.go); nil: equal columns.
	edges     []float64
	markerTxt string
	footer    []string
	// alignTop reserves the marker's headroom even without a marker, so
	// panels side by side keep their grids level.
	alignTop bool

	// Filled in by draw, for tests: each cell's rectangle on the canvas.
	cells [][]vg.Rectangle
}

// geometry of a panel, decided from its grid size.
type geometry struct {
	cellW, cellH vg.Length
	valueSize    vg.Length // 0: cells too small for numbers
	tickSize     vg.Length
	left, right  vg.Length
	top, bottom  vg.Length
	w, h         vg.Length
}

const (
	minPanelWidth = 15 * vg.Centimeter
	meanGap       = 0.25 * vg.Centimeter
)

func (p *panel) geometry() geometry {
	rows, cols := len(p.yLabels), len(p.xLabels)
	var g geometry
	g.cellW = clampLen(15*vg.Centimeter/vg.Length(max(cols, 1)), 0.9*vg.Centimeter, 2.4*vg.Centimeter)
	g.cellH = clampLen(14*vg.Centimeter/vg.Length(max(rows, 1)), 0.36*vg.Centimeter, 1.1*vg.Centimeter)
	g.valueSize = min(g.cellH*0.6, g.cellW*0.3, 11)
	if g.valueSize < 5 {
		g.valueSize = 0 // unreadable: the colour alone tells
	}
	g.tickSize = clampLen(g.cellH*0.62, 5.5, 10)
	g.left = 2.6 * vg.Centimeter
	g.right = 3.0 * vg.Centimeter
	g.top = 2.2 * vg.Centimeter
	if p.markerTxt != "" || p.alignTop {
		g.top += 0.5 * vg.Centimeter
	}
	g.bottom = 2.6*vg.Centimeter + vg.Length(len(p.footer))*0.45*vg.Centimeter
	gridH := g.cellH * vg.Length(rows)
	if p.mean != nil {
		gridH += meanGap + g.cellH
	}
	g.w = max(g.left+g.right+g.cellW*vg.Length(cols), minPanelWidth, g.left+p.textWidth()+0.5*vg.Centimeter)
	g.h = g.top + gridH + g.bottom
	return g
}

func clampLen(v, lo, hi vg.Length) vg.Length { return max(lo, min(hi, v)) }

// textWidth is the widest line of text drawn from the panel's left
// margin (title, subtitle, legend, footer): the panel must be wide enough
// for it, or small multiples cut it off at the edge.
func (p *panel) textWidth() vg.Length {
	w := sans(13, true, colInk).Width(p.title)
	if p.alarm != "" {
		w += sans(13, true, colAlarm).Width(p.alarm) + 6
	}
	w = max(w, sans(9, false, colSoftInk).Width(p.subtitle), p.legendWidth())
	fs := sans(8.5, false, colInk)
	for _, line := range p.footer {
		w = max(w, fs.Width(line))
	}
	return w
}

func sans(size vg.Length, bold bool, c color.Color) draw.TextStyle {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return draw.TextStyle{Color: c, Font: f, Handler: plot.DefaultTextHandler}
}

func aligned(s draw.TextStyle, x text.XAlignment, y text.YAlignment) draw.TextStyle {
	s.XAlign, s.YAlign = x, y
	return s
}

func rect(x0, y0, x1, y1 vg.Length) []vg.Point {
	return []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
}

// draw renders the panel into c (whose rectangle has the panel's size).
func (p *panel) draw(c draw.Canvas) {
	g := p.geometry()
	cols := len(p.xLabels)
	x0 := c.Min.X + g.left + (g.w-g.left-g.right-g.cellW*vg.Length(cols))/2
	top := c.Max.Y - g.top
	gridRight := x0 + g.cellW*vg.Length(cols)

	p.drawTitle(c, g)
	bottom := p.drawCells(c, g, x0, top)
	if p.mean != nil {
		bottom = p.drawMeanRow(c, g, x0, bottom)
	}
	p.drawAxes(c, g, x0, gridRight, top, bottom)
	if !math.IsNaN(p.markerX) {
		p.drawMarker(c, g, x0, top, bottom)
	}
	p.drawColorBar(c, gridRight+0.6*vg.Centimeter, top, min(top-bottom, 9*vg.Centimeter))
	p.drawLegend(c, c.Min.X+g.left, bottom-1.35*vg.Centimeter)
	fs := aligned(sans(8.5, false, colInk), text.XLeft, text.YTop)
	for i, line := range p.footer {
		c.FillText(fs, vg.Point{X: c.Min.X + g.left, Y: bottom - 1.9*vg.Centimeter - vg.Length(i)*0.45*vg.Centimeter}, line)
	}
}

// seam is the white gap between cells: crisp in both PNG and SVG.
const seam = vg.Length(0.6)

// drawTitle writes the alarm (if any), the title and the subtitle.
func (p *panel) drawTitle(c draw.Canvas, g geometry) {
	ts := sans(13, true, colInk)
	tx := c.Min.X + g.left
	ty := c.Max.Y - 0.35*vg.Centimeter
	if p.alarm != "" {
		as := aligned(sans(13, true, colAlarm), text.XLeft, text.YTop)
		c.FillText(as, vg.Point{X: tx, Y: ty}, p.alarm)
		tx += as.Width(p.alarm) + 6
	}
	c.FillText(aligned(ts, text.XLeft, text.YTop), vg.Point{X: tx, Y: ty}, p.title)
	c.FillText(aligned(sans(9, false, colSoftInk), text.XLeft, text.YTop),
		vg.Point{X: c.Min.X + g.left, Y: ty - 0.6*vg.Centimeter}, p.subtitle)
}

// column is the left edge and width of column col.
func (p *panel) column(g geometry, x0 vg.Length, col int) (vg.Length, vg.Length) {
	return x0 + g.cellW*vg.Length(p.colEdge(col)), g.cellW * vg.Length(p.colWidth(col))
}

// drawCells draws the grid of cells (remembering their boxes in p.cells)
// and the row labels; it returns the grid's bottom edge.
func (p *panel) drawCells(c draw.Canvas, g geometry, x0, top vg.Length) vg.Length {
	rows, cols := len(p.yLabels), len(p.xLabels)
	p.cells = make([][]vg.Rectangle, rows)
	valStyle := aligned(sans(g.valueSize, false, colInk), text.XCenter, text.YCenter)
	for r := 0; r < rows; r++ {
		p.cells[r] = make([]vg.Rectangle, cols)
		cy1 := top - g.cellH*vg.Length(r)
		cy0 := cy1 - g.cellH
		for col := 0; col < cols; col++ {
			cx0, cw := p.column(g, x0, col)
			box := vg.Rectangle{Min: vg.Point{X: cx0 + seam/2, Y: cy0 + seam/2}, Max: vg.Point{X: cx0 + cw - seam/2, Y: cy1 - seam/2}}
			p.cells[r][col] = box
			st := valStyle
			if cw < g.cellW*0.75 { // a narrow column: the colour alone tells
				st.Font.Size = 0
			}
			p.drawCell(c, box, r, col, st)
		}
	}
	ylab := aligned(sans(g.tickSize, false, colInk), text.XRight, text.YCenter)
	step := max(1, int(math.Ceil(float64(ylab.Height("0%"))*1.15/float64(g.cellH))))
	for r := 0; r < rows; r += step {
		c.FillText(ylab, vg.Point{X: x0 - 4, Y: top - g.cellH*(vg.Length(r)+0.5)}, p.yLabels[r])
	}
	return top - g.cellH*vg.Length(rows)
}

// drawMeanRow draws the per-column means below the grid whose bottom edge
// is bottom, and returns the row's own bottom edge.
func (p *panel) drawMeanRow(c draw.Canvas, g geometry, x0, bottom vg.Length) vg.Length {
	my1 := bottom - meanGap
	for col := range p.xLabels {
		cx0, cw := p.column(g, x0, col)
		bg := p.color(p.mean[col])
		box := rect(cx0+seam/2, my1-g.cellH+seam/2, cx0+cw-seam/2, my1-seam/2)
		if math.IsNaN(p.mean[col]) {
			hatch(c, vg.Rectangle{Min: box[0], Max: box[2]})
			continue
		}
		c.FillPolygon(bg, box)
		// Always labelled: a mean cell is at least 0.36 cm tall.
		ms := aligned(sans(max(g.valueSize, 6), true, inkOn(bg)), text.XCenter, text.YCenter)
		if cw >= g.cellW*0.75 || p.edges == nil {
			c.FillText(ms, vg.Point{X: cx0 + cw/2, Y: my1 - g.cellH/2}, p.meanLabel[col])
		}
	}
	c.FillText(aligned(sans(g.tickSize, true, colInk), text.XRight, text.YCenter),
		vg.Point{X: x0 - 4, Y: my1 - g.cellH/2}, "mean")
	return my1 - g.cellH
}

// drawAxes writes the column labels (skipping any that would overlap a
// neighbour's) and both axis titles.
func (p *panel) drawAxes(c draw.Canvas, g geometry, x0, gridRight, top, bottom vg.Length) {
	xlab := aligned(sans(min(10, max(g.tickSize, 7)), false, colInk), text.XCenter, text.YTop)
	lastRight := vg.Length(math.Inf(-1))
	for col := range p.xLabels {
		cx0, cw := p.column(g, x0, col)
		cx := cx0 + cw/2
		w := xlab.Width(p.xLabels[col])
		if p.edges != nil && cx-w/2 < lastRight+3 {
			continue // would overlap its neighbour's label: the column is still drawn
		}
		c.FillText(xlab, vg.Point{X: cx, Y: bottom - 4}, p.xLabels[col])
		lastRight = cx + w/2
	}
	axisTitle := sans(10, false, colSoftInk)
	c.FillText(aligned(axisTitle, text.XCenter, text.YTop),
		vg.Point{X: (x0 + gridRight) / 2, Y: bottom - 0.65*vg.Centimeter}, p.xTitle)
	yt := aligned(axisTitle, text.XCenter, text.YBottom)
	yt.Rotation = math.Pi / 2
	c.FillText(yt, vg.Point{X: x0 - 1.7*vg.Centimeter, Y: top - g.cellH*vg.Length(len(p.yLabels))/2}, p.yTitle)
}

// drawMarker is the claimed-context marker: a dashed rule on a column
// boundary, labelled above the grid.
func (p *panel) drawMarker(c draw.Canvas, g geometry, x0, top, bottom vg.Length) {
	mx := x0 + g.cellW*vg.Length(p.colAt(p.markerX))
	c.StrokeLine2(draw.LineStyle{Color: colMarker, Width: 1.6, Dashes: []vg.Length{4, 2.5}},
		mx, bottom, mx, top+0.25*vg.Centimeter)
	c.FillText(aligned(sans(8.5, true, colMarker), text.XCenter, text.YBottom),
		vg.Point{X: mx, Y: top + 0.3*vg.Centimeter}, p.markerTxt)
}

func (p *panel) drawCell(c draw.Canvas, box vg.Rectangle, r, col int, valStyle draw.TextStyle) {
	v := p.value[r][col]
	switch {
	case p.notRun[r][col]:
		c.FillPolygon(colNotRun, rect(box.Min.X, box.Min.Y, box.Max.X, box.Max.Y))
		c.StrokeLines(draw.LineStyle{Color: colGridLine, Width: 0.6},
			append(rect(box.Min.X, box.Min.Y, box.Max.X, box.Max.Y), box.Min))
		return
	case math.IsNaN(v):
		hatch(c, box)
		return
	}
	bg := p.color(v)
	c.FillPolygon(bg, rect(box.Min.X, box.Min.Y, box.Max.X, box.Max.Y))
	if p.partial[r][col] {
		cornerMark(c, box)
	}
	if valStyle.Font.Size > 0 && p.label[r][col] != "" {
		valStyle.Color = inkOn(bg)
		c.FillText(valStyle, vg.Point{X: (box.Min.X + box.Max.X) / 2, Y: (box.Min.Y + box.Max.Y) / 2}, p.label[r][col])
	}
}

// hatch draws a cell with no valid trial: grey with diagonal hatching, so
// it can never be mistaken for a score, in colour or in greyscale print.
func hatch(c draw.Canvas, box vg.Rectangle) {
	c.FillPolygon(colInvalid, rect(box.Min.X, box.Min.Y, box.Max.X, box.Max.Y))
	cc := draw.Canvas{Canvas: c.Canvas, Rectangle: box}
	w, h := box.Max.X-box.Min.X, box.Max.Y-box.Min.Y
	const spacing = 4.0
	var lines [][]vg.Point
	for off := -h; off < w; off += spacing {
		lines = append(lines, []vg.Point{
			{X: box.Min.X + off, Y: box.Min.Y},
			{X: box.Min.X + off + h, Y: box.Max.Y},
		})
	}
	cc.StrokeLines(draw.LineStyle{Color: colHatch, Width: 0.7}, cc.ClipLinesXY(lines...)...)
}

// cornerMark flags a cell where some trials were invalid: a dark triangle
// in its top-right corner.
func cornerMark(c draw.Canvas, box vg.Rectangle) {
	s := min(box.Max.X-box.Min.X, box.Max.Y-box.Min.Y) * 0.42
	c.FillPolygon(colInk, []vg.Point{
		{X: box.Max.X - s, Y: box.Max.Y}, {X: box.Max.X, Y: box.Max.Y}, {X: box.Max.X, Y: box.Max.Y - s},
	})
}

func (p *panel) drawColorBar(c draw.Canvas, x, top, height vg.Length) {
	const barW = 0.5 * vg.Centimeter
	const steps = 128
	for i := 0; i < steps; i++ {
		t0, t1 := float64(i)/steps, float64(i+1)/steps
		y0 := top - height + height*vg.Length(t0)
		y1 := top - height + height*vg.Length(t1) + 0.4 // overlap hides seams
		c.FillPolygon(p.color((t0+t1)/2), rect(x, y0, x+barW, min(y1, top)))
	}
	c.StrokeLines(draw.LineStyle{Color: colSoftInk, Width: 0.5}, append(rect(x, top-height, x+barW, top), vg.Point{X: x, Y: top - height}))
	ls := aligned(sans(8, false, colInk), text.XLeft, text.YCenter)
	for i, t := range p.barTicks {
		y := top - height + height*vg.Length(t)
		c.StrokeLine2(draw.LineStyle{Color: colSoftInk, Width: 0.5}, x+barW, y, x+barW+3, y)
		c.FillText(ls, vg.Point{X: x + barW + 5, Y: y}, p.barLabels[i])
	}
	bt := aligned(sans(8.5, false, colSoftInk), text.XCenter, text.YTop)
	bt.Rotation = -math.Pi / 2
	c.FillText(bt, vg.Point{X: x + barW + 1.35*vg.Centimeter, Y: top - height/2}, p.barTitle)
}

// legendEntries are the legend's texts, in order.
func (p *panel) legendEntries() []string {
	e := []string{"no valid trial (invalid: not scored)", "some trials invalid (excluded)"}
	if !math.IsNaN(p.markerX) {
		e = append(e, "claimed context")
	}
	return e
}

// legendWidth is the drawn width of the legend.
func (p *panel) legendWidth() vg.Length {
	const sw = 0.42 * vg.Centimeter
	ls := sans(8.5, false, colInk)
	var w vg.Length
	for i, msg := range p.legendEntries() {
		if i > 0 {
			w += 14
		}
		w += sw + 4 + ls.Width(msg)
	}
	return w
}

// drawLegend explains the marks that are not colours.
func (p *panel) drawLegend(c draw.Canvas, x, y vg.Length) {
	const sw = 0.42 * vg.Centimeter
	ls := aligned(sans(8.5, false, colInk), text.XLeft, text.YCenter)
	box := vg.Rectangle{Min: vg.Point{X: x, Y: y - sw/2}, Max: vg.Point{X: x + sw, Y: y + sw/2}}
	hatch(c, box)
	entries := p.legendEntries()
	msg := entries[0]
	c.FillText(ls, vg.Point{X: x + sw + 4, Y: y}, msg)
	x += sw + 4 + ls.Width(msg) + 14
	c.FillPolygon(p.color(1), rect(x, y-sw/2, x+sw, y+sw/2))
	cornerMark(c, vg.Rectangle{Min: vg.Point{X: x, Y: y - sw/2}, Max: vg.Point{X: x + sw, Y: y + sw/2}})
	msg = entries[1]
	c.FillText(ls, vg.Point{X: x + sw + 4, Y: y}, msg)
	if len(entries) > 2 {
		x += sw + 4 + ls.Width(msg) + 14
		c.StrokeLine2(draw.LineStyle{Color: colMarker, Width: 1.6, Dashes: []vg.Length{4, 2.5}}, x+sw/2, y-sw/2-2, x+sw/2, y+sw/2+2)
		c.FillText(ls, vg.Point{X: x + sw + 4, Y: y}, entries[2])
	}
}
