package stats

import "sort"

// DistanceBin is a range of needle distances, [Lo, Hi) tokens from the
// needle's end to the question's start.
type DistanceBin struct{ Lo, Hi int }

// DistanceView is accuracy by distance: the second view of a summary,
// beside depth. A sliding window or a context shift limits the distance a
// model can reach back, whatever the length; on this view it is a
// horizontal edge, where on the depth heatmap it is a diagonal.
type DistanceView struct {
	Bins    []DistanceBin // ascending, the y axis
	Lengths []int         // the summary's lengths, the x axis
	// Cells[b][l] tallies the trials of bin b at length l; Length is set,
	// Depth is the bin's lower edge.
	Cells  [][]Cell
	PerBin []Tally // every length of a bin: the line chart
	// Missing counts trials without a distance (records written before
	// distance_tokens, or a task with no needle).
	Missing int
}

// minDistanceBin is the narrowest first bin, in tokens.
const minDistanceBin = 64

// DistancesOf returns the distance view of s, or nil when no record of it
// has a distance. Bins are octaves: [0, b), [b, 2b), [2b, 4b), ..., with b
// the power of two nearest an eighth of the shortest length (at least 64),
// so the first bin holds the needles next to the question at any length.
func DistancesOf(s *Summary) *DistanceView {
	maxD, any := 0, false
	for i := range s.Records {
		if d := s.Records[i].DistanceTokens; d != nil {
			maxD, any = max(maxD, *d), true
		}
	}
	if !any || len(s.Lengths) == 0 {
		return nil
	}
	b := minDistanceBin
	for b*16 <= s.Lengths[0] {
		b *= 2
	}
	v := &DistanceView{Lengths: s.Lengths, Bins: []DistanceBin{{0, b}}}
	for v.Bins[len(v.Bins)-1].Hi <= maxD {
		hi := v.Bins[len(v.Bins)-1].Hi
		v.Bins = append(v.Bins, DistanceBin{hi, 2 * hi})
	}
	li := indexOf(s.Lengths)
	v.Cells = make([][]Cell, len(v.Bins))
	for bi := range v.Cells {
		v.Cells[bi] = make([]Cell, len(s.Lengths))
		for l := range v.Cells[bi] {
			v.Cells[bi][l] = Cell{Length: s.Lengths[l], Depth: float64(v.Bins[bi].Lo)}
		}
	}
	v.PerBin = make([]Tally, len(v.Bins))
	for i := range s.Records {
		r := &s.Records[i]
		if r.DistanceTokens == nil {
			v.Missing++
			continue
		}
		bi := v.BinOf(*r.DistanceTokens)
		c := &v.Cells[bi][li[r.Length]]
		c.add(r)
		c.Records = append(c.Records, i)
		v.PerBin[bi].add(r)
	}
	for bi := range v.Cells {
		for l := range v.Cells[bi] {
			v.Cells[bi][l].finish()
		}
		v.PerBin[bi].finish()
	}
	return v
}

// BinOf is the index of the bin holding distance d.
func (v *DistanceView) BinOf(d int) int {
	i := sort.Search(len(v.Bins), func(i int) bool { return v.Bins[i].Hi > d })
	return min(i, len(v.Bins)-1)
}
