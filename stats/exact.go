package stats

import "math"

// binomPMF is the probability of 0..n successes in n independent trials
// of probability p. Terms are computed outward from the mode, so the ones
// that matter never underflow, whatever n.
func binomPMF(n int, p float64) []float64 {
	out := make([]float64, n+1)
	switch {
	case p <= 0:
		out[0] = 1
		return out
	case p >= 1:
		out[n] = 1
		return out
	}
	mode := min(int(float64(n+1)*p), n)
	ln, _ := math.Lgamma(float64(n + 1))
	lk, _ := math.Lgamma(float64(mode + 1))
	lr, _ := math.Lgamma(float64(n - mode + 1))
	out[mode] = math.Exp(ln - lk - lr + float64(mode)*math.Log(p) + float64(n-mode)*math.Log1p(-p))
	odds := p / (1 - p)
	for k := mode; k < n; k++ {
		out[k+1] = out[k] * float64(n-k) / float64(k+1) * odds
	}
	for k := mode; k > 0; k-- {
		out[k-1] = out[k] * float64(k) / float64(n-k+1) / odds
	}
	return out
}

// McNemarExact is the two-sided exact McNemar p-value of a paired table
// with onlyA pairs where only A was right and onlyB where only B was: the
// exact binomial test of the smaller count among the discordant pairs
// against one half, its one tail doubled (capped at 1). No discordant
// pair: 1.
func McNemarExact(onlyA, onlyB int) float64 {
	m := onlyA + onlyB
	if m == 0 {
		return 1
	}
	pmf := binomPMF(m, 0.5)
	var tail float64
	for i := 0; i <= min(onlyA, onlyB); i++ {
		tail += pmf[i]
	}
	return math.Min(1, 2*tail)
}

// NewcombePaired is the 95% interval (z) for the difference of two paired
// proportions, B − A, by Newcombe's hybrid score method (Newcombe 1998,
// Statistics in Medicine 17:2635, method 10, "square-and-add" of the
// two Wilson intervals): with pA, pB the two proportions over n pairs,
// [lA, uA] and [lB, uB] their Wilson intervals, and φ the correlation of
// the table (Newcombe's corrected form: ad − bc reduced by n/2 when
// positive, 0 when that leaves nothing or a marginal is empty),
//
//	lower = d − sqrt((pB − lB)² − 2φ(pB − lB)(uA − pA) + (uA − pA)²)
//	upper = d + sqrt((uB − pB)² − 2φ(uB − pB)(pA − lA) + (pA − lA)²)
//
// where d = pB − pA. No pair: [−1, 1].
func NewcombePaired(t PairTable, z float64) (lo, hi float64) {
	n := t.N()
	if n == 0 {
		return -1, 1
	}
	nf := float64(n)
	pA, pB := float64(t.Both+t.OnlyA)/nf, float64(t.Both+t.OnlyB)/nf
	lA, uA := Wilson(pA, n, z)
	lB, uB := Wilson(pB, n, z)
	phi := 0.0
	margins := float64(t.Both+t.OnlyA) * float64(t.OnlyB+t.Neither) * float64(t.Both+t.OnlyB) * float64(t.OnlyA+t.Neither)
	if margins > 0 {
		ad := float64(t.Both)*float64(t.Neither) - float64(t.OnlyA)*float64(t.OnlyB)
		switch {
		case ad > nf/2:
			phi = (ad - nf/2) / math.Sqrt(margins)
		case ad < 0:
			phi = ad / math.Sqrt(margins)
		}
	}
	d := pB - pA
	dl1, du2 := pB-lB, uA-pA
	du1, dl2 := uB-pB, pA-lA
	lo = d - math.Sqrt(math.Max(0, dl1*dl1-2*phi*dl1*du2+du2*du2))
	hi = d + math.Sqrt(math.Max(0, du1*du1-2*phi*du1*dl2+dl2*dl2))
	return math.Max(-1, lo), math.Min(1, hi)
}

// Holm adjusts p-values for the family they belong to (Holm's step-down
// method): the i-th smallest of k is multiplied by k − i + 1, and no
// adjusted value is smaller than one before it in that order, nor over 1.
func Holm(ps []float64) []float64 {
	k := len(ps)
	order := make([]int, k)
	for i := range order {
		order[i] = i
	}
	// insertion sort keeps ties in input order; families are small
	for i := 1; i < k; i++ {
		for j := i; j > 0 && ps[order[j]] < ps[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	out := make([]float64, k)
	running := 0.0
	for rank, i := range order {
		running = math.Max(running, math.Min(1, float64(k-rank)*ps[i]))
		out[i] = running
	}
	return out
}
