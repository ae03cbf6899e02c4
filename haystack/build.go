package haystack

import (
	"fmt"
	"sort"
	"strings"
)

// Insert is one needle to place: its text (starting with a space, see
// needle.Placement) and the requested depth in percent of the haystack.
type Insert struct {
	Text  string
	Depth float64
}

// Parts is everything of a prompt except the haystack.
type Parts struct {
	Instructions string
	Needles      []Insert
	Question     string
	// Target is the whole prompt's length in tokens.
	Target int
	// Overhead is added to the planned count before comparing with Target:
	// tokens the server adds around the text (BOS, chat template), as
	// learned by calibration. Zero when unknown.
	Overhead int
}

// Layout is where a prompt's pieces go, computed from counts alone.
type Layout struct {
	Target    int
	Tokens    int   // planned prompt tokens: fixed parts + haystack + overhead
	Haystack  int   // haystack tokens (excluding needles)
	HayEnd    int   // byte where the haystack text ends
	NeedleCut []int // index of the cut each needle goes to
	// Depths are the achieved depths (needle token offset ÷ haystack tokens,
	// in percent), in the order of Parts.Needles.
	Depths []float64
	// Offsets are the needles' token offsets from the start of the prompt,
	// used to order requests for prefix-cache reuse.
	Offsets []int
	// Distances are the planned tokens from each needle's end to the
	// question's start (the haystack and needles between them), in the
	// order of Parts.Needles.
	Distances []int
	order     []int // needle indexes in the order they appear in the text
}

// ErrShortCorpus is returned when the corpus has too few tokens for a length.
type ErrShortCorpus struct {
	Corpus     string
	Have, Need int
	Target     int
	Tokenizer  string
}

func (e *ErrShortCorpus) Error() string {
	return fmt.Sprintf("haystack %s has %d %s tokens, length %d needs %d",
		e.Corpus, e.Have, e.Tokenizer, e.Target, e.Need)
}

// Plan lays out a prompt of p.Target tokens. count counts the fixed parts
// (instructions, needles, question) in the same tokenizer as the index.
func (ix *Index) Plan(p Parts, count func(string) (int, error)) (Layout, error) {
	// counts[0] is the instructions, counts[1] the question, then the needles.
	counts := make([]int, 2+len(p.Needles))
	fixed := p.Overhead
	for i, s := range append([]string{p.Instructions, p.Question}, needleTexts(p.Needles)...) {
		n, err := count(s)
		if err != nil {
			return Layout{}, err
		}
		counts[i] = n
		fixed += n
	}
	want := p.Target - fixed
	if want < 0 {
		return Layout{}, fmt.Errorf("length %d is shorter than the instructions, needles and question (%d tokens)", p.Target, fixed)
	}
	if ix.Tokens() < want {
		return Layout{}, &ErrShortCorpus{Have: ix.Tokens(), Need: want, Target: p.Target, Tokenizer: ix.Tokenizer}
	}
	hc, end, hay, err := ix.end(want, count)
	if err != nil {
		return Layout{}, err
	}
	// A haystack ending a paragraph would put its blank line before the
	// question's own: end it at the sentence instead.
	for end > 0 && ix.Text[end-1] == '\n' {
		end--
	}
	l := Layout{Target: p.Target, Tokens: fixed + hay, Haystack: hay, HayEnd: end}
	for _, n := range p.Needles {
		c := ix.nearest(int(n.Depth/100*float64(hay)+0.5), hc)
		l.NeedleCut = append(l.NeedleCut, c)
	}
	// Needles sharing a cut go in their given order; each needle's offset
	// includes the needles placed before it.
	l.order = make([]int, len(p.Needles))
	for i := range l.order {
		l.order[i] = i
	}
	sort.SliceStable(l.order, func(a, b int) bool { return l.NeedleCut[l.order[a]] < l.NeedleCut[l.order[b]] })
	l.Depths = make([]float64, len(p.Needles))
	l.Offsets = make([]int, len(p.Needles))
	before := 0
	for _, i := range l.order {
		tok := int(ix.Cuts[l.NeedleCut[i]].Tok)
		if hay > 0 {
			l.Depths[i] = 100 * float64(tok) / float64(hay)
		}
		l.Offsets[i] = counts[0] + tok + before
		before += counts[2+i]
	}
	l.Distances = make([]int, len(p.Needles))
	for i := range p.Needles {
		l.Distances[i] = counts[0] + hay + before - (l.Offsets[i] + counts[2+i])
	}
	if l.Tokens, err = ix.exactTokens(p, l, count); err != nil {
		return Layout{}, err
	}
	return l, nil
}

// end finds where a haystack of want tokens stops: at a sentence cut when
// one is within two tokens, else at a word boundary inside the next
// sentence (short prompts in short-sentence haystacks would otherwise miss
// their length by half a sentence). It returns the last cut at or before
// the end (needles go no further), the end byte and the haystack tokens.
func (ix *Index) end(want int, count func(string) (int, error)) (cut, end, tokens int, err error) {
	last := len(ix.Cuts) - 1
	hc := sort.Search(last+1, func(i int) bool { return int(ix.Cuts[i].Tok) > want }) - 1
	hc = max(hc, 0)
	at := func(i int) (int, int, int, error) { return i, int(ix.Cuts[i].Byte), int(ix.Cuts[i].Tok), nil }
	gap := want - int(ix.Cuts[hc].Tok)
	if gap <= 2 || hc == last {
		return at(hc)
	}
	if int(ix.Cuts[hc+1].Tok)-want <= 2 {
		return at(hc + 1)
	}
	from, to := int(ix.Cuts[hc].Byte), int(ix.Cuts[hc+1].Byte)
	// Word boundaries: the spaces inside the next sentence. Cutting before a
	// space keeps every word whole and the count additive.
	var spaces []int
	for i := from + 1; i < to; i++ {
		if ix.Text[i] == ' ' {
			spaces = append(spaces, i)
		}
	}
	best, bestTok := from, int(ix.Cuts[hc].Tok)
	i := sort.Search(len(spaces), func(k int) bool {
		n, cerr := count(ix.Text[from:spaces[k]])
		if cerr != nil && err == nil {
			err = cerr
		}
		return int(ix.Cuts[hc].Tok)+n >= want
	})
	if err != nil {
		return 0, 0, 0, err
	}
	for _, k := range []int{i - 1, i} {
		if k < 0 || k >= len(spaces) {
			continue
		}
		n, cerr := count(ix.Text[from:spaces[k]])
		if cerr != nil {
			return 0, 0, 0, cerr
		}
		if tok := int(ix.Cuts[hc].Tok) + n; abs(tok-want) < abs(bestTok-want) {
			best, bestTok = spaces[k], tok
		}
	}
	return hc, best, bestTok, nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Nearest is the cut whose token count is closest to want.
func (ix *Index) Nearest(want int) int { return ix.nearest(want, len(ix.Cuts)-1) }

// nearest is the cut at or below limit whose token count is closest to want.
func (ix *Index) nearest(want, limit int) int {
	i := sort.Search(limit+1, func(i int) bool { return int(ix.Cuts[i].Tok) >= want })
	if i > limit {
		return limit
	}
	if i > 0 && want-int(ix.Cuts[i-1].Tok) <= int(ix.Cuts[i].Tok)-want {
		return i - 1
	}
	return i
}

// Render assembles the prompt text for a layout.
func (ix *Index) Render(p Parts, l Layout) string {
	var b strings.Builder
	b.Grow(len(p.Instructions) + l.HayEnd + len(p.Question) + 64*len(p.Needles))
	for _, s := range ix.spans(p, l) {
		b.WriteString(s.text)
	}
	return b.String()
}

func needleTexts(ns []Insert) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Text
	}
	return out
}
