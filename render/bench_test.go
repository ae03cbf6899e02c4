package render

import (
	"bytes"
	"testing"

	"niah/internal/recordtest"
	"niah/stats"
)

// benchSummaries is the largest preset grid: 9 lengths (4K..1M) x 35
// depths x 5 trials, with some invalid cells.
func benchSummaries() []*stats.Summary {
	recs := recordtest.Grid("bench", recordtest.Pow2Lengths(4096, 1<<20), recordtest.LinDepths(35), 5, func(l int, d float64, t int) float64 {
		switch {
		case l == 1<<20:
			return -1
		case l >= 131072 && d > 40 && d < 60:
			return float64(t % 2)
		}
		return 1
	})
	return stats.Summarize(recs)
}

func benchRender(b *testing.B, write func(*bytes.Buffer, []*stats.Summary) error) {
	sums := benchSummaries()
	var buf bytes.Buffer
	b.ResetTimer()
	for b.Loop() {
		buf.Reset()
		if err := write(&buf, sums); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

func BenchmarkRenderPNG(b *testing.B) {
	benchRender(b, func(w *bytes.Buffer, s []*stats.Summary) error {
		return WriteHeatmapPNG(w, s, Options{Criteria: stats.Criteria{Claims: claimAll(s, 131072)}})
	})
}

func BenchmarkRenderSVG(b *testing.B) {
	benchRender(b, func(w *bytes.Buffer, s []*stats.Summary) error {
		return WriteHeatmapSVG(w, s, Options{Criteria: stats.Criteria{Claims: claimAll(s, 131072)}})
	})
}

func BenchmarkRenderHTML(b *testing.B) {
	benchRender(b, func(w *bytes.Buffer, s []*stats.Summary) error {
		return WriteHTML(w, s, Options{Criteria: stats.Criteria{Claims: claimAll(s, 131072)}})
	})
}

func BenchmarkSummarize(b *testing.B) {
	recs := benchSummaries()[0].Records
	for b.Loop() {
		stats.Summarize(recs)
	}
}

// claimAll claims n for every label of sums.
func claimAll(sums []*stats.Summary, n int) stats.Claims {
	c := stats.Claims{}
	for _, s := range sums {
		c[s.Label] = n
	}
	return c
}
