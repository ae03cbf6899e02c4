package render

import (
	"fmt"
	"strings"

	"niah/stats"
	"niah/units"
)

// pairLowest is how many of the lowest per-pair base scores the text
// report names.
const pairLowest = 5

// pairBasesLine is the text report's line on a latent run's per-pair base
// scores (NoLiMa reads each pair against its own): how many pairs were
// asked at the shortest length, how many every time right, and the lowest.
// "" when the records name no pairs.
func pairBasesLine(s *stats.Summary) string {
	length, bases := stats.PairBases(s)
	if length == 0 {
		return ""
	}
	perfect := 0
	for _, b := range bases {
		if b.Mean == 1 {
			perfect++
		}
	}
	line := fmt.Sprintf("per-pair base scores at %s: %d pairs, %d always right", units.FormatLength(length), len(bases), perfect)
	var low []string
	for _, b := range bases[:min(pairLowest, len(bases))] {
		if b.Mean == 1 {
			break
		}
		low = append(low, fmt.Sprintf("%s %s (%s)", b.Pair, FormatPct(b.Mean), trialsWord(b.Valid)))
	}
	if len(low) > 0 {
		line += "; lowest: " + strings.Join(low, ", ")
	}
	return line + " (all of them in report.html; --relative per-pair reads each pair against its own)"
}

func trialsWord(n int) string {
	if n == 1 {
		return "1 trial"
	}
	return fmt.Sprintf("%d trials", n)
}

// htmlPairs is the per-pair base score table of the HTML report.
type htmlPairs struct {
	Length string
	Rows   []htmlPairRow
}

type htmlPairRow struct{ Pair, Valid, Score string }

func htmlPairsOf(s *stats.Summary) *htmlPairs {
	length, bases := stats.PairBases(s)
	if length == 0 {
		return nil
	}
	h := &htmlPairs{Length: units.FormatLength(length)}
	for _, b := range bases {
		h.Rows = append(h.Rows, htmlPairRow{b.Pair, fmt.Sprint(b.Valid), FormatPct(b.Mean)})
	}
	return h
}
