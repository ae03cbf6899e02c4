package render

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/internal/recordtest"
	"niah/results"
	"niah/stats"

	"gonum.org/v1/plot/vg"
)

func TestEntriesDisambiguateEqualLabels(t *testing.T) {
	a := recordtest.Grid("qwen", []int{4096}, []float64{50}, 1, func(int, float64, int) float64 { return 1 })
	b := recordtest.Grid("qwen", []int{4096}, []float64{50}, 1, func(int, float64, int) float64 { return 0 })
	es := Entries([][]results.Record{a, b}, nil, nil, []string{"runs/yarn", "runs/base/results.jsonl"})
	if es[0].Summary.Label != "qwen (yarn)" || es[1].Summary.Label != "qwen (base)" {
		t.Errorf("labels %q, %q", es[0].Summary.Label, es[1].Summary.Label)
	}
	es = Entries([][]results.Record{a, b}, nil, nil, []string{"x/run", "y/run"})
	if es[0].Summary.Label == es[1].Summary.Label {
		t.Errorf("labels still equal: %q", es[0].Summary.Label)
	}
}

func TestDiffMatchesCellsAndReportsGridMismatch(t *testing.T) {
	a := stats.Summarize(recordtest.Grid("a", []int{4096, 8192}, []float64{0, 50}, 2, func(l int, d float64, tr int) float64 {
		if l == 8192 && d == 50 {
			return -1 // invalid: not comparable
		}
		return 0.5
	}))[0]
	b := stats.Summarize(recordtest.Grid("b", []int{4096, 8192, 16384}, []float64{0, 50}, 2, func(l int, d float64, tr int) float64 { return 1 }))[0]
	d := newDiff(a, b)
	if got := d.Delta[0][0]; math.Abs(got-0.5) > 1e-12 {
		t.Errorf("delta (4K, 0%%) = %v, want +0.5", got)
	}
	if !math.IsNaN(d.Delta[1][1]) {
		t.Errorf("delta where A has only invalid trials = %v, want NaN", d.Delta[1][1])
	}
	if !math.IsNaN(d.Delta[0][2]) {
		t.Errorf("delta at a length A never ran = %v, want NaN", d.Delta[0][2])
	}
	if len(d.Notes) != 1 || !strings.Contains(d.Notes[0], "lengths only in b: 16K") {
		t.Errorf("notes = %q", d.Notes)
	}
}

func TestCompareTableAndImage(t *testing.T) {
	a := sample("base", 2)
	b := recordtest.Grid("yarn", recordtest.Pow2Lengths(4096, 1<<20), recordtest.LinDepths(11), 2, func(l int, d float64, tr int) float64 {
		if l >= 262144 && d <= 20 {
			return 0
		}
		return 1
	})
	m := &results.Manifest{Models: []results.ModelInfo{{Label: "base", ContextLength: 131072}}}
	es := Entries([][]results.Record{a, b}, []*results.Manifest{m}, []stats.Claims{stats.ClaimsOf(0, m, a)}, []string{"r/a", "r/b"})
	var out bytes.Buffer
	if err := WriteCompareTable(&out, es, Options{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "compare_sample.txt", out.Bytes())

	f := compareFigure(es, Options{})
	if len(f.panels) != 3 {
		t.Fatalf("%d panels, want 2 runs + difference", len(f.panels))
	}
	var img bytes.Buffer
	if err := f.writePNG(&img, 60); err != nil {
		t.Fatal(err)
	}
	artifact(t, "compare_sample.png", img.Bytes())
	dec, err := png.Decode(&img)
	if err != nil {
		t.Fatal(err)
	}
	diff := f.panels[2]
	probe := func(r, c int) vg.Point {
		bx := diff.cells[r][c]
		return vg.Point{X: bx.Min.X + (bx.Max.X-bx.Min.X)*0.12, Y: bx.Min.Y + (bx.Max.Y-bx.Min.Y)*0.15}
	}
	// 128K, 0%: base 50, yarn 100: +50 is half way to the blue end.
	if got := pixel(dec, probe(0, 5), 60); !near(got, diffColor(0.5), 8) {
		t.Errorf("+50 cell colour %v, want ~%v", got, diffColor(0.5))
	}
	// 4K: both 100: zero difference is the neutral centre.
	if got := pixel(dec, probe(0, 0), 60); !near(got, hex(0xF5F5F5), 8) {
		t.Errorf("0 difference colour %v, want ~#F5F5F5", got)
	}
}

func TestRenderCompareWritesFilesWithClaims(t *testing.T) {
	dir := t.TempDir()
	a := recordtest.Grid("base", []int{4096, 8192}, []float64{0, 50}, 1, func(int, float64, int) float64 { return 1 })
	b := recordtest.Grid("yarn", []int{4096, 8192}, []float64{0, 50}, 1, func(int, float64, int) float64 { return 0 })
	m := &results.Manifest{Models: []results.ModelInfo{{Label: "base", Claimed: 8192}}}
	es := Entries([][]results.Record{a, b}, []*results.Manifest{m, nil}, []stats.Claims{stats.ClaimsOf(0, m, a), stats.ClaimsOf(0, nil, b)}, []string{"r/a", "r/b"})
	paths, err := RenderCompare(dir, es, Options{DPI: 40})
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 5 {
		t.Fatalf("wrote %v, want compare.png, compare.svg, the accuracy charts and compare.html", paths)
	}
	for _, name := range []string{ComparePNG, CompareSVG, CompareCurvePNG, CompareCurveSVG, CompareHTML} {
		if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", name, err)
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
	page, _ := os.ReadFile(filepath.Join(dir, CompareHTML))
	if !strings.Contains(string(page), "of a claimed 8K") {
		t.Error("compare.html does not judge base against the claim in its manifest")
	}
	if _, err := RenderCompare(dir, nil, Options{}); err == nil {
		t.Error("RenderCompare with no entries succeeded")
	}
	// Nothing to draw is an error, never a division by zero.
	for name, write := range map[string]func() error{
		"png": func() error { return writeComparePNG(&bytes.Buffer{}, nil, Options{}) },
		"svg": func() error { return writeCompareSVG(&bytes.Buffer{}, nil, Options{}) },
	} {
		if err := write(); err == nil {
			t.Errorf("%s of no entries succeeded", name)
		}
	}
}

func TestDiffNotesDepthsOnEachSide(t *testing.T) {
	one := func(int, float64, int) float64 { return 1 }
	a := stats.Summarize(recordtest.Grid("a", []int{4096}, []float64{0, 50, 100}, 1, one))[0]
	b := stats.Summarize(recordtest.Grid("b", []int{4096}, []float64{0, 33.3, 100}, 1, one))[0]
	d := newDiff(a, b)
	if got := fmt.Sprint(d.Depths); got != "[0 33.3 50 100]" {
		t.Errorf("depths %s, want the sorted union [0 33.3 50 100]", got)
	}
	want := []string{"grids differ: depths only in a: 50%", "grids differ: depths only in b: 33.3%"}
	if strings.Join(d.Notes, "|") != strings.Join(want, "|") {
		t.Errorf("notes %q, want %q", d.Notes, want)
	}
	if fmt.Sprint(a.Depths) != "[0 50 100]" {
		t.Errorf("newDiff changed A's depths: %v", a.Depths)
	}
}
