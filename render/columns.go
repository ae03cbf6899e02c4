package render

import "math"

// Columns at their real positions. A grid of powers of two (or any
// geometric ladder) is evenly spaced on a log axis, so equal columns are
// already true to scale. The lengths an adaptive search tests are not
// (1K, 2K, 2,240, 2,340, 2,440, 2,900, 4K): equal columns would draw
// 2,240 → 2,340 as far apart as 2K → 4K. Such grids get columns whose
// centres sit at log(length), each as wide as the space halfway to its
// neighbours, with a floor so that no column vanishes.

// minColumnShare is the narrowest column, as a share of the mean width.
const minColumnShare = 0.35

// columnEdges returns the left edge of each column and the right edge of
// the last, in cell units (the mean column is 1 wide); nil when the
// lengths are evenly spaced on a log axis (within 10%), so that such
// grids draw exactly as before.
func columnEdges(lengths []int) []float64 {
	n := len(lengths)
	if n < 3 {
		return nil
	}
	pos := make([]float64, n)
	for i, l := range lengths {
		pos[i] = math.Log(float64(max(l, 1)))
	}
	gaps := make([]float64, n-1)
	for i := range gaps {
		gaps[i] = pos[i+1] - pos[i]
	}
	lo, hi := gaps[0], gaps[0]
	for _, g := range gaps {
		lo, hi = min(lo, g), max(hi, g)
	}
	if lo > 0 && hi/lo <= 1.1 {
		return nil
	}
	widths := make([]float64, n)
	for i := range widths {
		left, right := gaps[max(i-1, 0)], gaps[min(i, n-2)]
		widths[i] = (left + right) / 2
	}
	normalise := func() {
		sum := 0.0
		for _, w := range widths {
			sum += w
		}
		for i := range widths {
			widths[i] *= float64(n) / sum
		}
	}
	normalise()
	for i := range widths {
		widths[i] = max(widths[i], minColumnShare)
	}
	normalise()
	edges := make([]float64, n+1)
	for i, w := range widths {
		edges[i+1] = edges[i] + w
	}
	return edges
}

// colEdge is the left edge of column i (i == cols: the right edge of the
// last), in cell units.
func (p *panel) colEdge(i int) float64 {
	if p.edges == nil {
		return float64(i)
	}
	return p.edges[i]
}

// colWidth is column i's width in cell units.
func (p *panel) colWidth(i int) float64 { return p.colEdge(i+1) - p.colEdge(i) }

// colAt maps a column-index position (-0.5 .. cols-0.5, as markerX is
// given) to cell units, interpolating within a column.
func (p *panel) colAt(x float64) float64 {
	i := x + 0.5
	k := int(math.Floor(i))
	k = max(0, min(k, len(p.xLabels)-1))
	return p.colEdge(k) + (i-float64(k))*p.colWidth(k)
}
