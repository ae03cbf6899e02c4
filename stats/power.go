package stats

import "math"

// The paired tests' settings: a two-sided 5% test, 80% power, and the
// difference every run is asked whether it could find, 5 points.
const (
	PairedAlpha  = 0.05
	PairedPower  = 0.80
	TargetChange = 0.05
	// MinDecisive is the fewest discordant pairs, all one way, on which
	// the exact test can reach PairedAlpha: 2 × 2⁻⁶ = 0.031, 2 × 2⁻⁵ = 0.0625.
	MinDecisive = 6
	// maxPairs bounds the search for the pairs a difference needs.
	maxPairs = 1_000_000
)

// critical is the largest count k such that k or fewer of m discordant
// pairs going one way is significant at alpha on the exact two-sided
// McNemar test (2·P(X ≤ k) ≤ alpha, X ~ Bin(m, ½)); −1 when none is.
func critical(m int, alpha float64) int {
	pmf := binomPMF(m, 0.5)
	k, cdf := -1, 0.0
	for i := 0; i <= m; i++ {
		cdf += pmf[i]
		if 2*cdf > alpha*(1+1e-12) {
			break
		}
		k = i
	}
	return k
}

// powerCalc computes the exact power of McNemar's test for one setting
// (discordance psi, difference delta) and remembers what does not depend
// on the number of pairs.
type powerCalc struct {
	alpha, psi, pi float64
	reject         []float64 // reject[m]: P(the test rejects | m discordant pairs); NaN: not yet known
}

// newPowerCalc prepares the power of a test on pairs whose discordance
// (the chance a pair disagrees) is psi and whose difference B − A is
// delta, |delta| ≤ psi.
func newPowerCalc(psi, delta, alpha float64) *powerCalc {
	delta = math.Abs(delta)
	pi := 0.5 // the chance a discordant pair favours the better side
	if psi > 0 {
		pi = math.Min(1, (psi+delta)/(2*psi))
	}
	return &powerCalc{alpha: alpha, psi: psi, pi: pi}
}

// rejectGiven is the chance the test rejects when m pairs are discordant.
func (c *powerCalc) rejectGiven(m int) float64 {
	for len(c.reject) <= m {
		c.reject = append(c.reject, math.NaN())
	}
	if !math.IsNaN(c.reject[m]) {
		return c.reject[m]
	}
	r := 0.0
	if k := critical(m, c.alpha); k >= 0 {
		pmf := binomPMF(m, c.pi)
		for i := 0; i <= k; i++ {
			r += pmf[i] + pmf[m-i]
		}
	}
	c.reject[m] = math.Min(1, r)
	return c.reject[m]
}

// power is the chance the exact two-sided McNemar test rejects on n pairs.
// The discordant count is Bin(n, psi); given m of them, the count going
// B's way is Bin(m, pi). Terms too small to matter are skipped.
func (c *powerCalc) power(n int) float64 {
	var p float64
	for m, w := range binomPMF(n, c.psi) {
		if w < 1e-15 || m < MinDecisive {
			continue
		}
		p += w * c.rejectGiven(m)
	}
	return math.Min(1, p)
}

// McNemarPower is the exact power of the two-sided McNemar test at level
// alpha on n pairs of discordance psi and difference delta (|delta| ≤ psi).
func McNemarPower(n int, psi, delta, alpha float64) float64 {
	return newPowerCalc(psi, delta, alpha).power(n)
}

// discordanceFor is the discordance a difference of delta is judged at:
// the run's own, or delta itself when that is larger (a difference of
// delta needs at least that share of pairs to disagree).
func discordanceFor(observed, delta float64) float64 { return math.Max(observed, math.Abs(delta)) }

// Detectable is the smallest difference B − A (a fraction, > 0) that the
// exact McNemar test on n pairs finds with PairedPower at PairedAlpha,
// at the observed discordance (or the difference itself, when larger).
// ok is false when no difference, however large, reaches that power
// (fewer than MinDecisive pairs could be discordant).
func Detectable(n int, observed float64) (delta float64, ok bool) {
	at := func(d float64) float64 {
		return newPowerCalc(discordanceFor(observed, d), d, PairedAlpha).power(n)
	}
	if n < MinDecisive || at(1) < PairedPower {
		return 0, false
	}
	lo, hi := 0.0, 1.0
	for hi-lo > 1e-5 {
		mid := (lo + hi) / 2
		if at(mid) >= PairedPower {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, true
}

// PairsNeeded is the fewest pairs on which the exact McNemar test finds a
// difference of delta with PairedPower at PairedAlpha, at the observed
// discordance (or delta itself, when larger); 0 when more than a million
// would be needed.
func PairsNeeded(delta, observed float64) int {
	c := newPowerCalc(discordanceFor(observed, delta), delta, PairedAlpha)
	// The normal approximation (Connor 1987) is close; the exact power
	// saw-tooths around it, so the search starts at half of it, where
	// the power is far below PairedPower.
	psi, d := c.psi, math.Abs(delta)
	approx := math.Pow((1.959964*math.Sqrt(psi)+0.841621*math.Sqrt(psi-d*d))/d, 2)
	for n := max(MinDecisive, int(approx/2)); n <= maxPairs; n++ {
		if c.power(n) >= PairedPower {
			return n
		}
	}
	return 0
}
