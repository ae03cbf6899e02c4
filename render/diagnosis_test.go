package render

import (
	"strings"
	"testing"

	"niah/internal/recordtest"
	"niah/stats"
)

// Each shape is worded in one line with its parameter and evidence.
func TestDiagnosisText(t *testing.T) {
	grid := func(pass func(l int, d float64, dist int) bool) *stats.Summary {
		recs := recordtest.WithDistances(recordtest.Grid("m", recordtest.Pow2Lengths(1024, 32768), recordtest.LinDepths(11), 2,
			func(l int, d float64, _ int) float64 {
				if pass(l, d, recordtest.DistanceOf(l, d)) {
					return 1
				}
				return 0
			}))
		return stats.Summarize(recs)[0]
	}
	cases := []struct {
		s    *stats.Summary
		want string
	}{
		{grid(func(int, float64, int) bool { return true }), "diagnosis: no failure (132/132 found)"},
		{grid(func(l int, _ float64, _ int) bool { return l < 8192 }), "diagnosis: position limit near 8K: every depth fails from 8K (0/66 found), 4K and shorter hold (66/66 found)"},
		{grid(func(_ int, _ float64, dist int) bool { return dist < 4096 }), "diagnosis: distance limit near 4,"},
		{grid(func(l int, d float64, _ int) bool { return l < 4096 || d < 40 || d > 60 }), "diagnosis: a mid-depth dip: depths 40%-60% fail from 4K (0/24 found)"},
	}
	for _, c := range cases {
		got := DiagnosisText(stats.Diagnose(c.s))
		if !strings.HasPrefix(got, c.want) || strings.Contains(got, "\n") {
			t.Errorf("got  %q\nwant %q...", got, c.want)
		}
	}
	few := stats.Summarize(recordtest.WithDistances(recordtest.Grid("m", []int{1024, 2048, 4096}, []float64{0, 50}, 1,
		func(l int, d float64, _ int) float64 {
			if recordtest.DistanceOf(l, d) < 1500 {
				return 1
			}
			return 0
		})))[0]
	if got := DiagnosisText(stats.Diagnose(few)); !strings.HasPrefix(got, "diagnosis: not enough trials to tell ") || !strings.Contains(got, "would likely decide") {
		t.Errorf("few trials: %q", got)
	}
}
