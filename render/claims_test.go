package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/claims"
	"niah/internal/recordtest"
	"niah/results"
	"niah/stats"
)

// claimRuns are two labels over 4K–64K, 3 depths × 10 trials: "qwen"
// perfect to 16K then falling; "llama" perfect throughout.
func claimRuns() []results.Record {
	lengths := recordtest.Pow2Lengths(4096, 65536)
	qwen := recordtest.Grid("qwen", lengths, recordtest.LinDepths(3), 10, func(l int, d float64, t int) float64 {
		switch {
		case l <= 16384:
			return 1
		case l == 32768 && t < 8:
			return 1
		case l == 65536 && t < 3:
			return 1
		}
		return 0
	})
	llama := recordtest.Grid("llama", lengths, recordtest.LinDepths(3), 10, func(int, float64, int) float64 { return 1 })
	return append(qwen, llama...)
}

func publishedClaims() []claims.Claim {
	ruler := func(v float64, at int) claims.Claim {
		return claims.Claim{Model: "Qwen3-4B", Label: "qwen", Source: "RULER README", URL: "https://github.com/NVIDIA/RULER",
			Kind: claims.Score, Score: v, At: at, Metric: claims.MetricRULER, File: "claims.yaml"}
	}
	return []claims.Claim{
		ruler(0.951, 4096), ruler(0.936, 8192), ruler(0.91, 16384), ruler(0.878, 32768), ruler(0.778, 65536),
		{Model: "Llama-3.1-8B", Label: "llama", Source: "model card", URL: "https://example.org/<card>", Kind: claims.Window, Window: 131072, File: "claims.yaml"},
		{Model: "Llama-3.1-8B", Label: "llama", Source: "a blog", Kind: claims.Window, Window: 1 << 20, File: "claims.yaml"},
		{Model: "Llama-3.2-3B", Label: "llama", Source: "HELMET", Kind: claims.Score, Score: 0.992, At: 8192, Metric: "HELMET recall", File: "claims.yaml"},
		{Model: "Gemma", Label: "gemma", Source: "card", Kind: claims.Window, Window: 131072, File: "claims.yaml"},
	}
}

func TestClaimLinesInTheTextReport(t *testing.T) {
	recs := claimRuns()
	var b bytes.Buffer
	o := Options{Published: publishedClaims()}
	if err := WriteText(&b, stats.Summarize(recs), o, ColorNone); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"claims (claims.yaml), each against the measurement with its 95% interval; a window is held to the RULER bar of 85.6%:",
		"  Qwen3-4B (run qwen): RULER mean 95.1% at 4K (RULER README, https://github.com/NVIDIA/RULER): measured 100.0% [88.6, 100.0] at 4K " +
			"(accuracy on task single, standing in for a RULER mean) → consistent",
		"  Qwen3-4B (run qwen): RULER mean 87.8% at 32K (RULER README, https://github.com/NVIDIA/RULER): measured 80.0% [62.7, 90.5] at 32K",
		"  Qwen3-4B (run qwen): RULER mean 77.8% at 64K (RULER README, https://github.com/NVIDIA/RULER): measured 30.0% [16.7, 47.9] at 64K " +
			"(accuracy on task single, standing in for a RULER mean) → below the claim",
		"  Llama-3.1-8B (run llama): context window 128K (model card, https://example.org/<card>): 128K was not run (tested up to 64K) → not tested",
		"  Llama-3.2-3B (run llama): HELMET recall 99.2% at 8K (HELMET): measured 100.0% [88.6, 100.0] at 8K (accuracy on task single, standing in for HELMET recall) → consistent",
		"\na score is held against this run's own accuracy where niah does not measure the source's measure: a RULER mean needs RULER's tasks (run them with --task ruler)\n",
		"no run is labelled gemma: its claims are not held against anything (a claim's label: names its run)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks\n%s\nin\n%s", want, out)
		}
	}
	if n := strings.Count(out, " → "); n != 8 {
		t.Errorf("%d claim lines, want one per claim of a run's label (8)", n)
	}
}

func TestClaimLinesInCompareAndHTML(t *testing.T) {
	recs := claimRuns()
	es := Entries([][]results.Record{recs[:150], recs[150:]}, nil, nil, []string{"r/qwen", "r/llama"})
	o := Options{Published: publishedClaims()}
	var b bytes.Buffer
	if err := WriteCompareTable(&b, es, o); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "→ below the claim") || !strings.Contains(b.String(), "claims (claims.yaml)") {
		t.Errorf("compare table lacks the claims:\n%s", b.String())
	}
	dir := t.TempDir()
	if _, err := RenderCompare(dir, es, Options{Published: publishedClaims(), DPI: 30}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dir, CompareHTML))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<h2>claims</h2>`,
		`<a href="https://github.com/NVIDIA/RULER" rel="noreferrer">RULER README</a>`,
		`<a href="https://example.org/%3ccard%3e" rel="noreferrer">model card</a>`,
		`→ <b>below the claim</b>`,
		`no run is labelled gemma`,
	} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("compare.html lacks %s", want)
		}
	}
	if bytes.Contains(page, []byte("<card>")) {
		t.Error("a claims file's text reaches the page unescaped")
	}
}

// The accuracy chart with claims: each published score a labelled
// diamond in its line's colour, each claimed window dashed, a window
// beyond the chart named in the legend. The PNG is a golden image.
func TestCurveWithClaimsGolden(t *testing.T) {
	sums := stats.Summarize(claimRuns())
	o := Options{Published: publishedClaims(), DPI: 60}
	var svg bytes.Buffer
	if err := WriteCurveSVG(&svg, sums, o); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"RULER 95.1", "RULER 77.8", "HELMET recall 99.2", "qwen: published scores",
		"llama: 128K published", "llama: 1M published, beyond the chart", "llama: published score",
	} {
		if !strings.Contains(svg.String(), want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	if strings.Contains(svg.String(), "gemma") {
		t.Error("a claim of a label not on the chart is drawn")
	}
	p, err := curvePlot(sums, o)
	if err != nil {
		t.Fatal(err)
	}
	var ticks []string
	for _, tk := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		ticks = append(ticks, tk.Label)
	}
	if got := strings.Join(ticks, " "); got != "4K 8K 16K 32K 64K 128K" {
		t.Errorf("ticks %q: the claimed 128K widens the axis", got)
	}
	var png bytes.Buffer
	if err := WriteCurvePNG(&png, sums, o); err != nil {
		t.Fatal(err)
	}
	artifact(t, "curve_claims.png", png.Bytes())
	goldenImage(t, "curve_claims.png", png.Bytes())
}

// goldenImage compares an image byte for byte with testdata/name, or
// rewrites it with -update.
func goldenImage(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden image (go test -update rewrites it; look at %s)", name, artifact(t, "got-"+name, got))
	}
}
