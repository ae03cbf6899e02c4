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
	Tokens    int // planned prompt tokens: fixed parts + haystack + overhead
	Haystack  int // haystack tokens (excluding needles)
	HayCut    int // index of the cut that ends the haystack
	NeedleCut []int
	// Depths are the achieved depths (needle token offset ÷ haystack tokens,
	// in percent), in the order of Parts.Needles.
	Depths []float64
	// Offsets are the needles' token offsets from the start of the prompt,
	// used to order requests for prefix-cache reuse.
	Offsets []int
}

// ErrShortCorpus is returned when the corpus has too few tokens for a length.
type ErrShortCorpus struct {
	Corpus      string
	Have, Need  int
	Target      int
	Tokenizer   string
	RepeatsFlag string
}

func (e *ErrShortCorpus) Error() string {
	return fmt.Sprintf("haystack %s has %d %s tokens, length %d needs %d: use a larger --haystack or allow repetition with %s",
		e.Corpus, e.Have, e.Tokenizer, e.Target, e.Need, e.RepeatsFlag)
}

// Plan lays out a prompt of p.Target tokens. count counts the fixed parts
// (instructions, needles, question) in the same tokenizer as the index.
func (ix *Index) Plan(p Parts, count func(string) (int, error)) (Layout, error) {
	fixed := p.Overhead
	for _, s := range append([]string{p.Instructions, p.Question}, needleTexts(p.Needles)...) {
		n, err := count(s)
		if err != nil {
			return Layout{}, err
		}
		fixed += n
	}
	want := p.Target - fixed
	if want < 0 {
		return Layout{}, fmt.Errorf("length %d is shorter than the instructions, needles and question (%d tokens)", p.Target, fixed)
	}
	if ix.Tokens() < want {
		return Layout{}, &ErrShortCorpus{Have: ix.Tokens(), Need: want, Target: p.Target, Tokenizer: ix.Tokenizer}
	}
	hc := ix.nearest(want, len(ix.Cuts)-1)
	hay := int(ix.Cuts[hc].Tok)
	l := Layout{Target: p.Target, Tokens: fixed + hay, Haystack: hay, HayCut: hc}
	instr, _ := count(p.Instructions)
	for _, n := range p.Needles {
		c := ix.nearest(int(n.Depth/100*float64(hay)+0.5), hc)
		l.NeedleCut = append(l.NeedleCut, c)
	}
	// Needles sharing a cut go in their given order; each needle's offset
	// includes the needles placed before it.
	order := make([]int, len(p.Needles))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return l.NeedleCut[order[a]] < l.NeedleCut[order[b]] })
	l.Depths = make([]float64, len(p.Needles))
	l.Offsets = make([]int, len(p.Needles))
	before := 0
	for _, i := range order {
		tok := int(ix.Cuts[l.NeedleCut[i]].Tok)
		if hay > 0 {
			l.Depths[i] = 100 * float64(tok) / float64(hay)
		}
		l.Offsets[i] = instr + tok + before
		n, _ := count(p.Needles[i].Text)
		before += n
	}
	return l, nil
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
	end := int(ix.Cuts[l.HayCut].Byte)
	size := len(p.Instructions) + end + len(p.Question)
	for _, n := range p.Needles {
		size += len(n.Text) + 1
	}
	var b strings.Builder
	b.Grow(size)
	b.WriteString(p.Instructions)
	order := make([]int, len(p.Needles))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, c int) bool { return l.NeedleCut[order[a]] < l.NeedleCut[order[c]] })
	pos := 0
	for _, i := range order {
		at := int(ix.Cuts[l.NeedleCut[i]].Byte)
		b.WriteString(ix.Text[pos:at])
		pos = at
		text := p.Needles[i].Text
		if at == 0 {
			// The haystack opens without a space: move the needle's leading
			// space to its end so the sentences stay apart.
			text = strings.TrimPrefix(text, " ") + " "
		}
		b.WriteString(text)
	}
	b.WriteString(ix.Text[pos:end])
	b.WriteString(p.Question)
	return b.String()
}

func needleTexts(ns []Insert) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Text
	}
	return out
}
