package render

import (
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

// A panel grows to hold its longest line of text: small multiples used to
// cut a long subtitle or verdict off at the figure's edge.
func TestPanelIsWideEnoughForItsText(t *testing.T) {
	p := &panel{xLabels: []string{"4K", "8K"}, yLabels: []string{"0%", "100%"}, markerX: math.NaN(),
		title: "model", subtitle: "short"}
	narrow := p.geometry().w
	p.footer = []string{strings.Repeat("effective context 4K of a claimed 1M ", 6)}
	wide := p.geometry()
	if wide.w <= narrow || wide.w < wide.left+sans(8.5, false, colInk).Width(p.footer[0]) {
		t.Fatalf("panel %v wide for a footer of %v", wide.w, sans(8.5, false, colInk).Width(p.footer[0]))
	}
	// Side by side, a panel without a claim marker reserves its headroom.
	q := &panel{xLabels: p.xLabels, yLabels: p.yLabels, markerX: 0.5, markerTxt: "claimed 8K"}
	f := &figure{panels: []*panel{p, q}, perRow: 2}
	f.size()
	if p.geometry().top != q.geometry().top || p.geometry().top <= 2.2*vg.Centimeter {
		t.Errorf("grids not level: tops %v and %v", p.geometry().top, q.geometry().top)
	}
}
