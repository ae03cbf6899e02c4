package recordtest

import (
	"math"

	"niah/results"
)

// Overhead is the tokens of a test prompt that are not haystack
// (instructions, needle, question), for the distances WithDistances sets.
const Overhead = 100

// DistanceOf is the distance WithDistances gives a needle at depth
// (percent) in a prompt of length tokens: the haystack after it.
func DistanceOf(length int, depth float64) int {
	return int(math.Round((1 - depth/100) * float64(length-Overhead)))
}

// WithDistances sets each record's distance_tokens from its length and
// depth (DistanceOf).
func WithDistances(recs []results.Record) []results.Record {
	for i := range recs {
		d := DistanceOf(recs[i].Length, recs[i].Depth)
		recs[i].DistanceTokens = &d
	}
	return recs
}
