package stats

import (
	"niah/results"
)

// Criteria say how effective length is judged: the two thresholds and the
// context each model claims.
type Criteria struct {
	Threshold float64 // RULER bar; 0: DefaultThreshold
	Relative  float64 // NoLiMa fraction; 0: DefaultRelative
	// Claims is the claimed context of each label, resolved once by
	// ClaimsOf; every verdict, marker and comparison reads it.
	Claims Claims
	// PerPair reads the NoLiMa length per latent pair, each against its own
	// base score (--relative per-pair), where the records name pairs.
	PerPair bool
}

// Bars are the thresholds in force: RULER's absolute and NoLiMa's relative.
func (c Criteria) Bars() (threshold, relative float64) {
	return orDefault(c.Threshold, DefaultThreshold), orDefault(c.Relative, DefaultRelative)
}

func orDefault(v, d float64) float64 {
	if v > 0 {
		return v
	}
	return d
}

// Effective measures s against the criteria's thresholds.
func (c Criteria) Effective(s *Summary) Effective {
	t, r := c.Bars()
	e := ComputeEffective(s, t, r)
	if c.PerPair {
		applyPerPair(&e, s)
	}
	return e
}

// Verdict judges s against the thresholds and its label's claim.
func (c Criteria) Verdict(s *Summary) Verdict {
	return c.Effective(s).Verdict(c.Claims[s.Label])
}

// Claims is the claimed context of each label in tokens. A label it
// lacks (or maps to 0) has no known claim.
type Claims map[string]int

// ClaimsOf resolves the claimed context of every label of recs, the one
// rule for it: claimed (--claimed) for every label when > 0; else what the
// manifest records for the label: the claim recorded with the run, else
// the window the server reported; else unknown.
func ClaimsOf(claimed int, m *results.Manifest, recs []results.Record) Claims {
	c := Claims{}
	seen := map[string]bool{}
	for i := range recs {
		label := labelOf(&recs[i])
		if seen[label] {
			continue
		}
		seen[label] = true
		n := claimed
		if n <= 0 {
			n = manifestClaim(m, label)
		}
		if n > 0 {
			c[label] = n
		}
	}
	return c
}

// manifestClaim is the claim m records for label: the claimed context,
// else the server's window; 0 when unknown.
func manifestClaim(m *results.Manifest, label string) int {
	if m == nil {
		return 0
	}
	for _, mi := range m.Models {
		if mi.Label == label || mi.Spec == label {
			if mi.Claimed > 0 {
				return mi.Claimed
			}
			return mi.ContextLength
		}
	}
	return 0
}

// Expectation is one label's RULER effective length against the length
// expected of it (--expect-context).
type Expectation struct {
	Label     string
	Got, Want int
	Threshold float64 // the RULER bar Got was measured at
}

// Met reports whether the effective length reaches the expected one
// (always, when none is expected).
func (x Expectation) Met() bool { return x.Want <= 0 || x.Got >= x.Want }

// Expectations measures every summary against want, in order.
func (c Criteria) Expectations(sums []*Summary, want int) []Expectation {
	out := make([]Expectation, len(sums))
	for i, s := range sums {
		e := c.Effective(s)
		out[i] = Expectation{Label: s.Label, Got: e.RULER, Want: want, Threshold: e.Threshold}
	}
	return out
}
