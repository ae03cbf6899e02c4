package render

import (
	"fmt"
	"html/template"
)

// The heat table of the HTML report places uneven lengths (an adaptive
// run's 2K, 2,240, 2,340, 2,440, 2,900, 4K) where the heatmap does: each
// column as wide as columnEdges makes it, the mean column htmlCellPx wide
// (wider than an even table's 48 px cells, to leave the narrow ones room),
// in a fixed table layout so that no label or value widens its column.
// As in the heatmap, a column too narrow for its value shows the colour
// alone (the cell's title keeps the figure), and a length label that would
// run into its neighbour's is left out (its column and title stay).
// Evenly spaced lengths (a grid) keep the table they always had.

// htmlColumns is the layout of an uneven table; nil for an even one.
type htmlColumns struct {
	Table  template.CSS   // the table's width
	Depth  template.CSS   // the depth labels' column
	Widths []template.CSS // each length's column
	narrow []bool
}

const (
	htmlCellPx    = 64.0 // a column of mean width
	htmlDepthPx   = 56.0
	htmlSpacingPx = 1.0 // table.heat's border-spacing
	htmlCharPx    = 7.5 // a character of a 12px column label, generously
	htmlLabelGap  = 4.0
)

// htmlColumnsOf lays out the columns of lengths, and returns the column
// labels with those left out that would overlap.
func htmlColumnsOf(lengths []int, labels []string) (*htmlColumns, []string) {
	edges := columnEdges(lengths)
	if edges == nil {
		return nil, labels
	}
	cols := &htmlColumns{Depth: pxWidth(htmlDepthPx)}
	shown := make([]string, len(labels))
	total := htmlDepthPx + htmlSpacingPx*float64(len(lengths)+2)
	x, lastRight := htmlDepthPx+2*htmlSpacingPx, -1e9
	for i := range lengths {
		w := htmlCellPx * (edges[i+1] - edges[i])
		cols.Widths = append(cols.Widths, pxWidth(w))
		cols.narrow = append(cols.narrow, edges[i+1]-edges[i] < 0.75)
		centre, half := x+w/2, htmlCharPx*float64(len(labels[i]))/2
		if centre-half >= lastRight+htmlLabelGap {
			shown[i], lastRight = labels[i], centre+half
		}
		x += w + htmlSpacingPx
		total += w
	}
	cols.Table = pxWidth(total)
	return cols, shown
}

func pxWidth(px float64) template.CSS { return template.CSS(fmt.Sprintf("width:%.1fpx", px)) }

// isNarrow says whether column c of an uneven table is too narrow for
// its value.
func (cols *htmlColumns) isNarrow(c int) bool { return cols != nil && cols.narrow[c] }
