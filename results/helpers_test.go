package results

import (
	"fmt"
	"math"
)

// rec builds one trial record for tests.
func rec(label string, length int, depth float64, trial int, score float64, status string, reason Reason) Record {
	return Record{
		Schema: Schema, ID: fmt.Sprintf("%s/%d/%g/%d", label, length, depth, trial),
		Model: "test:" + label, Label: label, Task: "single", Length: length, Depth: depth,
		DepthActual: depth, Trial: trial, Expected: []string{fmt.Sprintf("v%d", trial)},
		PromptTokens: length, Answer: fmt.Sprintf("answer %d/%g/%d", length, depth, trial),
		Score: score, Correct: score == 1, Status: status, Reason: reason,
		LatencyMS: int64(length / 100), Time: "2026-11-28T10:00:00Z",
	}
}

// grid builds a full grid; score(l, d, t) gives each trial's score, or a
// negative number for an invalid trial (context_exceeded).
func grid(label string, lengths []int, depths []float64, trials int, score func(l int, d float64, t int) float64) []Record {
	var out []Record
	for _, l := range lengths {
		for _, d := range depths {
			for t := 0; t < trials; t++ {
				s := score(l, d, t)
				if s < 0 {
					out = append(out, rec(label, l, d, t, 0, StatusInvalid, ReasonContextExceeded))
				} else {
					out = append(out, rec(label, l, d, t, s, StatusOK, ""))
				}
			}
		}
	}
	return out
}

func pow2Lengths(from, to int) []int {
	var ls []int
	for l := from; l <= to; l *= 2 {
		ls = append(ls, l)
	}
	return ls
}

func linDepths(n int) []float64 {
	ds := make([]float64, n)
	for i := range ds {
		ds[i] = math.Round(float64(i)*100/float64(n-1)*100) / 100
	}
	return ds
}
