package render

import (
	"bytes"
	"context"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"niah/internal/recordtest"
	"niah/stats"
)

// searchLengths are an adaptive search's: a ladder and the refinements
// between two of its steps.
var searchLengths = []int{1024, 2048, 2240, 2340, 2440, 2900, 4096, 8192}

func searchSummaries() []*stats.Summary {
	return stats.Summarize(recordtest.Grid("search", searchLengths, recordtest.LinDepths(3), 1, func(l int, _ float64, _ int) float64 {
		if l < 2340 {
			return 1
		}
		return 0
	}))
}

// heatmapCentres are the centres of the heatmap's columns, as shares of
// the distance from the first centre to the last.
func heatmapCentres(t *testing.T, sums []*stats.Summary) []float64 {
	f := summaryFigure(sums, Options{})
	if err := f.writePNG(io.Discard, 60); err != nil { // drawing places the cells
		t.Fatal(err)
	}
	var xs []float64
	for _, box := range f.panels[0].cells[0] {
		xs = append(xs, float64(box.Min.X+box.Max.X)/2)
	}
	return shares(xs)
}

func shares(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = (x - xs[0]) / (xs[len(xs)-1] - xs[0])
	}
	return out
}

func closeTo(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d columns, want %d", what, len(got), len(want))
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > tol {
			t.Errorf("%s: column %d (%d) centred at %.3f of the width, the heatmap at %.3f", what, i, searchLengths[i], got[i], want[i])
		}
	}
}

// The HTML heat table of a search puts each length where the heatmap does
// (2,240 → 2,340 far closer than 1K → 2K), first as the page lays it out
// (the widths it sets), then as Chromium draws it. A grid's table keeps
// its equal columns and markup.
func TestHTMLTablePlacesLengthsAsTheHeatmapDoes(t *testing.T) {
	sums := searchSummaries()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, sums, Options{}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	want := heatmapCentres(t, sums)
	var widths []float64
	for _, m := range regexp.MustCompile(`<col style="width:([0-9.]+)px">`).FindAllStringSubmatch(page, -1) {
		w, _ := strconv.ParseFloat(m[1], 64)
		widths = append(widths, w)
	}
	if len(widths) != len(searchLengths)+1 {
		t.Fatalf("%d <col> widths, want the depth column and %d lengths:\n%s", len(widths), len(searchLengths), page)
	}
	var centres []float64
	x := widths[0] + 2*htmlSpacingPx
	for _, w := range widths[1:] {
		centres = append(centres, x+w/2)
		x += w + htmlSpacingPx
	}
	closeTo(t, "page widths", shares(centres), want, 0.02)
	// The narrow columns (2,240, 2,340, 2,440) show their colour alone,
	// their figures in their titles; the wide ones keep theirs.
	for _, want := range []string{`title="2340 at 50%: 0.0% of 1 valid, 95% [0.0, 79.3]"></button>`,
		`title="2340: mean 0.0%"></div>`, `title="1K at 50%: 100.0% of 1 valid, 95% [20.7, 100.0]">100</button>`} {
		if !strings.Contains(page, want) {
			t.Errorf("no %s in the page", want)
		}
	}

	even := stats.Summarize(sample("grid", 1))
	buf.Reset()
	if err := WriteHTML(&buf, even, Options{}); err != nil {
		t.Fatal(err)
	}
	if grid := buf.String(); strings.Contains(grid, "<colgroup>") || strings.Contains(grid, `class="heat uneven"`) || !strings.Contains(grid, `<table class="heat">`) {
		t.Error("a grid's heat table must keep its equal columns")
	}

	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	artifact(t, "report_search.html", []byte(page))
	closeTo(t, "in Chromium", shares(renderedCentres(t, path)), want, 0.02)
}

// renderedCentres opens path in headless Chromium and returns the centres
// of the heat table's first row of cells, in CSS pixels.
func renderedCentres(t *testing.T, path string) []float64 {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s missing: CI must install chromium (apt-get install chromium)", chromiumPath)
		}
		t.Skipf("%s not installed: skipping the browser half (apt-get install chromium to run it)", chromiumPath)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 1000))
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	if err := chromedp.Do(bctx, chromedp.Navigate("file://"+path), chromedp.WaitVisible(chromedp.CSS(`table.heat`))); err != nil {
		t.Fatalf("driving chromium: %v", err)
	}
	centres, err := chromedp.Run(bctx, chromedp.Evaluate[[]float64](`Array.from(document.querySelectorAll("table.heat tbody tr:first-child td")).map(function (td) {
		var r = td.getBoundingClientRect(); return r.left + r.width / 2; })`))
	if err != nil {
		t.Fatal(err)
	}
	return centres
}
