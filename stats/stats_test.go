package stats

import (
	"math"
	"testing"

	"niah/internal/recordtest"
	"niah/results"
)

func TestWilsonKnownValues(t *testing.T) {
	cases := []struct {
		k, n   int
		lo, hi float64
	}{
		{8, 10, 0.490, 0.943},
		{10, 10, 0.722, 1.000},
		{0, 10, 0, 0.278},
		{45, 50, 0.786, 0.957},
	}
	for _, c := range cases {
		lo, hi := Wilson(float64(c.k)/float64(c.n), c.n, WilsonZ)
		if math.Abs(lo-c.lo) > 0.0005 || math.Abs(hi-c.hi) > 0.0005 {
			t.Errorf("Wilson(%d/%d) = [%.4f, %.4f], want [%.3f, %.3f]", c.k, c.n, lo, hi, c.lo, c.hi)
		}
	}
	if lo, hi := Wilson(0.5, 0, WilsonZ); lo != 0 || hi != 1 {
		t.Errorf("Wilson with n=0 = [%v, %v], want [0, 1]", lo, hi)
	}
}

func TestSummarizeCountsInvalidApart(t *testing.T) {
	recs := []results.Record{
		recordtest.Rec("a", 4096, 0, 0, 1, results.StatusOK, ""),
		recordtest.Rec("a", 4096, 0, 1, 0, results.StatusOK, ""),
		recordtest.Rec("a", 4096, 0, 2, 0, results.StatusInvalid, results.ReasonTruncated),
		recordtest.Rec("a", 4096, 0, 3, 0, results.StatusError, results.ReasonTimeout),
		recordtest.Rec("a", 4096, 50, 0, 0.5, results.StatusOK, ""),
		recordtest.Rec("a", 8192, 0, 0, 0, results.StatusInvalid, results.ReasonContextExceeded),
		recordtest.Rec("b", 4096, 0, 0, 1, results.StatusOK, ""),
	}
	sums := Summarize(recs)
	if len(sums) != 2 || sums[0].Label != "a" || sums[1].Label != "b" {
		t.Fatalf("want summaries a, b in order; got %d", len(sums))
	}
	s := sums[0]
	if got := s.Lengths; len(got) != 2 || got[0] != 4096 || got[1] != 8192 {
		t.Fatalf("lengths = %v", got)
	}
	c := s.Cells[0][0] // depth 0, 4K
	if c.Trials != 4 || c.Valid != 2 || c.Invalid != 1 || c.Errors != 1 {
		t.Errorf("cell counts = %+v", c.Tally)
	}
	if c.Mean != 0.5 {
		t.Errorf("cell mean = %v, want 0.5 (invalid and error excluded)", c.Mean)
	}
	if c.Reasons[results.ReasonTruncated] != 1 || c.Reasons[results.ReasonTimeout] != 1 {
		t.Errorf("reasons = %v", c.Reasons)
	}
	wantLo, wantHi := Wilson(0.5, 2, WilsonZ)
	if c.Lo != wantLo || c.Hi != wantHi {
		t.Errorf("cell interval [%v %v], want [%v %v]", c.Lo, c.Hi, wantLo, wantHi)
	}
	l4 := s.PerLength[0]
	if l4.Valid != 3 || math.Abs(l4.Mean-0.5) > 1e-12 {
		t.Errorf("4K: valid %d mean %v, want 3 and 0.5", l4.Valid, l4.Mean)
	}
	l8 := s.PerLength[1]
	if l8.Tested() || l8.Invalid != 1 {
		t.Errorf("8K should be untested with 1 invalid: %+v", l8.Tally)
	}
	if s.Cells[1][1].Trials != 0 {
		t.Errorf("empty cell (8K, 50%%) has %d trials", s.Cells[1][1].Trials)
	}
	if s.TrialsPerCell != 4 {
		t.Errorf("TrialsPerCell = %d, want 4", s.TrialsPerCell)
	}
}
