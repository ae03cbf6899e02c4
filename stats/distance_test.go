package stats

import (
	"testing"

	"niah/internal/recordtest"
)

// A distance limit is a diagonal on the depth grid and an edge on the
// distance view: every bin below the limit at 100%, every bin above at 0,
// at every length.
func TestDistanceView(t *testing.T) {
	const limit = 3000
	lengths := recordtest.Pow2Lengths(1024, 16384)
	recs := recordtest.WithDistances(recordtest.Grid("w", lengths, recordtest.LinDepths(11), 2, func(l int, d float64, _ int) float64 {
		if recordtest.DistanceOf(l, d) < limit {
			return 1
		}
		return 0
	}))
	recs = append(recs, recordtest.Rec("w", 1024, 50, 9, 1, "ok", "")) // an old record: no distance
	v := DistancesOf(Summarize(recs)[0])
	if v == nil {
		t.Fatal("no distance view")
	}
	if v.Bins[0] != (DistanceBin{0, 128}) || v.Bins[len(v.Bins)-1].Hi <= 16384-recordtest.Overhead || v.Missing != 1 {
		t.Fatalf("bins %v, missing %d", v.Bins, v.Missing)
	}
	for b, bin := range v.Bins {
		for l := range v.Lengths {
			c := v.Cells[b][l]
			if !c.Tested() {
				continue
			}
			switch {
			case bin.Hi <= limit && c.Mean != 1, bin.Lo >= limit && c.Mean != 0:
				t.Errorf("bin %v at %d: accuracy %v", bin, v.Lengths[l], c.Mean)
			}
		}
	}
	if v.BinOf(0) != 0 || v.BinOf(127) != 0 || v.BinOf(128) != 1 || v.BinOf(1<<30) != len(v.Bins)-1 {
		t.Errorf("BinOf wrong")
	}
	if DistancesOf(Summarize(recordtest.Grid("old", lengths, recordtest.LinDepths(3), 1, func(int, float64, int) float64 { return 1 }))[0]) != nil {
		t.Error("records without distances have a distance view")
	}
}
