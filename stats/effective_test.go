package stats

import (
	"strings"
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
	notes := strings.Join(e.Notes(), "\n")
	if !strings.Contains(notes, "untested, not failed: 16K") || !strings.Contains(notes, "context_exceeded 10") {
		t.Errorf("notes do not name the untested length and reason:\n%s", notes)
	}
}

func TestVerdictWording(t *testing.T) {
	s := perLength(map[int]float64{4096: 1, 8192: 1, 16384: 1, 32768: 1, 65536: 0.5, 131072: 0.1})
	e := ComputeEffective(s, DefaultThreshold, DefaultRelative)
	want := "effective context 32K (RULER 85.6%) of a claimed 128K: retrieval holds to 25% of the claim"
	if got := e.Verdict(131072); got != want {
		t.Errorf("verdict\n got %q\nwant %q", got, want)
	}
	if got := e.Verdict(0); !strings.Contains(got, "claimed context unknown") {
		t.Errorf("verdict without claim: %q", got)
	}
	if got := e.Verdict(32768); !strings.Contains(got, "whole claim") {
		t.Errorf("verdict at claim: %q", got)
	}
	if err := e.CheckExpect(65536); err == nil || !strings.Contains(err.Error(), "below the expected 64K") {
		t.Errorf("CheckExpect(64K) = %v", err)
	}
	if err := e.CheckExpect(32768); err != nil {
		t.Errorf("CheckExpect(32K) = %v, want nil", err)
	}
}
