package stats

import (
	"niah/results"
)

// Criteria say how effective length is judged: the two thresholds and the
// context each model claims.
type Criteria struct {
	// Claimed is the claimed context per label (manifest or --claimed);
	// ClaimedAll, when > 0, applies to every label and wins.
	Claimed    map[string]int
	ClaimedAll int
	Threshold  float64 // RULER bar; 0: DefaultThreshold
	Relative   float64 // NoLiMa fraction; 0: DefaultRelative
	// PerPair reads the NoLiMa length per latent pair, each against its own
	// base score (--relative per-pair), where the records name pairs.
	PerPair  bool
	Manifest *results.Manifest
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

// ClaimedFor is the claimed context of a label: --claimed, else the
// manifest, else 0 (unknown).
func (c Criteria) ClaimedFor(label string) int {
	if c.ClaimedAll > 0 {
		return c.ClaimedAll
	}
	if n := c.Claimed[label]; n > 0 {
		return n
	}
	return Claimed(c.Manifest, label)
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

// ExpectContext checks every summary's RULER effective length against
// want (--expect-context); the error names the first label below it.
func (c Criteria) ExpectContext(sums []*Summary, want int) error {
	for _, s := range sums {
		if err := c.Effective(s).CheckExpect(want); err != nil {
			err.(*BelowExpected).Label = s.Label
			return err
		}
	}
	return nil
}
