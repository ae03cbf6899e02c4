package haystack

import "fmt"

// chunkBytes bounds one counting request: about 64K tokens of prose, so a
// 1M-token index costs a few dozen requests, and the answer (a piece per
// token) stays a few MB.
const chunkBytes = 256 << 10

// extendInChunks counts from the last cut in chunks that end on a cut,
// each one request that maps every sentence boundary inside it, until the
// index holds need tokens. A chunk starts on a cut, so its tokens are
// the tokens of its sentences, as counting them one by one would give.
func (ix *Index) extendInChunks(tok BoundaryCounter, pts []int32, need int) error {
	i := 0
	for i < len(pts) && ix.Tokens() < need {
		last := ix.Cuts[len(ix.Cuts)-1]
		from := int(last.Byte)
		// Size the chunk to what is still needed (4 bytes a token is
		// generous for prose), so a short run counts a short prefix.
		size := min(chunkBytes, max(8<<10, 6*(need-ix.Tokens())))
		j := i
		for j < len(pts) && int(pts[j])-from <= size {
			j++
		}
		j = max(j, i+1) // a sentence longer than the chunk is a chunk
		bounds := make([]int, j-i)
		for k := range bounds {
			bounds[k] = int(pts[i+k]) - from
		}
		counts, err := tok.CountBoundaries(ix.Text[from:pts[j-1]], bounds)
		if err != nil {
			return fmt.Errorf("tokenizing haystack with %s: %w", tok.Name(), err)
		}
		for k, n := range counts {
			ix.Cuts = append(ix.Cuts, Cut{Byte: pts[i+k], Tok: last.Tok + int32(n)})
		}
		i = j
	}
	ix.Complete = len(pts) == 0 || ix.Cuts[len(ix.Cuts)-1].Byte == pts[len(pts)-1]
	return nil
}
