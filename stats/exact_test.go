package stats

import (
	"math"
	"testing"
)

// McNemar's exact test against values worked by hand: the doubled tail
// of Bin(m, ½) at the smaller discordant count.
func TestMcNemarExactHandWorked(t *testing.T) {
	for _, c := range []struct {
		onlyA, onlyB int
		want         float64
		why          string
	}{
		{0, 0, 1, "all concordant: nothing to test"},
		{0, 6, 2.0 / 64, "one-sided, 6 pairs: 2 × 2⁻⁶"},
		{6, 0, 2.0 / 64, "the other side: the same"},
		{0, 5, 2.0 / 32, "one-sided, 5 pairs: 2 × 2⁻⁵, not significant"},
		{0, 1, 1, "one pair: 2 × ½ = 1"},
		{3, 3, 1, "balanced: 2 × 42/64 > 1, capped"},
		{1, 9, 2 * 11.0 / 1024, "1 of 10: 2 × (1 + 10)/2¹⁰"},
		// Cavo et al. 2012 (Fagerland, Lydersen & Laake 2014): 6 and 16
		// discordant: 2 × (1+22+231+1540+7315+26334+74613)/2²² = 0.0525.
		{6, 16, 2 * 110056.0 / 4194304, "Cavo et al."},
	} {
		if got := McNemarExact(c.onlyA, c.onlyB); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%s: McNemarExact(%d, %d) = %.12g, want %.12g", c.why, c.onlyA, c.onlyB, got, c.want)
		}
	}
	// 200 discordant pairs, 80 one way: the tail sums terms as small as
	// 2⁻²⁰⁰ without underflow; it must equal the sum done in big steps.
	want := 0.0
	for i := 0; i <= 80; i++ {
		lc, _ := math.Lgamma(201)
		li, _ := math.Lgamma(float64(i + 1))
		lr, _ := math.Lgamma(float64(201 - i))
		want += math.Exp(lc - li - lr - 200*math.Ln2)
	}
	if got := McNemarExact(80, 120); math.Abs(got-2*want) > 1e-12 {
		t.Errorf("McNemarExact(80, 120) = %g, want %g", got, 2*want)
	}
}

// Newcombe's interval against a published value and against cases worked
// by hand.
func TestNewcombePaired(t *testing.T) {
	// Cavo et al.: 59 both, 6 only before, 16 only after, 80 neither;
	// Fagerland et al. publish −0.0621 (95% CI −0.1186 to −0.0046) for
	// before − after. B is "before" here.
	cavo := PairTable{Both: 59, OnlyB: 6, OnlyA: 16, Neither: 80}
	lo, hi := NewcombePaired(cavo, WilsonZ)
	if d := cavo.AccB() - cavo.AccA(); math.Abs(d-(-10.0/161)) > 1e-12 {
		t.Errorf("difference %v, want −10/161", d)
	}
	if math.Abs(lo-(-0.1186)) > 5e-5 || math.Abs(hi-(-0.0046)) > 5e-5 {
		t.Errorf("Cavo: [%.4f, %.4f], want [−0.1186, −0.0046]", lo, hi)
	}

	// All right on both sides, 10 pairs: no margin varies, so φ = 0 and
	// the interval is ± the distance from 1 to the Wilson lower bound of
	// 10/10, which is 10/(10 + z²): ± z²/(10 + z²).
	z2 := WilsonZ * WilsonZ
	lo, hi = NewcombePaired(PairTable{Both: 10}, WilsonZ)
	if w := z2 / (10 + z2); math.Abs(lo+w) > 1e-12 || math.Abs(hi-w) > 1e-12 {
		t.Errorf("all concordant: [%v, %v], want ±%v", lo, hi, w)
	}

	// One-sided: 4 pairs, A always wrong, B always right. pA = 0, pB = 1,
	// Wilson bounds 0..4/(4+z²) for A and z²/(4+z²)..1 for B, φ = 0
	// (A's margin is empty): lower = 1 − sqrt(2)·z²/(4+z²), upper = 1.
	lo, hi = NewcombePaired(PairTable{OnlyB: 4}, WilsonZ)
	w := z2 / (4 + z2)
	if math.Abs(lo-(1-math.Sqrt(2)*w)) > 1e-12 || hi != 1 {
		t.Errorf("one-sided: [%v, %v], want [%v, 1]", lo, hi, 1-math.Sqrt(2)*w)
	}

	// A mixed table worked through the formula by hand: 5 both, 1 only A,
	// 3 only B, 1 neither (n = 10). pA = 0.6, pB = 0.8; ad − bc = 5 − 3 = 2
	// ≤ n/2, so φ = 0 and the interval is the root-sum-square of the
	// Wilson half-widths: lower = 0.2 − sqrt((0.8−lB)² + (uA−0.6)²),
	// upper = 0.2 + sqrt((uB−0.8)² + (0.6−lA)²).
	lA, uA := Wilson(0.6, 10, WilsonZ)
	lB, uB := Wilson(0.8, 10, WilsonZ)
	wantLo := 0.2 - math.Sqrt(math.Pow(0.8-lB, 2)+math.Pow(uA-0.6, 2))
	wantHi := 0.2 + math.Sqrt(math.Pow(uB-0.8, 2)+math.Pow(0.6-lA, 2))
	lo, hi = NewcombePaired(PairTable{Both: 5, OnlyA: 1, OnlyB: 3, Neither: 1}, WilsonZ)
	if math.Abs(lo-wantLo) > 1e-12 || math.Abs(hi-wantHi) > 1e-12 {
		t.Errorf("mixed: [%v, %v], want [%v, %v]", lo, hi, wantLo, wantHi)
	}
	// Those Wilson bounds, by hand: 10 trials, z = 1.959964.
	if math.Abs(lA-0.312674) > 1e-6 || math.Abs(uB-0.943318) > 1e-6 {
		t.Errorf("Wilson(0.6, 10) lower %v, Wilson(0.8, 10) upper %v", lA, uB)
	}
	// Correlated pairs, so φ counts: 20 both, 2 only A, 5 only B, 13
	// neither (n = 40). ad − bc = 250 > n/2, φ = 230/sqrt(22·18·25·15)
	// = 0.59685; worked through the formula in Python (floats):
	// [−0.0590344, +0.2038393] around 0.075.
	lo, hi = NewcombePaired(PairTable{Both: 20, OnlyA: 2, OnlyB: 5, Neither: 13}, WilsonZ)
	if math.Abs(lo-(-0.0590343814283214)) > 1e-9 || math.Abs(hi-0.2038393120712714) > 1e-9 {
		t.Errorf("correlated: [%.10f, %.10f], want [−0.0590343814, 0.2038393121]", lo, hi)
	}
	if lo, hi := NewcombePaired(PairTable{}, WilsonZ); lo != -1 || hi != 1 {
		t.Errorf("no pair: [%v, %v], want [−1, 1]", lo, hi)
	}
}

func TestHolm(t *testing.T) {
	// Three p-values: the smallest × 3, the next × 2 (or the previous
	// adjusted value if larger), the largest × 1, capped at 1.
	got := Holm([]float64{0.04, 0.01, 0.03})
	want := []float64{0.06, 0.03, 0.06}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Fatalf("Holm = %v, want %v", got, want)
		}
	}
	if got := Holm([]float64{0.5, 0.6}); got[0] != 1 || got[1] != 1 {
		t.Errorf("Holm caps at 1: %v", got)
	}
	if got := Holm([]float64{0.2}); got[0] != 0.2 {
		t.Errorf("one test is not adjusted: %v", got)
	}
}
