package stats

import (
	"math"
	"testing"

	"niah/results"
)

// RULER's README ranks GPT-4-1106-preview 4th both ways: its means at
// 4K..128K give wAvg (inc) 89.0 and wAvg (dec) 94.1; Llama3.1 (70B) gives
// 85.5 and 93.7.
func TestWeightedAveragesMatchRULERsTable(t *testing.T) {
	for _, c := range []struct {
		scores   []float64
		inc, dec float64
	}{
		{[]float64{96.6, 96.3, 95.2, 93.2, 87.0, 81.2}, 89.0, 94.1},
		{[]float64{96.5, 95.8, 95.4, 94.8, 88.4, 66.6}, 85.5, 93.7},
	} {
		inc, dec := WeightedAverages(c.scores)
		if math.Abs(inc-c.inc) > 0.05 || math.Abs(dec-c.dec) > 0.05 {
			t.Errorf("%v: wAvg %.2f / %.2f, want %.1f / %.1f", c.scores, inc, dec, c.inc, c.dec)
		}
	}
	if inc, _ := WeightedAverages([]float64{90, math.NaN()}); !math.IsNaN(inc) {
		t.Error("a length without a score has no weighted average")
	}
}

func rulerRecords() []results.Record {
	var recs []results.Record
	add := func(task string, length int, scores ...float64) {
		for i, s := range scores {
			r := results.Record{Label: "m", Task: task, Length: length, Trial: i, Score: s, Status: results.StatusOK}
			if s < 0 {
				r.Score, r.Status, r.Reason = 0, results.StatusInvalid, results.ReasonContextExceeded
			}
			recs = append(recs, r)
		}
	}
	add("niah_single_1", 4096, 1, 1)
	add("niah_single_1", 8192, 1, 0)
	add("niah_single_1", 16384, 1, 1)
	add("cwe", 4096, 0.9, 0.8)
	add("cwe", 8192, 1, 1)
	add("cwe", 16384, -1, -1) // no graded trial: no mean at 16K
	add("single", 4096, 0)    // not a RULER task: not a row
	return recs
}

// The mean per length is over the tasks, each task's mean first; a length
// where a task has no graded trial has none; the effective length is read
// from the means.
func TestRulerTableAndMean(t *testing.T) {
	sums := Summarize(rulerRecords())
	means := RulerMean(sums)
	if len(means) != 2 || math.Abs(means[4096]-0.925) > 1e-9 || math.Abs(means[8192]-0.75) > 1e-9 {
		t.Errorf("means %v, want 4K 0.925 and 8K 0.75, none at 16K", means)
	}
	tables := RulerTables(sums, DefaultThreshold)
	if len(tables) != 1 {
		t.Fatalf("%d tables", len(tables))
	}
	tb := tables[0]
	if len(tb.Tasks) != 2 || tb.Tasks[0] != "niah_single_1" || tb.Eff != 4096 || tb.Complete || !math.IsNaN(tb.Mean[2]) ||
		tb.Reasons[results.ReasonContextExceeded] != 2 || !math.IsNaN(tb.WAvgInc) {
		t.Errorf("table %+v", tb)
	}
	if RulerTables(Summarize(rulerRecords()[:6]), DefaultThreshold) != nil {
		t.Error("one RULER task is not a RULER table")
	}
}
