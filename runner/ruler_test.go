package runner

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"niah/needle"
	"niah/results"
	"niah/stats"
)

// --task ruler runs RULER's set in one run: a job per task, each on its
// own haystack, every trial recorded under the task's RULER name; the
// manifest names the haystacks and fingerprints them together; a rerun
// has nothing left to send.
func TestRulerRunsTheSetInOneRun(t *testing.T) {
	task, _ := needle.ByName("ruler")
	plan := Plan{Task: task, Grid: Grid{Lengths: []int{4096, 8192}, Depths: []float64{0, 100}, Trials: 1},
		Models: []ModelSpec{{Spec: "sim"}}, Out: t.TempDir(), Cache: testCache}
	run, err := Open(context.Background(), plan)
	if err != nil {
		t.Fatal(err)
	}
	res, err := run.Execute(context.Background(), Hooks{})
	run.Close()
	if err != nil {
		t.Fatal(err)
	}
	byTask := map[string]int{}
	for _, r := range res.Records {
		byTask[r.Task]++
		if !r.Valid() || r.Score != 1 {
			t.Errorf("%s: %s %s score %g answer %q (the simulation answers every trial of 4K and 8K right)", r.ID, r.Status, r.Reason, r.Score, r.Answer)
		}
	}
	for _, name := range stats.RulerTasks[:11] {
		if byTask[name] != 4 {
			t.Errorf("%s: %d trials, want 4 (2 lengths x 2 depths, or one row of 2)", name, byTask[name])
		}
	}
	m := run.Dir.Manifest
	if m.Task != "ruler" || !strings.Contains(m.Haystack, "noise") || !strings.Contains(m.Haystack, needle.NeedlesHaystackUUID) || len(m.CorpusHash) != 64 {
		t.Errorf("manifest task %q haystack %q hash %q", m.Task, m.Haystack, m.CorpusHash)
	}
	if n, err := Pending(plan); err != nil || n != 0 {
		t.Errorf("pending after the run: %d, %v", n, err)
	}
	table := stats.RulerTables(stats.Summarize(res.Records), stats.DefaultThreshold)
	if len(table) != 1 || len(table[0].Tasks) != 11 || table[0].Mean[0] != 1 || table[0].Eff != 8192 {
		t.Errorf("RULER table %+v", table)
	}
}

// The set picks each task's haystack, and a search walks one task's
// depths: --haystack and --adaptive are refused with ruler, --adaptive with
// a task without depth.
func TestRulerSettingsRefused(t *testing.T) {
	ruler, _ := needle.ByName("ruler")
	cwe, _ := needle.ByName("cwe")
	for _, c := range []struct {
		plan    Plan
		setting string
	}{
		{Plan{Task: ruler, Haystack: "noise"}, "haystack"},
		{Plan{Task: ruler, Search: &results.AdaptiveInfo{}}, "adaptive"},
		{Plan{Task: cwe, Search: &results.AdaptiveInfo{}}, "adaptive"},
	} {
		var se *SettingError
		if _, err := c.plan.withDefaults(); !errors.As(err, &se) || se.Setting != c.setting {
			t.Errorf("%s: %v, want a %s error", c.plan.Task.Name(), err, c.setting)
		}
	}
}

// gen and plan build every task of the set (PromptSet): one prompter per
// task, in the set's order.
func TestPromptSetOfRuler(t *testing.T) {
	task, _ := needle.ByName("ruler")
	prs, err := PromptSet(context.Background(), Plan{Task: task, Tokenizer: "sim", Grid: Grid{Lengths: []int{4096}}, Cache: testCache})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, pr := range prs {
		names = append(names, pr.Task.Name())
	}
	if !slices.Equal(names, stats.RulerTasks[:11]) {
		t.Errorf("prompters %v", names)
	}
}
