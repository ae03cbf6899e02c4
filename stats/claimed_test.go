package stats

import (
	"math"
	"testing"

	"niah/claims"
	"niah/internal/recordtest"
	"niah/results"
)

// model is a run of label with 40 trials per length whose accuracy per
// length is acc (negative: every trial invalid). With 40 trials, 100% has
// the Wilson interval [91.2, 100], 95% [83.5, 98.6], 50% [35.2, 64.8].
func model(label string, acc map[int]float64) *Summary {
	lengths := []int{}
	for l := range acc {
		lengths = append(lengths, l)
	}
	recs := recordtest.Grid(label, lengths, []float64{0, 50}, 20, func(l int, d float64, t int) float64 {
		a := acc[l]
		switch {
		case a < 0:
			return -1
		case float64(int(d/50)*20+t) < a*40-1e-9:
			return 1
		}
		return 0
	})
	return Summarize(recs)[0]
}

func window(label string, w int) claims.Claim {
	return claims.Claim{Model: label, Label: label, Source: "card", Kind: claims.Window, Window: w}
}

func score(label string, v float64, at int) claims.Claim {
	return claims.Claim{Model: label, Label: label, Source: "RULER", Kind: claims.Score, Score: v, At: at, Metric: claims.MetricRULER}
}

func TestCheckWindowClaims(t *testing.T) {
	m := model("m", map[int]float64{4096: 1, 8192: 1, 16384: 0.95, 32768: 0.5, 65536: 0})
	sums := []*Summary{m}
	for _, c := range []struct {
		claim int
		want  ClaimVerdict
		at    int
		unrun bool
		why   string
	}{
		{8192, ClaimConsistent, 8192, false, "8K holds; 16K's [83.5, 98.6] straddles the bar, so nothing past the claim holds for sure"},
		{16384, ClaimConsistent, 16384, false, "95% at the claim: the interval straddles 85.6%"},
		{32768, ClaimBelow, 32768, false, "50% at the claim: the interval lies under the bar"},
		{131072, ClaimBelow, 32768, true, "128K claimed: 32K already fails, whatever the claim's own length"},
		{4096, ClaimAbove, 8192, false, "4K claimed: 8K holds with its whole interval over the bar"},
		{4000, ClaimAbove, 8192, false, "4,000 claimed: 4K stands for it (within 5%); 8K holds past it"},
	} {
		chk := CheckClaims([]claims.Claim{window("m", c.claim)}, sums, Criteria{})[0]
		if chk.Verdict != c.want || chk.Measure.Length != c.at || chk.Unrun != c.unrun || chk.Effective != 16384 || chk.Bar != DefaultThreshold {
			t.Errorf("claim %d (%s): %+v", c.claim, c.why, chk)
		}
	}
	short := model("s", map[int]float64{4096: 1, 8192: 1})
	chk := CheckClaims([]claims.Claim{window("s", 131072)}, []*Summary{short}, Criteria{})[0]
	if chk.Verdict != ClaimNotTested || !chk.Unrun || chk.Longest != 8192 {
		t.Errorf("128K claimed, 8K tested and holding: not tested: %+v", chk)
	}
	inv := model("i", map[int]float64{4096: 1, 8192: -1})
	chk = CheckClaims([]claims.Claim{window("i", 8192)}, []*Summary{inv}, Criteria{})[0]
	if chk.Verdict != ClaimNotTested || chk.Unrun || chk.Longest != 4096 {
		t.Errorf("8K run but every trial invalid: not tested, and not 'not run': %+v", chk)
	}
	chk = CheckClaims([]claims.Claim{window("nobody", 8192)}, sums, Criteria{})[0]
	if chk.Summary != nil || chk.Verdict != ClaimNotTested {
		t.Errorf("no run has the label: %+v", chk)
	}
	// A lower bar moves 32K's 50% [35.2, 64.8] from below to consistent.
	if chk := CheckClaims([]claims.Claim{window("m", 32768)}, sums, Criteria{Threshold: 0.6})[0]; chk.Verdict != ClaimConsistent {
		t.Errorf("at a 60%% bar: %+v", chk)
	}
}

func TestCheckScoreClaims(t *testing.T) {
	m := model("m", map[int]float64{4096: 1, 8192: 0.95, 16384: 0.5, 32768: -1})
	sums := []*Summary{m}
	for _, c := range []struct {
		claim claims.Claim
		want  ClaimVerdict
		why   string
	}{
		{score("m", 0.951, 4096), ClaimConsistent, "95.1 at 4K: 100% [91.2, 100] holds it"},
		{score("m", 0.80, 4096), ClaimAbove, "80 at 4K: the interval lies over it"},
		{score("m", 0.99, 16384), ClaimBelow, "99 at 16K: 50% [35.2, 64.8] lies under it"},
		{score("m", 0.20, 16384), ClaimAbove, "20 at 16K: the interval lies over it"},
		{score("m", 0.9, 32768), ClaimNotTested, "32K: every trial invalid"},
		{score("m", 0.9, 65536), ClaimNotTested, "64K was not run"},
		{score("m", 0.9, 8000), ClaimConsistent, "8,000 is within 5% of 8K: 95% there"},
	} {
		chk := CheckClaims([]claims.Claim{c.claim}, sums, Criteria{})[0]
		if chk.Verdict != c.want {
			t.Errorf("%s: %+v", c.why, chk)
		}
		if chk.Verdict != ClaimNotTested && (chk.Measure.Basis != BasisAccuracy || chk.Measure.Valid != 40) {
			t.Errorf("%s: no RULER mean yet, so the run's accuracy over 40 trials: %+v", c.why, chk.Measure)
		}
	}
	if chk := CheckClaims([]claims.Claim{score("m", 0.9, 65536)}, sums, Criteria{})[0]; !chk.Unrun || chk.Longest != 16384 {
		t.Errorf("not run: %+v", chk)
	}
	if chk := CheckClaims([]claims.Claim{score("m", 0.9, 32768)}, sums, Criteria{})[0]; chk.Unrun {
		t.Errorf("run, every trial invalid: %+v", chk)
	}
	// A summary renamed by a comparison still answers to its runs' label.
	m.Label = "m (run-a)"
	if chk := CheckClaims([]claims.Claim{score("m", 0.951, 4096)}, sums, Criteria{})[0]; chk.Summary != m {
		t.Errorf("renamed summary not matched: %+v", chk)
	}
}

// A run of RULER's set holds a RULER score against the mean over its
// tasks, not against one task's accuracy.
func TestRulerScoreUsesTheRulerMean(t *testing.T) {
	var recs []results.Record
	for i, task := range RulerTasks[:3] {
		rs := recordtest.WithTask(recordtest.Grid("m", []int{4096}, []float64{0, 50, 100}, 10, func(_ int, _ float64, tr int) float64 {
			if tr < 10-3*i { // task i gets 10, 7 and 4 of 10 right at each depth
				return 1
			}
			return 0
		}), task)
		recs = append(recs, rs...)
	}
	sums := Summarize(recs)
	chk := CheckClaims([]claims.Claim{score("m", 0.7, 4096)}, sums, Criteria{})[0]
	if chk.Measure.Basis != BasisRULERMean || math.Abs(chk.Measure.Value-0.7) > 1e-9 || chk.Measure.Valid != 90 ||
		!(chk.Measure.Lo < 0.7 && chk.Measure.Hi > 0.7) || chk.Verdict != ClaimConsistent {
		t.Errorf("RULER mean of 100%%, 70%%, 40%%: %+v, verdict %v", chk.Measure, chk.Verdict)
	}
}
