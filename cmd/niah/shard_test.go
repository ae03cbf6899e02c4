package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"niah/results"
)

// A run split in 3 shards, each its own process picking its part from
// JOB_COMPLETION_INDEX as a Kubernetes Indexed Job's pods do, then merged,
// holds the same trial ids with the same scores as the run made whole.
func TestShardsInSeparateProcessesMergeToTheWholeRun(t *testing.T) {
	dir := t.TempDir()
	grid := []string{"--model", "sim:8k", "--lengths", "2k,3k,6k,12k", "--depths", "5", "--trials", "2", "--seed", "7"}
	whole := filepath.Join(dir, "whole")
	if _, stderr, err := runNiah(t, append([]string{"run", "--out", whole}, grid...)...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var parts []string
	for i := range 3 {
		out := filepath.Join(dir, fmt.Sprintf("shard-%d", i))
		cmd, log := niahProcess(t, []string{"JOB_COMPLETION_INDEX=" + fmt.Sprint(i)},
			append([]string{"run", "--shards", "3", "--out", out}, grid...)...)
		if err := cmd.Wait(); err != nil {
			t.Fatalf("shard %d: %v\n%s", i, err, log)
		}
		parts = append(parts, out)
	}
	merged := filepath.Join(dir, "merged")
	// One shard given twice: its records are duplicates, dropped.
	_, stderr, err := runNiah(t, append([]string{"merge", "--out", merged}, append(parts, parts[1])...)...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "merged 4 runs: 40 trials") {
		t.Errorf("merge said:\n%s", stderr)
	}
	scores := func(path string) map[string]float64 {
		recs, _, _, err := results.LoadRun(path)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]float64{}
		for _, r := range recs {
			if _, dup := m[r.ID]; dup {
				t.Errorf("%s: %s twice", path, r.ID)
			}
			m[r.ID] = r.Score
		}
		return m
	}
	w, m := scores(whole), scores(merged)
	if len(w) != 40 || len(m) != len(w) {
		t.Fatalf("whole run %d trials, merged %d", len(w), len(m))
	}
	for id, s := range w {
		if ms, ok := m[id]; !ok || ms != s {
			t.Errorf("%s: whole %v, merged %v (present %v)", id, s, ms, ok)
		}
	}
	sizes := map[string]int{}
	for _, p := range parts {
		sizes[p] = len(scores(p))
	}
	t.Logf("shard sizes %v; %d trials whole and merged, every id and score equal", sizes, len(w))

	// Parts of different runs are refused, naming what differs.
	other := filepath.Join(dir, "other")
	if _, stderr, err := runNiah(t, "run", "--out", other, "--model", "sim:8k", "--lengths", "2k,3k,6k,12k", "--depths", "5",
		"--trials", "2", "--seed", "8", "--shard", "0/3"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	_, _, err = runNiah(t, "merge", "--out", filepath.Join(dir, "bad"), parts[0], other)
	if err == nil || !strings.Contains(err.Error(), "differs from") || !strings.Contains(err.Error(), "seed: 8, not 7") {
		t.Errorf("merging another seed: %v", err)
	}
}

func TestShardFlagsNameTheirFault(t *testing.T) {
	for _, tc := range []struct {
		f    shardFlags
		env  string
		want string
	}{
		{shardFlags{shard: "3/3"}, "", "--shard"},
		{shardFlags{shards: 3}, "", "$JOB_COMPLETION_INDEX is not set"},
		{shardFlags{shards: 3}, "5", "--shards: 3 with $JOB_COMPLETION_INDEX=5"},
		{shardFlags{shards: 3}, "x", `$JOB_COMPLETION_INDEX="x"`},
		{shardFlags{shard: "0/2", shards: 2}, "", "give one"},
	} {
		_, err := tc.f.resolve(func(string) string { return tc.env })
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v env %q: %v, want %q", tc.f, tc.env, err, tc.want)
		}
	}
	s, err := (&shardFlags{shards: 3}).resolve(func(string) string { return "2" })
	if err != nil || s == nil || s.String() != "2/3" {
		t.Errorf("--shards 3 with index 2: %v %v", s, err)
	}
}
