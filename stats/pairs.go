package stats

import (
	"sort"
)

// PairScore is one latent pair's mean score over its valid trials at one
// length.
type PairScore struct {
	Pair  string  `json:"pair"`
	Valid int     `json:"valid"`
	Mean  float64 `json:"mean"`
}

// pairScores tallies a summary's valid trials by pair and length.
func pairScores(s *Summary) map[int]map[string]*PairScore {
	out := map[int]map[string]*PairScore{}
	for i := range s.Records {
		r := &s.Records[i]
		if r.Pair == "" || !r.Valid() {
			continue
		}
		if out[r.Length] == nil {
			out[r.Length] = map[string]*PairScore{}
		}
		p := out[r.Length][r.Pair]
		if p == nil {
			p = &PairScore{Pair: r.Pair}
			out[r.Length][r.Pair] = p
		}
		p.Mean = (p.Mean*float64(p.Valid) + r.Score) / float64(p.Valid+1)
		p.Valid++
	}
	return out
}

// PairBases are the per-pair base scores of a latent summary: each pair's
// mean at the shortest length with valid trials, lowest first (ties by
// name). length is 0 when the records name no pairs.
func PairBases(s *Summary) (length int, bases []PairScore) {
	byLength := pairScores(s)
	for _, l := range s.Lengths {
		if len(byLength[l]) > 0 {
			length = l
			break
		}
	}
	for _, p := range byLength[length] {
		bases = append(bases, *p)
	}
	sort.Slice(bases, func(a, b int) bool {
		if bases[a].Mean != bases[b].Mean {
			return bases[a].Mean < bases[b].Mean
		}
		return bases[a].Pair < bases[b].Pair
	})
	return length, bases
}

// PerPairCurve normalises each pair by its own base score, as NoLiMa
// does: at each length, the mean over the pairs tested there of the
// pair's score ÷ its base score. Pairs with a base score of 0 (nothing to
// keep a fraction of) or no base at all are left out and counted.
type PerPairCurve struct {
	BaseLength int
	Lengths    []int
	Relative   []float64 // per Lengths entry; NaN-free: lengths with no pair are left out
	Pairs      []int     // pairs averaged per length
	LeftOut    int       // pairs seen with no usable base score
}

// ComputePerPairCurve builds a summary's per-pair relative curve; ok is
// false when its records name no pairs.
func ComputePerPairCurve(s *Summary) (c PerPairCurve, ok bool) {
	base, bases := PairBases(s)
	if base == 0 {
		return c, false
	}
	c.BaseLength = base
	baseOf := map[string]float64{}
	for _, b := range bases {
		baseOf[b.Pair] = b.Mean
	}
	left := map[string]bool{}
	byLength := pairScores(s)
	for _, l := range s.Lengths {
		sum, n := 0.0, 0
		for name, p := range byLength[l] {
			b, has := baseOf[name]
			if !has || b == 0 {
				left[name] = true
				continue
			}
			sum += p.Mean / b
			n++
		}
		if n > 0 {
			c.Lengths = append(c.Lengths, l)
			c.Relative = append(c.Relative, sum/float64(n))
			c.Pairs = append(c.Pairs, n)
		}
	}
	c.LeftOut = len(left)
	return c, true
}

// applyPerPair makes e's NoLiMa length the per-pair one: the largest
// length whose per-pair relative score, and that of every shorter length,
// holds the relative bar.
func applyPerPair(e *Effective, s *Summary) {
	c, ok := ComputePerPairCurve(s)
	if !ok {
		return
	}
	e.PerPair = true
	tested := make([]LengthStat, len(c.Lengths))
	for i, l := range c.Lengths {
		tested[i] = LengthStat{Length: l, Tally: Tally{Mean: c.Relative[i], Valid: c.Pairs[i]}}
	}
	e.NoLiMa = holdsTo(tested, e.Relative)
	e.PairsLeftOut = c.LeftOut
}
