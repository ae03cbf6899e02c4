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

// LatentGap is a latent run beside a control of the same trials, per
// length: its latent:literal control (the needle's own word asked), or its
// latent:distract variant (a lure naming the question's keyword added).
type LatentGap struct {
	// Control is "literal" or "distract". Literal is the easier run of
	// the two (latent:literal, or latent beside distract) and Latent the
	// harder (latent, or latent:distract).
	Control         string
	Latent, Literal *Summary
	Lengths         []int
	// Gap[i] is easier − harder accuracy at Lengths[i] (fractions), NaN
	// where either side has no valid trial.
	Gap, LatentMean, LiteralMean []float64
}

// LatentGaps pairs every latent summary with a latent:literal one of the
// same model (or the only latent:literal summary when models differ or
// are unknown), and every latent:distract summary with its latent one the
// same way. No pair: nil.
func LatentGaps(sums []*Summary) []LatentGap {
	out := controlGaps(sums, "literal", "latent:literal", "latent")
	return append(out, controlGaps(sums, "distract", "latent", "latent:distract")...)
}

// controlGaps pairs each harder summary with an easier one of the same
// model, or the first easier one.
func controlGaps(sums []*Summary, control, easier, harder string) []LatentGap {
	var easy []*Summary
	for _, s := range sums {
		if s.Task == easier {
			easy = append(easy, s)
		}
	}
	var out []LatentGap
	for _, s := range sums {
		if s.Task != harder || len(easy) == 0 {
			continue
		}
		lit := easy[0]
		for _, l := range easy {
			if l.Model != "" && l.Model == s.Model {
				lit = l
				break
			}
		}
		g := LatentGap{Control: control, Latent: s, Literal: lit, Lengths: slices.Compact(slices.Sorted(slices.Values(slices.Concat(s.Lengths, lit.Lengths))))}
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
