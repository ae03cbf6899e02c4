package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/internal/recordtest"
	"niah/stats"
)

// windowRun is a run whose model sees only the last 3,000 tokens.
func windowRun() []*stats.Summary {
	recs := recordtest.WithDistances(recordtest.Grid("win", recordtest.Pow2Lengths(1024, 16384), recordtest.LinDepths(5), 2,
		func(l int, d float64, _ int) float64 {
			if recordtest.DistanceOf(l, d) < 3000 {
				return 1
			}
			return 0
		}))
	return stats.Summarize(recs)
}

func TestDistanceText(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteText(&buf, windowRun(), Options{}, ColorNone); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	t.Log(out)
	for _, want := range []string{"distance    1K   2K   4K   8K  16K   (tokens from the needle to the question)",
		"     0-128    #    #    #    #    #", "    8K-16K    .    .    .    .    0"} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	// Records without distances print no distance table.
	buf.Reset()
	WriteText(&buf, stats.Summarize(sample("a", 1)), Options{}, ColorNone)
	if strings.Contains(buf.String(), "tokens from the needle to the question") {
		t.Error("a distance table without distances")
	}
}

func TestDistanceFiles(t *testing.T) {
	dir := t.TempDir()
	paths, err := RenderFiles(dir, windowRun(), Options{}, "png", "svg", "html")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{DistancePNG, DistanceSVG, DistanceCurvePNG, DistanceCurveSVG} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || len(b) < 1000 {
			t.Errorf("%s: %d bytes, %v (wrote %v)", name, len(b), err, paths)
		}
		artifact(t, name, b)
	}
	html, _ := os.ReadFile(filepath.Join(dir, ReportHTML))
	if !strings.Contains(string(html), "accuracy by needle distance") || strings.Count(string(html), `src="data:image/svg`) < 3 {
		t.Error("the HTML page lacks the distance view")
	}
	// A run without distances writes none of them.
	dir = t.TempDir()
	if _, err := RenderFiles(dir, stats.Summarize(sample("a", 1)), Options{}, "png", "html"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, DistancePNG)); err == nil {
		t.Error("distance.png written for records without distances")
	}
}
