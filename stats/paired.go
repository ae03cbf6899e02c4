package stats

import (
	"math"
	"sort"
	"strings"

	"niah/results"
)

// A paired test compares two runs trial by trial: the same trial id
// (same grid, seed and task) is the same prompt, so each trial is a pair
// of outcomes. An outcome is the record's all-or-nothing `correct` (every
// expected value found, no extra one): fractional scores (multi-value,
// hops) are not split into pieces, which would make the pieces of one
// prompt look like independent pairs.

// PairKey is what matches a trial across runs: its id without the label
// that runner.TrialID puts in front, up to "|".
func PairKey(r *results.Record) string {
	if i := strings.LastIndexByte(r.ID, '|'); i >= 0 {
		return r.ID[i+1:]
	}
	return r.ID
}

// PairTable counts paired outcomes: both right, only A, only B, neither.
type PairTable struct {
	Both, OnlyA, OnlyB, Neither int
}

// N is the number of pairs.
func (t PairTable) N() int { return t.Both + t.OnlyA + t.OnlyB + t.Neither }

// Discordant is the number of pairs on which A and B disagree.
func (t PairTable) Discordant() int { return t.OnlyA + t.OnlyB }

// AccA and AccB are the shares of pairs each side got right; 0 with none.
func (t PairTable) AccA() float64 { return frac(t.Both+t.OnlyA, t.N()) }
func (t PairTable) AccB() float64 { return frac(t.Both+t.OnlyB, t.N()) }

func frac(a, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(a) / float64(n)
}

func (t *PairTable) add(a, b bool) {
	switch {
	case a && b:
		t.Both++
	case a:
		t.OnlyA++
	case b:
		t.OnlyB++
	default:
		t.Neither++
	}
}

// PairedTest is the test of one table: the difference B − A with its
// Newcombe 95% interval, the exact McNemar p-value, and what the pairs
// could have found.
type PairedTest struct {
	PairTable
	Cells  int     // distinct (length, depth) cells the pairs come from
	Diff   float64 // B − A, a fraction
	Lo, Hi float64 // its 95% interval (NewcombePaired)
	P      float64 // exact two-sided McNemar p-value
	// PAdj is P adjusted for the comparisons made with the same baseline
	// (Holm); P itself when there is one comparison.
	PAdj float64
	// Detectable is the smallest difference these pairs find with 80%
	// power at a two-sided 5% level (Detectable); 0 with DetectOK false
	// when none can be found.
	Detectable float64
	DetectOK   bool
	// Needed is the pairs a 5-point difference needs (PairsNeeded) and
	// NeededPerCell that spread over Cells; 0 when out of reach.
	Needed, NeededPerCell int
}

// Significant reports a difference at the 5% level, after adjustment.
func (p PairedTest) Significant() bool { return p.N() > 0 && p.PAdj < PairedAlpha }

// PerCell is the pairs per cell, rounded.
func (p PairedTest) PerCell() int {
	if p.Cells == 0 {
		return 0
	}
	return int(math.Round(float64(p.N()) / float64(p.Cells)))
}

func testOf(t PairTable, cells int) PairedTest {
	p := PairedTest{PairTable: t, Cells: cells, Diff: frac(t.OnlyB-t.OnlyA, t.N()), P: McNemarExact(t.OnlyA, t.OnlyB)}
	p.PAdj = p.P
	p.Lo, p.Hi = NewcombePaired(t, WilsonZ)
	if t.N() == 0 {
		return p
	}
	observed := frac(t.Discordant(), t.N())
	p.Detectable, p.DetectOK = Detectable(t.N(), observed)
	if p.Needed = PairsNeeded(TargetChange, observed); p.Needed > 0 && cells > 0 {
		p.NeededPerCell = (p.Needed + cells - 1) / cells
	}
	return p
}

// PairedLength is the paired test at one length.
type PairedLength struct {
	Length int
	PairedTest
}

// Paired is two summaries compared trial by trial.
type Paired struct {
	A, B *Summary
	// Matched counts the trial ids both runs hold; Excluded those of them
	// not graded on both sides (invalid or error on one), which the test
	// leaves out; OnlyA and OnlyB the ids one run holds alone.
	Matched, Excluded, OnlyA, OnlyB int
	PerLength                       []PairedLength
	Overall                         PairedTest
	Same                            Sameness
}

// Sameness says how alike two runs' answers are on the trials they share.
type Sameness struct {
	Matched int // trial ids both runs hold
	// SameScore counts those with the same status, score and correctness;
	// SameAnswer those of them with, byte for byte, the same answer and
	// reasoning too.
	SameAnswer, SameScore int
}

// Identical reports answers that are byte-identical in every matched trial.
func (s Sameness) Identical() bool { return s.Matched > 0 && s.SameAnswer == s.Matched }

// WordsOnly reports answers that differ somewhere while every score is
// the same: the setting changed the words, not the retrieval.
func (s Sameness) WordsOnly() bool {
	return s.Matched > 0 && s.SameAnswer < s.Matched && s.SameScore == s.Matched
}

// Pair compares b with a on the trial ids they share.
func Pair(a, b *Summary) *Paired {
	p := &Paired{A: a, B: b}
	byKey := make(map[string]*results.Record, len(a.Records))
	for i := range a.Records {
		byKey[PairKey(&a.Records[i])] = &a.Records[i]
	}
	tables := map[int]*PairTable{}
	cells := map[int]map[float64]bool{}
	seen := map[string]bool{}
	var overall PairTable
	for i := range b.Records {
		rb := &b.Records[i]
		key := PairKey(rb)
		ra := byKey[key]
		if ra == nil {
			p.OnlyB++
			continue
		}
		if seen[key] {
			continue // a repeated id counts once
		}
		seen[key] = true
		p.Matched++
		p.Same.Matched++
		if sameScore := ra.Status == rb.Status && ra.Score == rb.Score && ra.Correct == rb.Correct; sameScore {
			p.Same.SameScore++
			if ra.Answer == rb.Answer && ra.Reasoning == rb.Reasoning {
				p.Same.SameAnswer++
			}
		}
		if !ra.Valid() || !rb.Valid() {
			p.Excluded++
			continue
		}
		t := tables[ra.Length]
		if t == nil {
			t = &PairTable{}
			tables[ra.Length] = t
			cells[ra.Length] = map[float64]bool{}
		}
		t.add(ra.Correct, rb.Correct)
		overall.add(ra.Correct, rb.Correct)
		cells[ra.Length][ra.Depth] = true
	}
	p.OnlyA = len(byKey) - len(seen)
	lengths := make([]int, 0, len(tables))
	for l := range tables {
		lengths = append(lengths, l)
	}
	sort.Ints(lengths)
	total := 0
	for _, l := range lengths {
		total += len(cells[l])
		p.PerLength = append(p.PerLength, PairedLength{Length: l, PairedTest: testOf(*tables[l], len(cells[l]))})
	}
	p.Overall = testOf(overall, total)
	return p
}

// AdjustHolm adjusts the p-values of comparisons made against one
// baseline for their number (Holm): the overall tests as one family, and
// the tests at each length as one family per length. Fewer than two
// comparisons: nothing to adjust.
func AdjustHolm(ps []*Paired) {
	if len(ps) < 2 {
		return
	}
	var all []float64
	for _, p := range ps {
		all = append(all, p.Overall.P)
	}
	for i, q := range Holm(all) {
		ps[i].Overall.PAdj = q
	}
	type at struct{ p, l int }
	byLength := map[int][]at{}
	for i, p := range ps {
		for j, pl := range p.PerLength {
			byLength[pl.Length] = append(byLength[pl.Length], at{i, j})
		}
	}
	for _, family := range byLength {
		raw := make([]float64, len(family))
		for k, a := range family {
			raw[k] = ps[a.p].PerLength[a.l].P
		}
		for k, q := range Holm(raw) {
			ps[family[k].p].PerLength[family[k].l].PAdj = q
		}
	}
}
