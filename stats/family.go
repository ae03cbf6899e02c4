package stats

import (
	"math"
	"slices"
	"strings"
)

// Family is a task family whose accuracy is capped by more than
// retrieval, for which the NoLiMa (relative) effective length is the one
// to read.
type Family string

const (
	// NoFamily: the other tasks, capped by retrieval alone.
	NoFamily Family = ""
	// Latent: world knowledge caps accuracy at any length.
	Latent Family = "latent"
	// Hops: following the chain caps accuracy at any length.
	Hops Family = "hops"
)

// FamilyOf is the family of a task ("latent:literal" is latent's, "hops:4"
// hops'); NoFamily for the other tasks.
func FamilyOf(task string) Family {
	switch base, _, _ := strings.Cut(task, ":"); base {
	case "latent":
		return Latent
	case "hops":
		return Hops
	}
	return NoFamily
}

// FairBaseline is the longest shortest-length that gives the NoLiMa bar a
// fair baseline. NoLiMa's is the mean of 250, 500 and 1K tokens: a longer
// shortest length may already cost accuracy and lower the bar.
const FairBaseline = 1024

// BaselineTooLong reports a NoLiMa baseline measured at a length longer
// than FairBaseline.
func (e Effective) BaselineTooLong() bool { return e.BaseLength > FairBaseline }

// LatentGap is a latent run beside its latent:literal control (the same
// trials asked with the needle's own word), per length.
type LatentGap struct {
	Latent, Literal *Summary
	Lengths         []int
	// Gap[i] is literal − latent accuracy at Lengths[i] (fractions), NaN
	// where either side has no valid trial.
	Gap, LatentMean, LiteralMean []float64
}

// LatentGaps pairs every latent summary with a latent:literal one of the
// same model (or the only latent:literal summary when models differ or
// are unknown). No pair: nil.
func LatentGaps(sums []*Summary) []LatentGap {
	var lits []*Summary
	for _, s := range sums {
		if s.Task == "latent:literal" {
			lits = append(lits, s)
		}
	}
	var out []LatentGap
	for _, s := range sums {
		if s.Task != "latent" || len(lits) == 0 {
			continue
		}
		lit := lits[0]
		for _, l := range lits {
			if l.Model != "" && l.Model == s.Model {
				lit = l
				break
			}
		}
		g := LatentGap{Latent: s, Literal: lit, Lengths: slices.Compact(slices.Sorted(slices.Values(slices.Concat(s.Lengths, lit.Lengths))))}
		a, b := s.ByLength(), lit.ByLength()
		for _, l := range g.Lengths {
			lat, litm := math.NaN(), math.NaN()
			if x := a[l]; x != nil && x.Tested() {
				lat = x.Mean
			}
			if y := b[l]; y != nil && y.Tested() {
				litm = y.Mean
			}
			g.LatentMean, g.LiteralMean = append(g.LatentMean, lat), append(g.LiteralMean, litm)
			g.Gap = append(g.Gap, litm-lat) // NaN when either is
		}
		out = append(out, g)
	}
	return out
}

// ByLength indexes the per-length tallies by length.
func (s *Summary) ByLength() map[int]*LengthStat {
	m := make(map[int]*LengthStat, len(s.PerLength))
	for i := range s.PerLength {
		m[s.PerLength[i].Length] = &s.PerLength[i]
	}
	return m
}
