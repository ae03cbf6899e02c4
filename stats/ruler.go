package stats

import (
	"math"
	"slices"

	"niah/results"
)

// RULER's table: one row per task of RULER's synthetic set, one column per
// length; the mean over the tasks at each length is RULER's score there,
// its weighted averages rank models, and the effective length is read from
// it. Scores are fractions (0–1); the table shows them as RULER does, ×100.

// RulerTasks are the task names of RULER's synthetic set, in the order of
// its table (scripts/synthetic.yaml).
var RulerTasks = []string{
	"niah_single_1", "niah_single_2", "niah_single_3",
	"niah_multikey_1", "niah_multikey_2", "niah_multikey_3",
	"niah_multivalue", "niah_multiquery", "vt", "cwe", "fwe", "qa_1", "qa_2",
}

// RulerTable is one model's RULER table.
type RulerTable struct {
	Label     string
	Simulated bool
	Tasks     []string // the rows: RULER's tasks the records hold, in RULER's order
	Lengths   []int    // the columns, ascending
	// Score[t][l] is task t's mean score at length l; NaN where it has no
	// graded trial (Reasons counts why, over all such cells).
	Score   [][]float64
	Reasons map[results.Reason]int
	Mean    []float64 // per length: RulerMean; NaN where a task has no score
	Trials  int       // the most trials of any cell (task, length)
	Counts  string    // what the lengths count (results.CountsWindow or CountsPrompt)
	Date    string
	Model   string
	WAvgInc float64 // NaN unless every length has a mean
	WAvgDec float64
	Bar     float64 // the threshold the effective length is read against
	// Eff is the effective length read from the means, RULER's way: the
	// largest length whose mean, and every shorter length's, reaches Bar
	// (lengths without a mean are skipped); 0 when the shortest fails.
	Eff      int
	Tested   bool // some length has a mean
	Complete bool // every length has a mean
}

// RulerMean is RULER's score of one model at each length: the mean, over
// the RULER tasks among sums, of each task's mean score there (0–1). A
// length where one of those tasks has no graded trial has no mean and is
// left out. sums are one model's summaries (Summarize gives one per task);
// summaries of other tasks are ignored.
func RulerMean(sums []*Summary) map[int]float64 {
	rows := rulerRows(sums)
	out := map[int]float64{}
	for _, l := range rowLengths(rows) {
		if m := meanAt(rows, l); !math.IsNaN(m) {
			out[l] = m
		}
	}
	return out
}

// rulerRows are the RULER tasks' summaries in RULER's order.
func rulerRows(sums []*Summary) []*Summary {
	var rows []*Summary
	for _, name := range RulerTasks {
		for _, s := range sums {
			if s.Task == name {
				rows = append(rows, s)
				break
			}
		}
	}
	return rows
}

func rowLengths(rows []*Summary) []int {
	var ls []int
	for _, s := range rows {
		for _, l := range s.Lengths {
			if !slices.Contains(ls, l) {
				ls = append(ls, l)
			}
		}
	}
	slices.Sort(ls)
	return ls
}

// scoreAt is a task's mean score at length l, NaN with no graded trial.
func scoreAt(s *Summary, l int) float64 {
	for _, ls := range s.PerLength {
		if ls.Length == l && ls.Tested() {
			return ls.Mean
		}
	}
	return math.NaN()
}

func meanAt(rows []*Summary, l int) float64 {
	if len(rows) == 0 {
		return math.NaN()
	}
	sum := 0.0
	for _, s := range rows {
		sum += scoreAt(s, l) // NaN spreads: no mean without every task
	}
	return sum / float64(len(rows))
}

// RulerTables builds the RULER table of every model whose records hold at
// least two of RULER's tasks (a --task ruler run), in order of first
// appearance; threshold is the bar of the effective length (0.856).
func RulerTables(sums []*Summary, threshold float64) []RulerTable {
	var labels []string
	byLabel := map[string][]*Summary{}
	for _, s := range sums {
		if !slices.Contains(RulerTasks, s.Task) {
			continue
		}
		if _, ok := byLabel[s.Label]; !ok {
			labels = append(labels, s.Label)
		}
		byLabel[s.Label] = append(byLabel[s.Label], s)
	}
	var out []RulerTable
	for _, label := range labels {
		if rows := rulerRows(byLabel[label]); len(rows) >= 2 {
			out = append(out, rulerTable(label, rows, threshold))
		}
	}
	return out
}

func rulerTable(label string, rows []*Summary, threshold float64) RulerTable {
	t := RulerTable{Label: label, Lengths: rowLengths(rows), Bar: threshold, Reasons: map[results.Reason]int{}}
	for _, s := range rows {
		t.Tasks = append(t.Tasks, s.Task)
		t.Simulated = t.Simulated || s.Simulated
		t.Trials = max(t.Trials, s.TrialsPerCell*len(s.Depths))
		t.Counts, t.Model = s.LengthCounts, s.Model
		if s.Date > t.Date {
			t.Date = s.Date
		}
		var row []float64
		for _, l := range t.Lengths {
			row = append(row, scoreAt(s, l))
		}
		t.Score = append(t.Score, row)
		for _, ls := range s.PerLength {
			if !ls.Tested() {
				for k, v := range ls.Reasons {
					t.Reasons[k] += v
				}
			}
		}
	}
	var tested []LengthStat // the means as lengths, for the effective length
	t.Complete = true
	for _, l := range t.Lengths {
		m := meanAt(rows, l)
		t.Mean = append(t.Mean, m)
		if math.IsNaN(m) {
			t.Complete = false
			continue
		}
		t.Tested = true
		tested = append(tested, LengthStat{Length: l, Tally: Tally{Valid: 1, Mean: m}})
	}
	t.Eff = holdsTo(tested, threshold)
	t.WAvgInc, t.WAvgDec = WeightedAverages(t.Mean)
	return t
}

// WeightedAverages are RULER's wAvg (inc) and wAvg (dec) of the scores of
// ascending lengths: weights rising linearly with length (1, 2, …, k for
// k lengths) or falling (k, …, 1), as the RULER paper ranks models (GPT-4's
// 96.6 96.3 95.2 93.2 87.0 81.2 give 89.0 and 94.1 in its table). NaN if a
// score is NaN.
func WeightedAverages(scores []float64) (inc, dec float64) {
	k := len(scores)
	if k == 0 {
		return math.NaN(), math.NaN()
	}
	var wi, wd, sum float64
	for i, s := range scores {
		wi += float64(i+1) * s
		wd += float64(k-i) * s
		sum += float64(i + 1)
	}
	return wi / sum, wd / sum
}
