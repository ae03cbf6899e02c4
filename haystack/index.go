package haystack

import (
	"fmt"
	"runtime"
	"sync"
)

// Cut is a place where the haystack may be cut or a needle inserted: the
// byte offset of the space that opens a sentence inside a paragraph, of the
// first letter of a paragraph, or 0 (the start of the text), and the number
// of tokens before it.
//
// Cuts sit on pre-tokenizer boundaries (a word's leading space starts a new
// token in every BPE scheme niah knows), so the token count of text up to a
// cut is the sum of the counts of the segments before it: a prompt's length
// can be known without tokenizing the prompt.
type Cut struct {
	Byte int32
	Tok  int32
}

// Index is the list of cuts of a corpus prefix in one tokenizer.
type Index struct {
	Text      string // the whole corpus text; Cuts may cover only a prefix
	Tokenizer string
	Cuts      []Cut
	// Complete is true when the cuts reach the last sentence boundary of Text.
	Complete bool
}

// Tokens is the token count up to the last cut.
func (ix *Index) Tokens() int {
	if len(ix.Cuts) == 0 {
		return 0
	}
	return int(ix.Cuts[len(ix.Cuts)-1].Tok)
}

// cutPoints lists the sentence openings of text after byte from: a ' '
// that follows '.', '!' or '?' inside a paragraph, and the first byte of a
// paragraph (after the blank line).
func cutPoints(text string, from int) []int32 {
	var pts []int32
	for i := max(from, 2); i < len(text); i++ {
		switch {
		case text[i] == ' ' && (text[i-1] == '.' || text[i-1] == '!' || text[i-1] == '?'):
			pts = append(pts, int32(i))
		case text[i-1] == '\n' && text[i-2] == '\n' && text[i] != '\n' && text[i] != ' ':
			pts = append(pts, int32(i))
		}
	}
	return pts
}

// paragraphStart reports whether a cut opens a paragraph (or the text), so
// an inserted needle needs its space after it rather than before.
func (ix *Index) paragraphStart(at int) bool { return at == 0 || ix.Text[at-1] == '\n' }

// extend counts segments until the index holds at least need tokens or the
// text ends. Segments are counted in parallel batches; counts are summed in
// order so the result does not depend on scheduling.
func (ix *Index) extend(tok Tokenizer, need int) error {
	if len(ix.Cuts) == 0 {
		ix.Cuts = []Cut{{0, 0}}
	}
	last := ix.Cuts[len(ix.Cuts)-1]
	pts := cutPoints(ix.Text, int(last.Byte)+1)
	if bc, ok := tok.(BoundaryCounter); ok {
		if err := ix.extendInChunks(bc, pts, need); err == nil {
			return nil
		}
		// Pieces that do not map onto the text (an unusual vocabulary):
		// count the rest sentence by sentence.
		last = ix.Cuts[len(ix.Cuts)-1]
		pts = cutPoints(ix.Text, int(last.Byte)+1)
	}
	workers := runtime.GOMAXPROCS(0)
	batch := 4096 // segments per round: about 60K tokens of prose
	if _, remote := tok.(Remote); remote {
		// A server tokenizer costs a round trip per segment, not CPU here:
		// keep several requests in flight, and count in smaller rounds so
		// a short run does not count far past what it needs.
		workers, batch = 16, 256
	}
	for start := 0; start < len(pts) && ix.Tokens() < need; start += batch {
		end := min(start+batch, len(pts))
		counts := make([]int, end-start)
		errs := make([]error, workers)
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := start + w; i < end; i += workers {
					from := int(last.Byte)
					if i > 0 {
						from = int(pts[i-1])
					}
					n, err := tok.Count(ix.Text[from:pts[i]])
					if err != nil && errs[w] == nil {
						errs[w] = err
					}
					counts[i-start] = n
				}
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return fmt.Errorf("tokenizing haystack with %s: %w", tok.Name(), err)
			}
		}
		for i, n := range counts {
			prev := ix.Cuts[len(ix.Cuts)-1]
			ix.Cuts = append(ix.Cuts, Cut{Byte: pts[start+i], Tok: prev.Tok + int32(n)})
		}
	}
	ix.Complete = len(pts) == 0 || ix.Cuts[len(ix.Cuts)-1].Byte == pts[len(pts)-1]
	return nil
}
