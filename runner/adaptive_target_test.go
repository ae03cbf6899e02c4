package runner

import (
	"slices"
	"testing"

	"niah/stats"
)

// atTheBar answers every trial right with the bar's probability, at every
// length from `from` on (and right below it): the worst case for a search,
// each of those lengths as hard to place as any can be.
func atTheBar(seed int64, from int) func(Item) float64 {
	return func(it Item) float64 {
		if it.Length < from {
			return 1
		}
		x := uint64(seed)
		for _, v := range []uint64{uint64(it.Length), uint64(it.Depth * 1000), uint64(it.Trial)} {
			x = splitmix(x ^ v)
		}
		if float64(x>>11)/float64(1<<53) < stats.DefaultThreshold {
			return 1
		}
		return 0
	}
}

func gridOf(a Adaptive) int {
	sum := 0
	for _, l := range a.Ladder {
		sum += l
	}
	return sum * len(a.Depths) * a.Rounds
}

// Without a --budget, a search never spends more than the full grid:
// neither on a clean boundary anywhere (the plan's range) nor on a model
// whose every length sits at the bar, at any target or resolution.
func TestSearchNeverSpendsMoreThanTheGrid(t *testing.T) {
	ladders := []struct {
		lengths string
		depths  string
		rounds  int
	}{{"4k..1m", "11", 3}, {"4k,16k", "3", 2}, {"1k..8k", "50%", 1}, {"1k..128k", "5", 3}}
	for _, l := range ladders {
		for _, target := range []float64{DefaultTarget, 1} {
			for _, res := range []float64{0.01, 0.05, 1} {
				a := Adaptive{Resolution: res, Threshold: stats.DefaultThreshold, Relative: stats.DefaultRelative, Target: target, Rounds: l.rounds}
				a.Ladder, _ = ParseLengths(l.lengths)
				a.Depths, _ = ParseDepths(l.depths, "linear")
				grid := gridOf(a)
				if lo, _, hi := SearchCostRange(a); hi > grid || lo <= 0 {
					t.Errorf("%s × %s × %d, target %g, resolution %g: plan range %d to %d, grid %d", l.lengths, l.depths, l.rounds, target, res, lo, hi, grid)
				}
				for seed := int64(1); seed <= 5; seed++ {
					if spent := tokensOf(replaySearch(a, atTheBar(seed, 0))); spent > grid {
						t.Errorf("%s × %s × %d, target %g, resolution %g, seed %d: a model at the bar costs %d, grid %d",
							l.lengths, l.depths, l.rounds, target, res, seed, spent, grid)
					}
				}
			}
		}
	}
}

// The expensive top of a long ladder gets fewer trials than the grid's:
// a length takes at most about half the search's aim, to the nearest half
// round (at 4K–1M × 11 × 3 and a quarter of the grid: 1M one half round,
// 512K three, 256K and below all six). Its mean then decides, and the
// status says it was capped, not spent. A budget lifts the cap.
func TestAdaptiveCapsTheExpensiveLengths(t *testing.T) {
	a := Adaptive{Resolution: 0.05, Threshold: stats.DefaultThreshold, Relative: stats.DefaultRelative, Target: DefaultTarget, Rounds: 3}
	a.Ladder, _ = ParseLengths("4k..1m")
	a.Depths, _ = ParseDepths("11", "linear")
	src := NewAdaptiveSource(a, nil).(*adaptiveSource)
	for l, want := range map[int]int{1 << 20: 6, 1 << 19: 17, 1 << 18: 33, 4096: 33} {
		if got := src.mostTrials(l); got != want {
			t.Errorf("length %d may take %d trials, want %d", l, got, want)
		}
	}
	capped := 0
	for seed := int64(1); seed <= 20; seed++ {
		recs := replaySearch(a, atTheBar(seed, 300_000))
		per := map[int]int{}
		for _, r := range recs {
			per[r.Length]++
		}
		if per[1<<20] > 6 || per[1<<19] > 17 {
			t.Errorf("seed %d: 1M took %d trials, 512K %d", seed, per[1<<20], per[1<<19])
		}
		st := StatusOf(a, "sim", recs)
		for _, end := range []struct {
			length, trials int
			state          EndState
		}{{st.RULER.Pass, st.RULER.PassTrials, st.RULER.PassState}, {st.RULER.Fail, st.RULER.FailTrials, st.RULER.FailState}} {
			if end.state == EndCapped {
				capped++
				if end.trials != src.mostTrials(end.length) || end.trials >= 33 {
					t.Errorf("seed %d: %d capped after %d trials, may take %d", seed, end.length, end.trials, src.mostTrials(end.length))
				}
			}
		}
	}
	if capped == 0 {
		t.Error("no bracket end was capped in 20 seeds of a model at the bar from 300K: the test checks nothing")
	}
	a.Budget = 200_000_000
	if got := NewAdaptiveSource(a, nil).(*adaptiveSource).mostTrials(1 << 20); got != 33 {
		t.Errorf("with a budget of 200M, 1M may take %d trials, want all 33", got)
	}
}

// On a clean cliff high on the ladder the search settles the ladder's
// bracket and stops narrowing, as the next length would take it past a
// quarter of the grid, and says so; with a budget it narrows on, within it.
func TestAdaptiveNarrowsOnlyWithinItsAim(t *testing.T) {
	a := Adaptive{Resolution: 0.05, Threshold: stats.DefaultThreshold, Relative: stats.DefaultRelative, Target: DefaultTarget, Rounds: 3}
	a.Ladder, _ = ParseLengths("4k..1m")
	a.Depths, _ = ParseDepths("11", "linear")
	cliff := simShapeAnswer(t, "cliff", 786432, 1)
	recs := replaySearch(a, cliff)
	st := StatusOf(a, "sim", recs)
	refined := 0
	for _, r := range recs {
		if !slices.Contains(a.Ladder, r.Length) {
			refined++
		}
	}
	if refined > 0 || st.Next != 0 || !st.AimStopped || st.RULER.Pass != 1<<19 || st.RULER.Fail != 1<<20 ||
		st.RULER.PassState != EndSure || st.RULER.FailState != EndSure {
		t.Errorf("%d refined trials; status %+v", refined, st)
	}
	a.Budget = 60_000_000
	recs = replaySearch(a, cliff)
	st = StatusOf(a, "sim", recs)
	if spent := tokensOf(recs); spent > a.Budget || st.AimStopped || st.RULER.Pass <= 1<<19 || st.RULER.Fail >= 1<<20 {
		t.Errorf("with --budget 60m: spent %d, status %+v", spent, st)
	}
}
