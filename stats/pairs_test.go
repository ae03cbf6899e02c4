package stats

import (
	"math"
	"testing"

	"niah/internal/recordtest"
	"niah/results"
)

// pairRun is a latent run over two pairs whose trials are paired across
// lengths: "easy → A" is always right; "hard → B" is right at 1K in one
// trial of two, at 2K in one of two, and never at 4K.
func pairRun() []results.Record {
	recs := recordtest.WithTask(recordtest.Grid("m", []int{1024, 2048, 4096}, []float64{0, 100}, 2, func(l int, d float64, t int) float64 {
		switch {
		case t == 0:
			return 1
		case l < 4096 && d == 0:
			return 1
		}
		return 0
	}), "latent")
	for i := range recs {
		recs[i].Pair = "easy → A"
		if recs[i].Trial == 1 {
			recs[i].Pair = "hard → B"
		}
	}
	return recs
}

func TestPairBasesAndThePerPairCurve(t *testing.T) {
	s := Summarize(pairRun())[0]
	length, bases := PairBases(s)
	if length != 1024 || len(bases) != 2 || bases[0].Pair != "hard → B" || bases[0].Mean != 0.5 || bases[0].Valid != 2 ||
		bases[1].Mean != 1 {
		t.Fatalf("bases at %d: %+v", length, bases)
	}
	c, ok := ComputePerPairCurve(s)
	// 1K: (1 + 0.5/0.5)/2 = 1; 2K: the same; 4K: (1 + 0/0.5)/2 = 0.5.
	want := []float64{1, 1, 0.5}
	if !ok || c.BaseLength != 1024 || len(c.Relative) != 3 || c.LeftOut != 0 {
		t.Fatalf("curve %+v %v", c, ok)
	}
	for i, w := range want {
		if math.Abs(c.Relative[i]-w) > 1e-9 {
			t.Errorf("relative at %d = %v, want %v", c.Lengths[i], c.Relative[i], w)
		}
	}
	// Read per pair, 2K holds 85% of every pair's own score; read as a
	// whole (75% at 1K and 2K, 50% at 4K), 2K holds too, 4K fails both ways.
	plain := Criteria{}.Effective(s)
	per := Criteria{PerPair: true}.Effective(s)
	if !per.PerPair || per.NoLiMa != 2048 || plain.PerPair || plain.NoLiMa != 2048 {
		t.Errorf("per pair %+v, plain %+v", per, plain)
	}
	// A run whose records name no pairs reads as before.
	single := Summarize(recordtest.Grid("x", []int{1024, 2048}, []float64{50}, 2, func(int, float64, int) float64 { return 1 }))[0]
	if l, b := PairBases(single); l != 0 || b != nil {
		t.Errorf("single has pairs %d %v", l, b)
	}
	if e := (Criteria{PerPair: true}).Effective(single); e.PerPair {
		t.Error("per-pair reading applied to a run with no pairs")
	}
}

// A pair right at 4K but never at the base length has no base to keep a
// fraction of: it is left out and counted.
func TestPerPairLeavesOutZeroBases(t *testing.T) {
	recs := pairRun()
	for i := range recs {
		if recs[i].Pair == "hard → B" {
			recs[i].Score = 0
			if recs[i].Length == 4096 {
				recs[i].Score = 1
			}
		}
	}
	c, _ := ComputePerPairCurve(Summarize(recs)[0])
	if c.LeftOut != 1 || c.Pairs[0] != 1 || c.Relative[2] != 1 {
		t.Errorf("curve %+v", c)
	}
}

func TestDistractGapBesideLiteralGap(t *testing.T) {
	lat, lit := recordtest.LatentPair()
	dis := recordtest.WithTask(recordtest.Grid("m-distract", recordtest.Pow2Lengths(1024, 16384), recordtest.LinDepths(3), 2,
		func(l int, _ float64, t int) float64 {
			if l >= 4096 {
				return 0
			}
			return 1
		}), "latent:distract")
	for i := range dis {
		dis[i].Model = "ollama:m"
	}
	gaps := LatentGaps(Summarize(append(append(lat, lit...), dis...)))
	if len(gaps) != 2 || gaps[0].Control != "literal" || gaps[1].Control != "distract" ||
		gaps[1].Literal.Task != "latent" || gaps[1].Latent.Task != "latent:distract" {
		t.Fatalf("gaps %+v", gaps)
	}
	// latent − distract: 0 at 1K and 2K, 100 at 4K, 50 from 8K (latent 50%).
	for i, want := range []float64{0, 0, 1, 0.5, 0.5} {
		if g := gaps[1].Gap[i]; math.Abs(g-want) > 1e-9 {
			t.Errorf("distract gap at %d = %v, want %v", gaps[1].Lengths[i], g, want)
		}
	}
}
