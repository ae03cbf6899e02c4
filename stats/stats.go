// Package stats turns trial records into what they measure: per-cell and
// per-length accuracy with Wilson intervals, the effective context length
// (RULER absolute, NoLiMa relative), the verdict against a claim, and what
// the prompts cost. It returns numbers and typed verdicts; the words that
// say them to people are render's.
package stats

import (
	"math"
	"sort"

	"niah/results"
)

// WilsonZ is the normal quantile for a two-sided 95% interval.
const WilsonZ = 1.959964

// Wilson returns the Wilson score interval for a proportion p observed over
// n trials. Scores may be fractional (multi-value tasks), so the mean score
// stands in for the proportion of successes. n == 0 gives [0, 1]: nothing
// is known.
func Wilson(p float64, n int, z float64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	p = math.Max(0, math.Min(1, p))
	nf := float64(n)
	z2 := z * z
	den := 1 + z2/nf
	centre := (p + z2/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf)) / den
	return math.Max(0, centre-half), math.Min(1, centre+half)
}

// Tally counts trials by outcome. Accuracy is over valid (status ok) trials
// only; invalid trials (the server truncated or refused the prompt) and
// errors are counted apart, with their reasons.
type Tally struct {
	Trials  int                    `json:"trials"`
	Valid   int                    `json:"valid"`
	Invalid int                    `json:"invalid"`
	Errors  int                    `json:"errors"`
	Mean    float64                `json:"mean"` // mean score over valid trials; 0 when Valid == 0
	Lo      float64                `json:"lo"`   // Wilson 95% interval of Mean
	Hi      float64                `json:"hi"`
	Reasons map[results.Reason]int `json:"reasons,omitempty"` // invalid and error reasons
	// Unverified counts valid trials whose prompt length the server did
	// not confirm (results.Record.LengthUnverified).
	Unverified int `json:"unverified,omitempty"`
	// Refused counts invalid trials the API blocked or the model declined
	// (reason refused); they are among Invalid and Reasons too.
	Refused int `json:"refused,omitempty"`
	sum     float64
}

func (t *Tally) add(r *results.Record) {
	t.Trials++
	switch r.Status {
	case results.StatusOK:
		t.Valid++
		t.sum += r.Score
		if r.LengthUnverified {
			t.Unverified++
		}
		return
	case results.StatusInvalid:
		t.Invalid++
		if r.Reason == results.ReasonRefused {
			t.Refused++
		}
	default: // "error", or anything unknown: never counted as a model answer
		t.Errors++
	}
	reason := r.Reason
	if reason == "" {
		reason = "unknown"
	}
	if t.Reasons == nil {
		t.Reasons = map[results.Reason]int{}
	}
	t.Reasons[reason]++
}

func (t *Tally) finish() {
	if t.Valid > 0 {
		t.Mean = t.sum / float64(t.Valid)
	}
	t.Lo, t.Hi = Wilson(t.Mean, t.Valid, WilsonZ)
}

// Tested reports whether at least one trial was graded.
func (t *Tally) Tested() bool { return t.Valid > 0 }

// Cell is one (length, depth) of the grid.
type Cell struct {
	Length int     `json:"length"`
	Depth  float64 `json:"depth"`
	Tally
	Records []int `json:"-"` // indexes into Summary.Records
}

// LengthStat aggregates every depth of one length.
type LengthStat struct {
	Length int `json:"length"`
	Tally
}

// Summary is the graded grid of one model (label) and task.
type Summary struct {
	Label     string
	Model     string
	Task      string
	Simulated bool
	Lengths   []int        // ascending, the x axis
	Depths    []float64    // ascending, the y axis (0% at the top when drawn)
	Cells     [][]Cell     // Cells[d][l]: depth index d, length index l
	PerLength []LengthStat // one per Lengths entry
	Overall   Tally
	// TrialsPerCell is the most trials any cell has.
	TrialsPerCell int
	// Date is the day of the last trial (YYYY-MM-DD), "" when unknown.
	Date    string
	Records []results.Record
	// LengthCounts is what the lengths count (results.CountsWindow or
	// CountsPrompt), as the records say.
	LengthCounts string
	// Depthless: the task has no depth (cwe, fwe), its one row is every
	// trial of a length.
	Depthless bool
}

// labelOf is the display label of a record: its label, else its model spec.
func labelOf(r *results.Record) string {
	if r.Label != "" {
		return r.Label
	}
	if r.Model != "" {
		return r.Model
	}
	return "model"
}

// Summarize groups records by label (and task, should a run mix tasks) and
// builds each group's grid, in order of first appearance.
func Summarize(recs []results.Record) []*Summary {
	type key struct{ label, task string }
	var order []key
	groups := map[key][]results.Record{}
	for _, r := range recs {
		k := key{labelOf(&r), r.Task}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	out := make([]*Summary, 0, len(order))
	for _, k := range order {
		out = append(out, summarizeOne(k.label, k.task, groups[k]))
	}
	return out
}

func summarizeOne(label, task string, recs []results.Record) *Summary {
	s := &Summary{Label: label, Task: task, Records: recs}
	lengthSet, depthSet := map[int]bool{}, map[float64]bool{}
	for i := range recs {
		r := &recs[i]
		lengthSet[r.Length] = true
		depthSet[r.Depth] = true
		s.Simulated = s.Simulated || r.Simulated
		if s.Model == "" {
			s.Model = r.Model
		}
		if i == 0 {
			s.LengthCounts, s.Depthless = r.Counts(), r.Depthless
		}
		s.Depthless = s.Depthless && r.Depthless
		if len(r.Time) >= 10 && r.Time[:10] > s.Date {
			s.Date = r.Time[:10]
		}
	}
	for l := range lengthSet {
		s.Lengths = append(s.Lengths, l)
	}
	for d := range depthSet {
		s.Depths = append(s.Depths, d)
	}
	sort.Ints(s.Lengths)
	sort.Float64s(s.Depths)
	li, di := indexOf(s.Lengths), indexOf(s.Depths)

	s.Cells = make([][]Cell, len(s.Depths))
	for d := range s.Cells {
		s.Cells[d] = make([]Cell, len(s.Lengths))
		for l := range s.Cells[d] {
			s.Cells[d][l] = Cell{Length: s.Lengths[l], Depth: s.Depths[d]}
		}
	}
	s.PerLength = make([]LengthStat, len(s.Lengths))
	for l, n := range s.Lengths {
		s.PerLength[l].Length = n
	}
	for i := range recs {
		r := &recs[i]
		c := &s.Cells[di[r.Depth]][li[r.Length]]
		c.add(r)
		c.Records = append(c.Records, i)
		s.PerLength[li[r.Length]].add(r)
		s.Overall.add(r)
	}
	for d := range s.Cells {
		for l := range s.Cells[d] {
			s.Cells[d][l].finish()
			s.TrialsPerCell = max(s.TrialsPerCell, s.Cells[d][l].Trials)
		}
	}
	for l := range s.PerLength {
		s.PerLength[l].finish()
	}
	s.Overall.finish()
	return s
}

func indexOf[T comparable](xs []T) map[T]int {
	m := make(map[T]int, len(xs))
	for i, x := range xs {
		m[x] = i
	}
	return m
}
