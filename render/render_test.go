package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/stats"
)

func TestRenderRunWritesAllFiles(t *testing.T) {
	dir := t.TempDir()
	paths, err := RenderFiles(dir, stats.Summarize(sample("m", 1)), Options{DPI: 50}, "png", "svg", "html")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 5 {
		t.Fatalf("wrote %v", paths)
	}
	for _, name := range []string{HeatmapPNG, CurvePNG, HeatmapSVG, CurveSVG, ReportHTML} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || len(b) == 0 {
			t.Errorf("%s: %v (%d bytes)", name, err, len(b))
		}
	}
	svg, _ := os.ReadFile(filepath.Join(dir, HeatmapSVG))
	if !strings.Contains(string(svg), "@font-face") {
		t.Error("SVG does not embed its fonts")
	}
	if _, err := RenderFiles(dir, stats.Summarize(sample("m", 1)), Options{}, "gif"); err == nil || !strings.Contains(err.Error(), `"gif"`) {
		t.Errorf("unknown format error = %v", err)
	}
}

func TestRenderFilesLeavesNoTemporaryOnFailure(t *testing.T) {
	dir := t.TempDir()
	// A directory where report.html should go: the rename fails.
	if err := os.MkdirAll(filepath.Join(dir, ReportHTML, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	paths, err := RenderFiles(dir, stats.Summarize(sample("m", 1)), Options{DPI: 30}, "png", "html")
	if err == nil {
		t.Fatal("rendering onto a directory succeeded")
	}
	if len(paths) != 2 || filepath.Base(paths[0]) != HeatmapPNG || filepath.Base(paths[1]) != CurvePNG {
		t.Errorf("paths %v, want the pngs written before the failure", paths)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
