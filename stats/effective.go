package stats

import (
	"niah/results"
)

// Default thresholds of the two published definitions of effective length.
const (
	// DefaultThreshold is RULER's: Llama-2-7B's score at 4K, 85.6%.
	DefaultThreshold = 0.856
	// DefaultRelative is NoLiMa's: 85% of the model's own short-context score.
	DefaultRelative = 0.85
)

// Effective is the effective context length of one summary, both ways.
// A length with no valid trial is untested: it neither passes nor fails.
type Effective struct {
	Threshold float64 `json:"threshold"`
	Relative  float64 `json:"relative"`
	// RULER is the largest tested length whose accuracy, and that of every
	// shorter tested length, is >= Threshold. 0: even the shortest fails.
	RULER int `json:"ruler"`
	// NoLiMa is the same with the bar at Relative x Base.
	NoLiMa     int     `json:"nolima"`
	Base       float64 `json:"base"`        // accuracy at the shortest tested length
	BaseLength int     `json:"base_length"` // that length
	MaxTested  int     `json:"max_tested"`
	MinTested  int     `json:"min_tested"`
	// Untested lists lengths that had trials but none valid, with reasons.
	Untested        []int                  `json:"untested,omitempty"`
	UntestedReasons map[results.Reason]int `json:"untested_reasons,omitempty"`
	// PerPair: NoLiMa is read per latent pair (--relative per-pair), each
	// pair against its own base score; PairsLeftOut had a base of 0.
	PerPair      bool `json:"per_pair,omitempty"`
	PairsLeftOut int  `json:"pairs_left_out,omitempty"`
}

// ComputeEffective measures s against an absolute threshold (RULER) and a
// relative one (NoLiMa). Thresholds are fractions (0.856, 0.85).
func ComputeEffective(s *Summary, threshold, relative float64) Effective {
	e := Effective{Threshold: threshold, Relative: relative}
	var tested []LengthStat
	for _, ls := range s.PerLength {
		if ls.Tested() {
			tested = append(tested, ls)
			continue
		}
		e.Untested = append(e.Untested, ls.Length)
		for k, v := range ls.Reasons {
			if e.UntestedReasons == nil {
				e.UntestedReasons = map[results.Reason]int{}
			}
			e.UntestedReasons[k] += v
		}
	}
	if len(tested) == 0 {
		return e
	}
	e.MinTested, e.MaxTested = tested[0].Length, tested[len(tested)-1].Length
	e.Base, e.BaseLength = tested[0].Mean, tested[0].Length
	e.RULER = holdsTo(tested, threshold)
	if e.Base > 0 { // a bar relative to 0% is 0%, which every length "holds"
		e.NoLiMa = holdsTo(tested, relative*e.Base)
	}
	return e
}

// holdsTo is the largest length of the ascending prefix of tested lengths
// whose means all reach bar.
func holdsTo(tested []LengthStat, bar float64) int {
	const eps = 1e-9 // 0.856 must pass a bar of 0.856 despite float noise
	held := 0
	for _, ls := range tested {
		if ls.Mean+eps < bar {
			break
		}
		held = ls.Length
	}
	return held
}

// NoLiMaUndefined reports a NoLiMa effective length that cannot be read:
// the shortest tested length scored 0%, so there is no short-context
// score to keep a fraction of.
func (e Effective) NoLiMaUndefined() bool { return e.MaxTested > 0 && e.Base <= 0 }
