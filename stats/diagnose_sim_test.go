package stats_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"niah/haystack"
	"niah/runner"
	"niah/stats"
)

// The diagnosis against the simulation's failure shapes, over many seeds:
// each seed draws the shape's parameter and the run's needles, runs the
// grid 1K..32K x 6 depths x 2 trials (132 trials) through the engine, and
// diagnoses the records alone. A shape is recovered when the diagnosis
// names it and brackets its parameter within one step of the grid; a
// no-failure run (5% random misses) must rarely be given a shape. The
// rates are logged (go test -v) and held to floors.
func TestDiagnoseRecoversSimShapes(t *testing.T) {
	seeds := 10
	if s, err := strconv.Atoi(os.Getenv("NIAH_DIAGNOSE_SEEDS")); err == nil && s > 0 {
		seeds = s
	}
	lengths := []int{1024, 2048, 4096, 8192, 16384, 32768}
	depths := []float64{0, 20, 40, 60, 80, 100}
	// A failure from a needle at the question's side of the grid: the
	// distances between the needle and the question lie this far below the
	// window (the needle and the question themselves, in sim tokens).
	const needleAndQuestion = 40
	cache := haystack.NewCache("")
	type shape struct {
		name  string
		spec  func(r *rand.Rand) (spec string, opts map[string]string, param int)
		check func(d stats.Diagnosis, param int) bool
		floor float64
	}
	within := func(d stats.Diagnosis, truth int) bool {
		return d.Holds < truth+needleAndQuestion && d.Fails >= truth-needleAndQuestion
	}
	shapes := []shape{
		{"distance limit (window=N)", func(r *rand.Rand) (string, map[string]string, int) {
			w := 1500 + r.IntN(14000)
			return fmt.Sprintf("sim:64k:window=%d", w), nil, w - needleAndQuestion
		}, func(d stats.Diagnosis, p int) bool { return d.Kind == stats.DistanceLimit && within(d, p) }, 0.9},
		{"kept the end (keepend=N)", func(r *rand.Rand) (string, map[string]string, int) {
			w := 1500 + r.IntN(14000)
			return fmt.Sprintf("sim:64k:keepend=%d", w), nil, w - needleAndQuestion
		}, func(d stats.Diagnosis, p int) bool { return d.Kind == stats.KeptEnd && within(d, p) }, 0.9},
		{"position limit (shape=cliff)", func(r *rand.Rand) (string, map[string]string, int) {
			b := 1500 + r.IntN(28000)
			return "sim:64k", map[string]string{"shape": "cliff", "boundary": strconv.Itoa(b)}, b
		}, func(d stats.Diagnosis, b int) bool {
			return d.Kind == stats.PositionLimit && d.Holds < b && d.Fails >= b
		}, 0.9},
		{"mid-depth dip (middle)", func(*rand.Rand) (string, map[string]string, int) {
			return "sim:64k:middle", nil, 64 << 10 / 8
		}, func(d stats.Diagnosis, from int) bool {
			return d.Kind == stats.MidDepthDip && d.DipLo >= 20 && d.DipHi <= 80 && d.DipFrom > from/2 && d.DipFrom <= 2*from
		}, 0.8},
		{"no failure (misses=0.05)", func(*rand.Rand) (string, map[string]string, int) {
			return "sim:64k:misses=0.05", nil, 0
		}, func(d stats.Diagnosis, _ int) bool { return d.Kind == stats.NoFailure || d.Kind == stats.Undecided }, 0.9},
	}
	for _, sh := range shapes {
		recovered, named := 0, 0
		kinds := map[stats.ShapeKind]int{}
		for seed := 1; seed <= seeds; seed++ {
			r := rand.New(rand.NewPCG(uint64(seed), 99))
			spec, opts, param := sh.spec(r)
			s := int64(seed)
			run, err := runner.Open(context.Background(), runner.Plan{
				Grid:   runner.Grid{Lengths: lengths, Depths: depths, Trials: 2},
				Models: []runner.ModelSpec{{Spec: spec}}, Options: opts, Seed: &s, MaxTokens: 64,
				Concurrency: 4, Out: t.TempDir(), Cache: cache,
			})
			if err != nil {
				t.Fatal(err)
			}
			res, err := run.Execute(context.Background(), runner.Hooks{})
			run.Close()
			if err != nil {
				t.Fatal(err)
			}
			d := stats.Diagnose(stats.Summarize(res.Records)[0])
			kinds[d.Kind]++
			if d.Kind != stats.NoFailure && d.Kind != stats.Undecided && d.Kind != stats.NoClearShape {
				named++
			}
			if sh.check(d, param) {
				recovered++
			} else {
				t.Logf("%s seed %d (%s, parameter %d): kind %d, bracket [%d, %d], dip %v-%v from %d",
					sh.name, seed, spec, param, d.Kind, d.Holds, d.Fails, d.DipLo, d.DipHi, d.DipFrom)
			}
		}
		rate := float64(recovered) / float64(seeds)
		t.Logf("%-30s recovered %d/%d (%.0f%%); a shape named in %d; kinds %v", sh.name, recovered, seeds, 100*rate, named, kinds)
		if rate < sh.floor {
			t.Errorf("%s: recovered %d of %d seeds, want at least %.0f%%", sh.name, recovered, seeds, 100*sh.floor)
		}
	}
}
