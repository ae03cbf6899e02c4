package stats

import (
	"testing"

	"niah/results"
)

// Every length at 0%: the NoLiMa bar would be 85% of 0, which every
// length "holds". No effective length may be read from that.
func TestNoLiMaUndefinedWhenTheBaseScoresZero(t *testing.T) {
	s := perLength(map[int]float64{4096: 0, 8192: 0})
	e := ComputeEffective(s, DefaultThreshold, DefaultRelative)
	if e.NoLiMa != 0 || e.RULER != 0 {
		t.Fatalf("NoLiMa %d RULER %d, want 0 and 0", e.NoLiMa, e.RULER)
	}
	if !e.NoLiMaUndefined() || e.BaseLength != 4096 {
		t.Fatalf("%+v: NoLiMa should be undefined at a 4K base of 0%%", e)
	}
	if e := ComputeEffective(perLength(map[int]float64{4096: 0.5}), DefaultThreshold, DefaultRelative); e.NoLiMaUndefined() {
		t.Errorf("a base of 50%% defines NoLiMa: %+v", e)
	}
	if (Effective{}).NoLiMaUndefined() {
		t.Error("nothing tested is not an undefined NoLiMa reading")
	}
}

func TestUnverifiedCountsGradedTrials(t *testing.T) {
	s := perLength(map[int]float64{4096: 0.5})
	if u := UnverifiedOf(s); u.Trials != 0 {
		t.Fatalf("no unverified trial, got %+v", u)
	}
	s.Records[0].LengthUnverified, s.Records[0].FinishReason = true, results.FinishRepetitionAbort
	s.Records[1].LengthUnverified = true
	s = Summarize(s.Records)[0]
	if u := UnverifiedOf(s); u != (Unverified{Trials: 2, Graded: 10, Aborts: 1}) {
		t.Fatalf("got %+v, want 2 of 10 graded, 1 repetition abort", u)
	}
}
