package render

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"niah/internal/recordtest"
	"niah/results"
	"niah/stats"

	"gonum.org/v1/plot/vg"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// sample is a 9 x 11 grid that degrades with length, fails mid-depth at
// 256K, and has only invalid trials at 1M, with partial invalidity at 512K.
func sample(label string, trials int) []results.Record {
	lengths := recordtest.Pow2Lengths(4096, 1<<20)
	return recordtest.Grid(label, lengths, recordtest.LinDepths(11), trials, func(l int, d float64, t int) float64 {
		switch {
		case l == 1<<20:
			return -1
		case l == 1<<19 && t == 0:
			return -1
		case l <= 32768:
			return 1
		case l == 262144 && d >= 40 && d <= 60:
			return 0
		case l >= 131072 && t%2 == 1:
			return 0
		}
		return 1
	})
}

// artifact writes b to NIAH_ARTIFACTS (or the test's temp dir) for a human to look at.
func artifact(t *testing.T, name string, b []byte) string {
	t.Helper()
	dir := os.Getenv("NIAH_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
	return path
}

func near(a, b color.Color, tol int) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	d := func(x, y uint32) int { return int(math.Abs(float64(x>>8) - float64(y>>8))) }
	return d(r1, r2) <= tol && d(g1, g2) <= tol && d(b1, b2) <= tol
}

// pixel maps a canvas point to the PNG pixel.
func pixel(img image.Image, pt vg.Point, dpi int) color.Color {
	h := img.Bounds().Dy()
	x := int(pt.X.Points() / 72 * float64(dpi))
	y := h - int(pt.Y.Points()/72*float64(dpi))
	return img.At(x, y)
}

func TestHeatmapPNGColoursAndMarks(t *testing.T) {
	sums := stats.Summarize(sample("model-a", 4))
	o := Options{Criteria: stats.Criteria{Claims: stats.Claims{"model-a": 131072}}, DPI: 100}
	f := summaryFigure(sums, o)
	var buf bytes.Buffer
	if err := f.writePNG(&buf, o.DPI); err != nil {
		t.Fatal(err)
	}
	artifact(t, "heatmap_sample.png", buf.Bytes())
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	p := f.panels[0]
	// A point inside a cell, away from its text and corner mark: the lower-left quarter.
	probe := func(r, c int) color.Color {
		b := p.cells[r][c]
		return pixel(img, vg.Point{X: b.Min.X + (b.Max.X-b.Min.X)*0.12, Y: b.Min.Y + (b.Max.Y-b.Min.Y)*0.15}, o.DPI)
	}
	if got := probe(0, 0); !near(got, hex(0x0CD79F), 6) {
		t.Errorf("100%% cell (4K, 0%%) colour %v, want ~#0CD79F", got)
	}
	if got := probe(5, 6); !near(got, hex(0xF0496E), 6) { // 256K at 50%: all wrong
		t.Errorf("0%% cell (256K, 50%%) colour %v, want ~#F0496E", got)
	}
	if got := probe(0, 5); !near(got, hex(0xEBB839), 6) { // 128K: half right
		t.Errorf("50%% cell (128K, 0%%) colour %v, want ~#EBB839", got)
	}
	// 1M: no valid trial. Grey with darker hatching lines: both shades present.
	b := p.cells[3][8]
	var grey, hatchDark int
	for x := b.Min.X + 2; x < b.Max.X-2; x += 0.7 {
		px := pixel(img, vg.Point{X: x, Y: (b.Min.Y + b.Max.Y) / 2}, o.DPI)
		switch {
		case near(px, colInvalid, 12):
			grey++
		case near(px, colHatch, 40):
			hatchDark++
		case near(px, hex(0x0CD79F), 40) || near(px, hex(0xF0496E), 40):
			t.Fatalf("invalid cell shows a score colour %v", px)
		}
	}
	if grey == 0 || hatchDark == 0 {
		t.Errorf("invalid cell: %d grey and %d hatch pixels; want both", grey, hatchDark)
	}
	// 512K cells have a corner mark (some trials invalid): top-right is dark.
	m := p.cells[0][7]
	if got := pixel(img, vg.Point{X: m.Max.X - 1.5, Y: m.Max.Y - 1.5}, o.DPI); !near(got, colInk, 40) {
		t.Errorf("partial-invalid corner mark missing: %v", got)
	}
	if got := pixel(img, vg.Point{X: p.cells[0][6].Max.X - 1.5, Y: p.cells[0][6].Max.Y - 1.5}, o.DPI); near(got, colInk, 40) {
		t.Errorf("corner mark on a cell with no invalid trial")
	}
}

func TestHeatmapLargeGridSimulated(t *testing.T) {
	recs := recordtest.Grid("sim", recordtest.Pow2Lengths(4096, 1<<20), recordtest.LinDepths(35), 2, func(l int, d float64, tr int) float64 {
		if l > 65536 && d > 30 && d < 70 {
			return float64(tr % 2)
		}
		return 1
	})
	for i := range recs {
		recs[i].Simulated = true
	}
	sums := stats.Summarize(recs)
	f := summaryFigure(sums, Options{Criteria: stats.Criteria{Claims: stats.ClaimsOf(100000, nil, recs)}})
	if f.panels[0].alarm != "SIMULATION" {
		t.Errorf("simulated records: title alarm %q, want SIMULATION", f.panels[0].alarm)
	}
	if g := f.panels[0].geometry(); g.valueSize == 0 {
		t.Errorf("9 x 35 grid drops cell values; they must stay readable up to 11 x 35")
	}
	var buf bytes.Buffer
	if err := f.writePNG(&buf, 100); err != nil {
		t.Fatal(err)
	}
	artifact(t, "heatmap_9x35_sim.png", buf.Bytes())
	// 100000 lies between 64K and 128K: the marker sits on that boundary.
	if x, _ := claimMarker(sums[0].Lengths, 100000); x != 4.5 {
		t.Errorf("claim marker at %v, want 4.5 (between 64K and 128K)", x)
	}
	if x, _ := claimMarker(sums[0].Lengths, 4<<20); !math.IsNaN(x) {
		t.Errorf("claim beyond the grid drew a marker at %v", x)
	}
}
