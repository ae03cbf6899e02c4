package haystack

import (
	"sort"
	"strings"
)

// A prompt's pieces do not tokenize independently where they meet: a
// haystack ending in "." followed by the question's "\n\n" is one
// pre-token, which byte-level BPE vocabularies (Llama 3, Qwen, cl100k,
// o200k) merge into a single ".\n\n" token. The plan therefore counts each
// seam in its context: the prompt splits into chunks at the cuts that stay
// pre-token boundaries in it (every cut strictly inside a stretch of
// haystack), a chunk holding inserted text (instructions, a needle, the
// question) is counted whole, and the others keep their index counts.

// span is one piece of a rendered prompt: haystack bytes [from, to) of the
// index text, or inserted text.
type span struct {
	text     string
	inserted bool
	from, to int
}

// spans lists the pieces of the prompt of layout l, in order. Haystack
// text is left out between the elision's cuts.
func (ix *Index) spans(p Parts, l Layout) []span {
	end := l.HayEnd
	out := []span{{text: p.Instructions, inserted: true}}
	gapFrom, gapTo := int(ix.Cuts[l.SkipFrom].Byte), int(ix.Cuts[l.SkipTo].Byte)
	hay := func(from, to int) {
		if gapFrom < gapTo && from <= gapFrom && to >= gapTo {
			out = append(out, span{text: ix.Text[from:gapFrom], from: from, to: gapFrom}, span{text: ix.Text[gapTo:to], from: gapTo, to: to})
			return
		}
		out = append(out, span{text: ix.Text[from:to], from: from, to: to})
	}
	if l.LeadTo > l.LeadFrom {
		hay(l.LeadFrom, l.LeadTo)
	}
	pos := 0
	for _, i := range l.order {
		at := min(int(ix.Cuts[l.NeedleCut[i]].Byte), end)
		hay(pos, at)
		pos = at
		text := p.Needles[i].Text
		if at == int(ix.Cuts[l.NeedleCut[i]].Byte) && ix.paragraphStart(at) {
			// A paragraph opens without a space: move the needle's leading
			// space to its end so the sentences stay apart.
			text = strings.TrimPrefix(text, " ") + " "
		}
		out = append(out, span{text: text, inserted: true})
	}
	hay(pos, end)
	return append(out, span{text: p.Question, inserted: true})
}

// exactTokens counts the prompt of layout l as a whole text tokenizes,
// plus the overhead, counting only the chunks that hold inserted text.
func (ix *Index) exactTokens(p Parts, l Layout, count func(string) (int, error)) (int, error) {
	total := p.Overhead
	var chunk []string // the text of the current chunk, when it holds an insertion
	inserted := true   // the first chunk holds the instructions
	startTok := 0      // index tokens at the current chunk's start (a safe cut)
	pos := 0           // bytes of the current hay span already in the chunk
	lastTo := 0        // where the last hay span ended (the lead's, 0, is not)
	for _, s := range ix.spans(p, l) {
		if s.inserted {
			chunk, inserted = append(chunk, s.text), true
			continue
		}
		if s.from != lastTo {
			// Across the elision the index counts do not add up: count the
			// chunk as text, as with an insertion.
			inserted = true
		}
		pos, lastTo = s.from, s.to
		// safe cuts: strictly inside the span
		i := sort.Search(len(ix.Cuts), func(i int) bool { return int(ix.Cuts[i].Byte) > s.from })
		for ; i < len(ix.Cuts) && int(ix.Cuts[i].Byte) < s.to; i++ {
			cb := int(ix.Cuts[i].Byte)
			if inserted {
				n, err := count(strings.Join(append(chunk, ix.Text[pos:cb]), ""))
				if err != nil {
					return 0, err
				}
				total += n
			} else {
				total += int(ix.Cuts[i].Tok) - startTok
			}
			chunk, inserted, startTok, pos = chunk[:0], false, int(ix.Cuts[i].Tok), cb
		}
		chunk = append(chunk, ix.Text[pos:s.to])
	}
	n, err := count(strings.Join(chunk, "")) // the last chunk holds the question
	return total + n, err
}
