package render

import (
	"fmt"
	"math"
	"strings"

	"niah/stats"
	"niah/units"
)

// htmlGap is a LatentGap as the HTML page shows it: Literal and Latent
// are the easier and the harder run (latent:literal and latent, or latent
// and latent:distract), Easy and Hard their short names.
type htmlGap struct {
	Latent, Literal string
	Easy, Hard      string
	Distract        bool
	Rows            []htmlGapRow
}

type htmlGapRow struct{ Length, Literal, Latent, Gap string }

func htmlGaps(sums []*stats.Summary) []htmlGap {
	pct := func(v float64) string {
		if math.IsNaN(v) {
			return "—"
		}
		return fmt.Sprintf("%.1f%%", v*100)
	}
	var out []htmlGap
	for _, g := range stats.LatentGaps(sums) {
		h := htmlGap{Latent: g.Latent.Label, Literal: g.Literal.Label, Easy: "literal", Hard: "latent", Distract: g.Control == "distract"}
		if h.Distract {
			h.Easy, h.Hard = "latent", "distract"
		}
		for i, l := range g.Lengths {
			gap := "—"
			if !math.IsNaN(g.Gap[i]) {
				gap = signedPoints(g.Gap[i])
			}
			h.Rows = append(h.Rows, htmlGapRow{units.FormatLength(l), pct(g.LiteralMean[i]), pct(g.LatentMean[i]), gap})
		}
		out = append(out, h)
	}
	return out
}

// writeGapLines writes one line per latent/latent:literal and
// latent:distract/latent pair for the compare table: the gap per length,
// in accuracy points.
func writeGapLines(b *strings.Builder, sums []*stats.Summary) {
	for _, g := range stats.LatentGaps(sums) {
		parts := make([]string, len(g.Lengths))
		for i, l := range g.Lengths {
			v := "—"
			if !math.IsNaN(g.Gap[i]) {
				v = signedPoints(g.Gap[i])
			}
			parts[i] = units.FormatLength(l) + " " + v
		}
		easy, hard := "literal", "latent"
		if g.Control == "distract" {
			easy, hard = "latent", "distract"
		}
		fmt.Fprintf(b, "\n%s − %s (%s − %s), points per length: %s\n", easy, hard, g.Literal.Label, g.Latent.Label, strings.Join(parts, ", "))
	}
}

func entrySummaries(es []Entry) []*stats.Summary {
	out := make([]*stats.Summary, len(es))
	for i, e := range es {
		out[i] = e.Summary
	}
	return out
}
