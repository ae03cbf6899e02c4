package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"niah/corpora"
	"niah/haystack"
	"niah/needle"
	"niah/provider"
	"niah/results"
	"niah/stats"
)

// TestAdaptiveAgainstGridOnSim is benchmark 1 of the adaptive search (it
// prints figures; it times nothing): the simulation with a known boundary
// in three shapes, 20 seeds each, searched adaptively and swept as the
// full 1K–128K × 11 depths × 3 trials grid. It reports how often the RULER
// verdict (on the grid's lengths) agrees, and the tokens spent as a share
// of the grid's, median and worst. Run with
//
//	NIAH_BENCH_ADAPTIVE=1 go test ./runner -run TestAdaptiveAgainstGridOnSim -v
func TestAdaptiveAgainstGridOnSim(t *testing.T) {
	if os.Getenv("NIAH_BENCH_ADAPTIVE") == "" {
		t.Skip("set NIAH_BENCH_ADAPTIVE=1: 120 runs against the simulation (a few minutes)")
	}
	sim, err := openSpec("sim:1m", provider.Options{})
	if err != nil {
		t.Fatal(err)
	}
	task, _ := needle.ByName("single")
	ladder, _ := ParseLengths("1k..128k")
	depths, _ := ParseDepths("11", "linear")
	grid := Grid{Lengths: ladder, Depths: depths, Trials: 3}
	shapes := []struct {
		name     string
		boundary int
	}{{"cliff", 11000}, {"slope", 23000}, {"dip", 45000}}
	for _, sh := range shapes {
		agree, worstShare := 0, 0.0
		var shares []float64
		for seed := int64(1); seed <= 20; seed++ {
			pr, err := NewPrompter(task, corpora.Builtin(0), haystack.Sim(), seed, grid.Longest(), testCache)
			if err != nil {
				t.Fatal(err)
			}
			job := Job{Label: "sim", Client: sim, Prompter: pr, Exact: true, Simulated: true}
			opts := map[string]string{"shape": sh.name, "boundary": fmt.Sprint(sh.boundary)}
			full := simRun(t, engine{Source: GridSource(grid, 1), Options: opts}, job)
			search := simRun(t, engine{Options: opts, Source: NewAdaptiveSource(Adaptive{Ladder: ladder, Depths: depths, Rounds: 3,
				Resolution: 0.05, Threshold: stats.DefaultThreshold, Relative: stats.DefaultRelative}, []Job{job})}, job)
			eg, es := rulerOf(full), rulerOf(search)
			if eg == onLadder(es, ladder) {
				agree++
			} else {
				t.Logf("%s seed %d: grid %d, search %d", sh.name, seed, eg, es)
			}
			share := float64(tokensOf(search)) / float64(tokensOf(full))
			shares = append(shares, share)
			worstShare = max(worstShare, share)
		}
		sort.Float64s(shares)
		t.Logf("%-5s boundary %6d: same RULER verdict in %d/20; tokens vs the full grid: median %.1f%%, worst %.1f%%",
			sh.name, sh.boundary, agree, 100*(shares[9]+shares[10])/2, 100*worstShare)
	}
}

func simRun(t *testing.T, cfg engine, job Job) []results.Record {
	t.Helper()
	path := filepath.Join(t.TempDir(), "r.jsonl")
	store, _, err := results.OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Store, cfg.MaxTokens, cfg.Concurrency = store, 32, 2
	if _, err := cfg.run(context.Background(), []Job{job}); err != nil {
		t.Fatal(err)
	}
	store.Close()
	recs, _, err := results.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func rulerOf(recs []results.Record) int {
	return stats.ComputeEffective(stats.Summarize(recs)[0], stats.DefaultThreshold, stats.DefaultRelative).RULER
}

// onLadder is the largest ladder length at or below n.
func onLadder(n int, ladder []int) int {
	out := 0
	for _, l := range ladder {
		if l <= n {
			out = l
		}
	}
	return out
}

func tokensOf(recs []results.Record) int {
	n := 0
	for _, r := range recs {
		n += r.PromptTokens
	}
	return n
}

// TestAdaptiveAt1MOnSim is the search at 1M (issue 23): the simulation's
// three shapes, each over 20 seeds whose boundaries spread evenly on a log
// scale from 16K to 768K (benchBoundary), searched with the default
// settings and swept as the full 4K–1M × 11 depths × 3 trials grid. It
// prints, per shape, the tokens of the search as a share of the grid's
// (median, worst, and in how many seeds at most 30%) and how often the
// RULER verdict on the grid's lengths agrees. It times nothing. Run with
//
//	NIAH_BENCH_ADAPTIVE=1 go test ./runner -run TestAdaptiveAt1MOnSim -v -timeout 30m
func TestAdaptiveAt1MOnSim(t *testing.T) {
	if os.Getenv("NIAH_BENCH_ADAPTIVE") == "" {
		t.Skip("set NIAH_BENCH_ADAPTIVE=1: 60 grids and 60 searches at up to 1M tokens against the simulation (minutes)")
	}
	sim, err := openSpec("sim:2m", provider.Options{})
	if err != nil {
		t.Fatal(err)
	}
	task, _ := needle.ByName("single")
	ladder, _ := ParseLengths("4k..1m")
	depths, _ := ParseDepths("11", "linear")
	grid := Grid{Lengths: ladder, Depths: depths, Trials: 3}
	search := Adaptive{Ladder: ladder, Depths: depths, Rounds: 3, Resolution: 0.05,
		Threshold: stats.DefaultThreshold, Relative: stats.DefaultRelative, Target: DefaultTarget}
	const seeds = 20
	var rows []ladderBench
	for _, shape := range []string{"cliff", "slope", "dip"} {
		row := ladderBench{shape: shape, seeds: seeds}
		for seed := 1; seed <= seeds; seed++ {
			b := benchBoundary(seed, seeds)
			pr, err := NewPrompter(task, corpora.Builtin(0), haystack.Sim(), int64(seed), grid.Longest(), testCache)
			if err != nil {
				t.Fatal(err)
			}
			job := Job{Label: "sim", Client: sim, Prompter: pr, Exact: true, Simulated: true}
			opts := map[string]string{"shape": shape, "boundary": fmt.Sprint(b)}
			full := simRun(t, engine{Source: GridSource(grid, 1), Options: opts}, job)
			found := simRun(t, engine{Options: opts, Source: NewAdaptiveSource(search, []Job{job})}, job)
			row.add(full, found, ladder, b)
		}
		row.finish()
		rows = append(rows, row)
	}
	t.Logf("4K–1M ladder, 11 depths, 3 trials; the search's prompt tokens against the full grid's:\n%s",
		benchTable(rows, os.Getenv("NIAH_BENCH_VERBOSE") != ""))
}
