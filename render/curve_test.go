package render

import (
	"bytes"
	"strings"
	"testing"

	"niah/internal/recordtest"
	"niah/results"
	"niah/stats"
	"niah/units"
)

// Lengths that are not powers of two get a tick each, labelled as tested,
// and each claimed length is on the axis too.
func TestCurveTicksAtTestedAndClaimedLengths(t *testing.T) {
	lengths := []int{3000, 5000, 12000}
	a := recordtest.Grid("base", lengths, []float64{0, 50}, 2, func(l int, _ float64, _ int) float64 {
		if l > 5000 {
			return 0
		}
		return 1
	})
	b := recordtest.Grid("x2", lengths, []float64{0, 50}, 2, func(int, float64, int) float64 { return 1 })
	sums := stats.Summarize(append(a, b...))
	m := &results.Manifest{Models: []results.ModelInfo{{Label: "base", Claimed: 4000}, {Label: "x2", Claimed: 8000}}}
	o := Options{Criteria: stats.Criteria{Claims: stats.ClaimsOf(0, m, append(a, b...))}}
	p, err := curvePlot(sums, o)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tk := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		got = append(got, tk.Label)
	}
	want := []string{units.FormatLength(3000), units.FormatLength(4000), units.FormatLength(5000), units.FormatLength(8000), units.FormatLength(12000)}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("ticks %v, want %v", got, want)
	}
	var svg bytes.Buffer
	if err := WriteCurveSVG(&svg, sums, o); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"base", "x2", "claimed " + units.FormatLength(4000), "threshold 85.6%"} {
		if !strings.Contains(svg.String(), s) {
			t.Errorf("SVG lacks %q", s)
		}
	}
	var png bytes.Buffer
	if err := WriteCurvePNG(&png, sums, Options{DPI: 40}); err != nil || png.Len() == 0 {
		t.Errorf("PNG: %v (%d bytes)", err, png.Len())
	}
}

// A claim far beyond the tested lengths does not squash the chart: the
// legend names it instead.
func TestCurveClaimBeyondChartIsNamed(t *testing.T) {
	a := recordtest.Grid("m", []int{1024, 2048}, []float64{50}, 1, func(int, float64, int) float64 { return 1 })
	m := &results.Manifest{Models: []results.ModelInfo{{Label: "m", Claimed: 1 << 20}}}
	var svg bytes.Buffer
	if err := WriteCurveSVG(&svg, stats.Summarize(a), Options{Criteria: stats.Criteria{Claims: stats.ClaimsOf(0, m, a)}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(svg.String(), "claimed 1M, beyond the chart") {
		t.Error("the legend should name the claim beyond the chart")
	}
}
