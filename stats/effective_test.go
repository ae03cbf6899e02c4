package stats

import (
	"testing"

	"niah/internal/recordtest"
	"niah/results"
)

// perLength builds a summary with one depth and the given accuracy per
// length (negative: only invalid trials), 10 trials each.
func perLength(acc map[int]float64) *Summary {
	var recs []results.Record
	for l, a := range acc {
		for t := 0; t < 10; t++ {
			switch {
			case a < 0:
				recs = append(recs, recordtest.Rec("m", l, 50, t, 0, results.StatusInvalid, results.ReasonContextExceeded))
			case float64(t) < a*10-1e-9:
				recs = append(recs, recordtest.Rec("m", l, 50, t, 1, results.StatusOK, ""))
			default:
				recs = append(recs, recordtest.Rec("m", l, 50, t, 0, results.StatusOK, ""))
			}
		}
	}
	return Summarize(recs)[0]
}

func TestEffectiveBothDefinitions(t *testing.T) {
	s := perLength(map[int]float64{4096: 0.8, 8192: 0.7, 16384: 0.9, 32768: 0.6})
	e := ComputeEffective(s, DefaultThreshold, DefaultRelative)
	if e.RULER != 0 {
		t.Errorf("RULER = %d, want 0 (4K is below 85.6%%)", e.RULER)
	}
	// NoLiMa bar is 0.85 x 0.8 = 0.68: 4K and 8K pass, 16K passes, 32K fails.
	if e.NoLiMa != 16384 {
		t.Errorf("NoLiMa = %d, want 16384", e.NoLiMa)
	}

	s = perLength(map[int]float64{4096: 1, 8192: 0.9, 16384: 0.8, 32768: 1})
	e = ComputeEffective(s, DefaultThreshold, DefaultRelative)
	if e.RULER != 8192 {
		t.Errorf("RULER = %d, want 8192: a later pass must not count after a failure", e.RULER)
	}
	e = ComputeEffective(s, 0.8, DefaultRelative)
	if e.RULER != 32768 {
		t.Errorf("RULER at --threshold 0.8 = %d, want 32768 (0.8 passes a bar of 0.8)", e.RULER)
	}
}

func TestEffectiveUntestedIsNotFailure(t *testing.T) {
	s := perLength(map[int]float64{4096: 1, 8192: 1, 16384: -1, 32768: 1})
	e := ComputeEffective(s, DefaultThreshold, DefaultRelative)
	if e.RULER != 32768 {
		t.Errorf("RULER = %d, want 32768 (16K untested is skipped)", e.RULER)
	}
	if len(e.Untested) != 1 || e.Untested[0] != 16384 {
		t.Errorf("untested = %v", e.Untested)
	}
	if e.UntestedReasons[results.ReasonContextExceeded] != 10 || len(e.UntestedReasons) != 1 {
		t.Errorf("untested reasons = %v, want context_exceeded 10", e.UntestedReasons)
	}
}

func TestVerdictKinds(t *testing.T) {
	s := perLength(map[int]float64{4096: 1, 8192: 1, 16384: 1, 32768: 1, 65536: 0.5, 131072: 0.1})
	e := ComputeEffective(s, DefaultThreshold, DefaultRelative)
	for _, c := range []struct {
		claimed int
		want    VerdictKind
	}{
		{131072, HoldsPart}, {0, ClaimUnknown}, {-1, ClaimUnknown}, {32768, HoldsClaim}, {16384, HoldsClaim},
	} {
		v := e.Verdict(c.claimed)
		if v.Kind != c.want || v.RULER != 32768 || v.Claimed != max(c.claimed, 0) {
			t.Errorf("claimed %d: %+v, want kind %d resting on RULER 32768", c.claimed, v, c.want)
		}
	}
	short := perLength(map[int]float64{4096: 1, 8192: 1})
	if v := ComputeEffective(short, DefaultThreshold, DefaultRelative).Verdict(131072); v.Kind != HoldsAllTested || v.MaxTested != 8192 {
		t.Errorf("every tested length holds below the claim: %+v", v)
	}
	low := perLength(map[int]float64{4096: 0.5, 8192: 1})
	if v := ComputeEffective(low, DefaultThreshold, DefaultRelative).Verdict(8192); v.Kind != BelowShortest || v.MinTested != 4096 {
		t.Errorf("the shortest length fails: %+v", v)
	}
	none := perLength(map[int]float64{4096: -1})
	if v := ComputeEffective(none, DefaultThreshold, DefaultRelative).Verdict(8192); v.Kind != NothingTested {
		t.Errorf("no valid trial: %+v", v)
	}
	if v := (Criteria{Claims: Claims{"m": 32768}}).Verdict(s); v.Kind != HoldsClaim || v.Claimed != 32768 {
		t.Errorf("criteria read the label's claim: %+v", v)
	}
}
