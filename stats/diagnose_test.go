package stats

import (
	"math/rand/v2"
	"testing"

	"niah/internal/recordtest"
	"niah/results"
)

// shaped makes a grid (1K..32K, 11 depths) whose trials pass with the
// probability recall gives, with distances.
func shaped(trials int, seed uint64, recall func(l int, d float64, dist int) float64) []results.Record {
	rng := rand.New(rand.NewPCG(seed, 1))
	return recordtest.WithDistances(recordtest.Grid("m", recordtest.Pow2Lengths(1024, 32768), recordtest.LinDepths(11), trials,
		func(l int, d float64, _ int) float64 {
			if rng.Float64() < recall(l, d, recordtest.DistanceOf(l, d)) {
				return 1
			}
			return 0
		}))
}

func TestDiagnoseShapes(t *testing.T) {
	step := func(ok bool) float64 {
		if ok {
			return 1
		}
		return 0
	}
	cases := []struct {
		name   string
		recall func(l int, d float64, dist int) float64
		want   ShapeKind
		check  func(Diagnosis) bool
	}{
		{"position 8K", func(l int, _ float64, _ int) float64 { return step(l < 8192) }, PositionLimit,
			func(d Diagnosis) bool { return d.Param == 8192 && d.Holds == 4096 }},
		{"distance 3000", func(_ int, _ float64, dist int) float64 { return step(dist < 3000) }, DistanceLimit,
			func(d Diagnosis) bool { return d.Holds < 3000 && d.Fails >= 3000 }},
		{"dip 30-70 from 16K", func(l int, d float64, _ int) float64 { return step(l < 16384 || d < 30 || d > 70) }, MidDepthDip,
			func(d Diagnosis) bool { return d.DipLo == 30 && d.DipHi == 70 && d.DipFrom == 16384 }},
		{"none", func(int, float64, int) float64 { return 1 }, NoFailure, nil},
		{"none, 3% misses", func(int, float64, int) float64 { return 0.97 }, NoFailure, nil},
		{"coin", func(int, float64, int) float64 { return 0.5 }, NoClearShape, nil},
	}
	for _, c := range cases {
		d := Diagnose(Summarize(shaped(3, 7, c.recall))[0])
		t.Logf("%s: %+v", c.name, d)
		if d.Kind != c.want || (c.check != nil && !c.check(d)) {
			t.Errorf("%s: kind %d (best %d param %d holds %d fails %d dip %v-%v from %d), want kind %d",
				c.name, d.Kind, d.Shape.Kind, d.Param, d.Holds, d.Fails, d.DipLo, d.DipHi, d.DipFrom, c.want)
		}
	}
}

// With one trial in a few cells, a distance limit and a position limit
// both fit; the diagnosis holds back and says how many more would decide.
func TestDiagnoseHoldsBack(t *testing.T) {
	recs := recordtest.WithDistances(recordtest.Grid("m", []int{1024, 2048, 4096}, []float64{0, 50}, 1,
		func(l int, d float64, _ int) float64 {
			if recordtest.DistanceOf(l, d) < 1500 {
				return 1
			}
			return 0
		}))
	d := Diagnose(Summarize(recs)[0])
	t.Logf("%+v second %+v", d, d.Second)
	if d.Kind != Undecided || d.Second == nil || (d.MoreTrials == 0 && !d.CannotTell) {
		t.Fatalf("kind %d, want undecided with a number of trials", d.Kind)
	}
}

// A distance limit whose failing trials have lengths the server never
// confirmed is a cut that kept the end.
func TestDiagnoseKeptEnd(t *testing.T) {
	recs := shaped(2, 3, func(_ int, _ float64, dist int) float64 {
		if dist < 5000 {
			return 1
		}
		return 0
	})
	for i := range recs {
		if *recs[i].DistanceTokens >= 5000 {
			recs[i].LengthUnverified = true
		}
	}
	if d := Diagnose(Summarize(recs)[0]); d.Kind != KeptEnd || d.Unverified == 0 {
		t.Errorf("kind %d unverified %d, want kept-the-end", d.Kind, d.Unverified)
	}
}

// BenchmarkDiagnose: a large run (10 lengths x 11 depths x 100 trials,
// 11,000 records) with a distance limit, diagnosed whole.
func BenchmarkDiagnose(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	recs := recordtest.WithDistances(recordtest.Grid("m", recordtest.Pow2Lengths(1024, 1<<19), recordtest.LinDepths(11), 100,
		func(l int, d float64, _ int) float64 {
			if recordtest.DistanceOf(l, d) < 20000 || rng.Float64() < 0.03 {
				return 1
			}
			return 0
		}))
	s := Summarize(recs)[0]
	for b.Loop() {
		if d := Diagnose(s); d.Kind != DistanceLimit {
			b.Fatalf("kind %d", d.Kind)
		}
	}
}

// The no-needle control has nothing to diagnose.
func TestDiagnoseNoNeedle(t *testing.T) {
	recs := recordtest.WithTask(recordtest.Grid("m", []int{1024, 2048}, []float64{0, 100}, 2, func(int, float64, int) float64 { return 0 }), "none")
	if d := Diagnose(Summarize(recs)[0]); d.Kind != NotDiagnosed {
		t.Errorf("kind %d for the none task", d.Kind)
	}
}
