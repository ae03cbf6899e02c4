package render

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"niah/internal/recordtest"
	"niah/stats"
)

func TestEvenGridsKeepEqualColumns(t *testing.T) {
	for _, lengths := range [][]int{
		recordtest.Pow2Lengths(4096, 1<<20),
		{1000, 2000, 4000, 8000},
		{4096, 8192}, // two columns say nothing about spacing
	} {
		if e := columnEdges(lengths); e != nil {
			t.Errorf("%v: edges %v, want equal columns", lengths, e)
		}
	}
}

// An adaptive search's lengths are drawn at their real positions: column
// centres follow log(length), so 2,240 → 2,340 is drawn far closer than
// 2K → 4K, and every column keeps a visible width.
func TestUnevenLengthsSitAtTheirRealPositions(t *testing.T) {
	lengths := []int{1024, 2048, 2240, 2340, 2440, 2900, 4096, 8192}
	recs := recordtest.Grid("search", lengths, []float64{50}, 1, func(l int, _ float64, _ int) float64 {
		if l < 2340 {
			return 1
		}
		return 0
	})
	sums := stats.Summarize(recs)
	f := summaryFigure(sums, Options{Criteria: stats.Criteria{Claims: stats.ClaimsOf(4096, nil, recs)}})
	dir := t.TempDir()
	out, err := os.Create(filepath.Join(dir, "h.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.writePNG(out, 60); err != nil {
		t.Fatal(err)
	}
	out.Close()
	cells := f.panels[0].cells[0]
	centre := func(i int) float64 { return float64(cells[i].Min.X+cells[i].Max.X) / 2 }
	width := func(i int) float64 { return float64(cells[i].Max.X - cells[i].Min.X) }
	for i := 1; i < len(lengths); i++ {
		if centre(i) <= centre(i-1) {
			t.Fatalf("column %d is not right of column %d", i, i-1)
		}
	}
	// 1K→2K and 4K→8K are one doubling each: the same distance apart.
	if d1, d2 := centre(1)-centre(0), centre(7)-centre(6); math.Abs(d1-d2) > 0.15*d1 {
		t.Errorf("a doubling spans %.1f at 1K and %.1f at 4K; want the same", d1, d2)
	}
	// 2,240 → 2,340 (4%) is drawn much closer than 1K → 2K (a doubling).
	if near, far := centre(3)-centre(2), centre(1)-centre(0); near > far/2 {
		t.Errorf("2,240→2,340 is %.1f apart, 1K→2K %.1f: not to scale", near, far)
	}
	mean := float64(cells[len(cells)-1].Max.X-cells[0].Min.X) / float64(len(cells))
	for i := range cells {
		if width(i) < 0.3*mean {
			t.Errorf("column %d is %.1f wide, under the floor (mean %.1f)", i, width(i), mean)
		}
	}
}
