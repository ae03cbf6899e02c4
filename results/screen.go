package results

import (
	"fmt"
	"math"
)

// MaxLength is the longest prompt a record may claim, in tokens: far above
// any model's context (10M), low enough that a length parsed from a
// corrupt or hostile file cannot size a heatmap.
const MaxLength = 1 << 27

// Screen drops records whose numbers cannot be a trial's: a score outside
// 0..1, a length that is not positive or beyond MaxLength, a depth outside
// 0..100. It returns the records kept and one warning per kind of problem
// (with its count), never one per record, naming the source as name.
func Screen(recs []Record, name string) ([]Record, []string) {
	kinds := []string{
		"a score outside 0..1",
		fmt.Sprintf("a length that is not between 1 and %d tokens", MaxLength),
		"a depth outside 0..100%",
	}
	counts := make([]int, len(kinds))
	kept := recs[:0:0]
	for i := range recs {
		if k := problem(&recs[i]); k >= 0 {
			counts[k]++
			continue
		}
		kept = append(kept, recs[i])
	}
	var warns []string
	for k, n := range counts {
		if n > 0 {
			warns = append(warns, fmt.Sprintf("%s: %d records with %s skipped", name, n, kinds[k]))
		}
	}
	return kept, warns
}

// problem is the index of the first kind of problem r has, -1 for none.
func problem(r *Record) int {
	switch {
	case math.IsNaN(r.Score) || r.Score < 0 || r.Score > 1:
		return 0
	case r.Length <= 0 || r.Length > MaxLength:
		return 1
	case math.IsNaN(r.Depth) || r.Depth < 0 || r.Depth > 100:
		return 2
	}
	return -1
}
