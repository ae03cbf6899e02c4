// Package recordtest makes trial records and grids for tests.
package recordtest

import (
	"fmt"
	"math"
	"strings"

	"niah/results"
)

// Rec builds one trial record for tests. Its id has runner.TrialID's
// form (label|task/length/dDEPTH/tTRIAL/sSEED), so runs of different
// labels pair trial by trial.
func Rec(label string, length int, depth float64, trial int, score float64, status results.Status, reason results.Reason) results.Record {
	return results.Record{
		Schema: results.Schema, ID: fmt.Sprintf("%s|single/%d/d%g/t%d/s42", label, length, depth, trial),
		Model: "test:" + label, Label: label, Task: "single", Length: length, Depth: depth,
		DepthActual: depth, Trial: trial, Expected: []string{fmt.Sprintf("v%d", trial)},
		PromptTokens: length, Answer: fmt.Sprintf("answer %d/%g/%d", length, depth, trial),
		Score: score, Correct: score == 1, Status: status, Reason: reason,
		LatencyMS: int64(length / 100), Time: "2026-11-28T10:00:00Z",
	}
}

// Grid builds a full grid; score(l, d, t) gives each trial's score, or a
// negative number for an invalid trial (context_exceeded).
func Grid(label string, lengths []int, depths []float64, trials int, score func(l int, d float64, t int) float64) []results.Record {
	var out []results.Record
	for _, l := range lengths {
		for _, d := range depths {
			for t := 0; t < trials; t++ {
				s := score(l, d, t)
				if s < 0 {
					out = append(out, Rec(label, l, d, t, 0, results.StatusInvalid, results.ReasonContextExceeded))
				} else {
					out = append(out, Rec(label, l, d, t, s, results.StatusOK, ""))
				}
			}
		}
	}
	return out
}

func Pow2Lengths(from, to int) []int {
	var ls []int
	for l := from; l <= to; l *= 2 {
		ls = append(ls, l)
	}
	return ls
}

func LinDepths(n int) []float64 {
	ds := make([]float64, n)
	for i := range ds {
		ds[i] = math.Round(float64(i)*100/float64(n-1)*100) / 100
	}
	return ds
}

// WithTask sets the task of every record, in its id too.
func WithTask(recs []results.Record, task string) []results.Record {
	for i := range recs {
		recs[i].ID = strings.Replace(recs[i].ID, "|"+recs[i].Task+"/", "|"+task+"/", 1)
		recs[i].Task = task
	}
	return recs
}

// LatentPair is a latent run and its literal control of one model: both
// perfect at 1K–4K; from 8K literal keeps 100% and latent drops to 50%.
func LatentPair() (lat, lit []results.Record) {
	lengths, depths := Pow2Lengths(1024, 16384), LinDepths(3)
	lat = WithTask(Grid("m-latent", lengths, depths, 2, func(l int, _ float64, t int) float64 {
		if l >= 8192 && t == 0 {
			return 0
		}
		return 1
	}), "latent")
	lit = WithTask(Grid("m-literal", lengths, depths, 2, func(int, float64, int) float64 { return 1 }), "latent:literal")
	for i := range lat {
		lat[i].Model, lit[i].Model = "ollama:m", "ollama:m"
	}
	return lat, lit
}
