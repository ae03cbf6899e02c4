package stats

import (
	"math"
	"testing"
)

// brute is an independent exact power computation: it enumerates every
// outcome (i pairs only A right, j only B right, the rest concordant) of
// n pairs, takes each one's p-value from Pascal's triangle, and adds the
// multinomial probability of those the test rejects.
type brute struct {
	logFact []float64
	pval    [][]float64 // pval[m][k]: two-sided exact p-value, k of m one way
}

func newBrute(maxN int) *brute {
	b := &brute{logFact: make([]float64, maxN+1)}
	for i := 1; i <= maxN; i++ {
		b.logFact[i] = b.logFact[i-1] + math.Log(float64(i))
	}
	row := []float64{1}
	for m := 0; m <= maxN; m++ {
		if m > 0 {
			next := make([]float64, m+1)
			next[0], next[m] = row[0]/2, row[m-1]/2
			for k := 1; k < m; k++ {
				next[k] = (row[k-1] + row[k]) / 2 // C(m,k)/2^m from the row above
			}
			row = next
		}
		cum := make([]float64, m+1)
		for i := range cum {
			cum[i] = row[i]
			if i > 0 {
				cum[i] += cum[i-1]
			}
		}
		p := make([]float64, m+1)
		for k := 0; k <= m; k++ {
			p[k] = math.Min(1, 2*cum[min(k, m-k)])
		}
		if m == 0 {
			p[0] = 1
		}
		b.pval = append(b.pval, p)
	}
	return b
}

// power on n pairs where a pair is "only A" with probability pa and
// "only B" with pb.
func (b *brute) power(n int, pa, pb float64) float64 {
	pc := 1 - pa - pb
	total := 0.0
	for i := 0; i <= n; i++ {
		for j := 0; i+j <= n; j++ {
			if b.pval[i+j][i] > PairedAlpha {
				continue
			}
			lp := b.logFact[n] - b.logFact[i] - b.logFact[j] - b.logFact[n-i-j]
			lp += xlogy(i, pa) + xlogy(j, pb) + xlogy(n-i-j, pc)
			total += math.Exp(lp)
		}
	}
	return total
}

func xlogy(k int, p float64) float64 {
	if k == 0 {
		return 0
	}
	if p <= 0 {
		return math.Inf(-1)
	}
	return float64(k) * math.Log(p)
}

// at is the power for a difference delta at discordance psi (B better).
func (b *brute) at(n int, psi, delta float64) float64 {
	return b.power(n, (psi-delta)/2, (psi+delta)/2)
}

func TestMcNemarPowerMatchesEnumeration(t *testing.T) {
	b := newBrute(80)
	for _, c := range []struct {
		n          int
		psi, delta float64
	}{
		{10, 0.5, 0.3}, {20, 0.2, 0.1}, {33, 0.3, 0.2}, {40, 0.1, 0.1}, {60, 0.25, 0.05}, {80, 0.6, 0.3}, {6, 1, 1}, {12, 0.4, 0},
	} {
		want := b.at(c.n, c.psi, c.delta)
		if got := McNemarPower(c.n, c.psi, c.delta, PairedAlpha); math.Abs(got-want) > 1e-9 {
			t.Errorf("power(n=%d, ψ=%v, δ=%v) = %.12f, enumeration %.12f", c.n, c.psi, c.delta, got, want)
		}
	}
}

// Worked by hand: with no discordance seen, a difference d needs d of the
// pairs to disagree, all one way. On 6 pairs the test rejects only when
// all 6 are discordant (2⁻⁵ < 5%), so the power is d⁶ and 80% needs
// d = 0.8^(1/6) = 0.9635. On 5 pairs nothing is ever significant.
func TestDetectableHandWorked(t *testing.T) {
	d, ok := Detectable(6, 0)
	if !ok || math.Abs(d-math.Pow(0.8, 1.0/6)) > 2e-5 {
		t.Errorf("Detectable(6, 0) = %v, %v; want 0.8^(1/6) = %.5f", d, ok, math.Pow(0.8, 1.0/6))
	}
	if d, ok := Detectable(5, 0.5); ok {
		t.Errorf("5 pairs can never reach 5%%: got %v", d)
	}
	if p := McNemarPower(5, 1, 1, PairedAlpha); p != 0 {
		t.Errorf("power on 5 pairs %v, want 0", p)
	}
	if p := McNemarPower(6, 1, 1, PairedAlpha); math.Abs(p-1) > 1e-12 {
		t.Errorf("power on 6 pairs all one way %v, want 1", p)
	}
}

// The power statement against a table computed here by enumeration: for
// each run size and observed discordance, the smallest difference found
// with 80% power (scanning differences in steps of 0.001), and the fewest
// pairs a 5-point difference needs (scanning the pair count from 1).
func TestPowerStatementTable(t *testing.T) {
	if testing.Short() {
		t.Skip("enumerates every outcome of up to 480 pairs")
	}
	b := newBrute(480)
	for _, c := range []struct {
		n        int
		observed float64
	}{
		{12, 0}, {33, 0}, {33, 0.1}, {66, 0.2}, {198, 0.05},
	} {
		want := 0.0
		for d := 0.001; d <= 1; d += 0.001 {
			if b.at(c.n, discordanceFor(c.observed, d), d) >= PairedPower {
				want = d
				break
			}
		}
		got, ok := Detectable(c.n, c.observed)
		if !ok || got > want+1e-9 || got <= want-0.001-1e-9 {
			t.Errorf("Detectable(%d, %v) = %.5f (%v), enumeration puts it in (%.3f, %.3f]", c.n, c.observed, got, ok, want-0.001, want)
		}
	}
	for _, observed := range []float64{0, 0.05, 0.1} {
		psi := discordanceFor(observed, TargetChange)
		want := 0
		for n := 1; n <= 480; n++ {
			if b.at(n, psi, TargetChange) >= PairedPower {
				want = n
				break
			}
		}
		if want == 0 {
			t.Fatalf("discordance %v: enumeration found no n ≤ 480", observed)
		}
		if got := PairsNeeded(TargetChange, observed); got != want {
			t.Errorf("PairsNeeded(5 points, discordance %v) = %d, enumeration %d", observed, got, want)
		}
	}
}
