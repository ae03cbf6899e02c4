package haystack

import (
	"fmt"
	"sort"
	"strings"

	"niah/units"
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
//
// The haystack ends at a sentence end right before the question, and
// opens with the corpus's first sentence, so every prompt shares its
// beginning. To land on the length exactly, a short run of whole sentences
// near its end is left out (the elision, cuts SkipFrom to SkipTo); only
// when no run fits (a short prompt in a haystack of long sentences) does
// a partial piece make up the length, and then it goes first, where it
// reads as an excerpt (the lead, LeadFrom to LeadTo).
type Layout struct {
	Target    int
	Tokens    int   // planned prompt tokens: fixed parts + haystack + overhead
	Haystack  int   // haystack tokens (excluding needles)
	HayEnd    int   // byte where the haystack text ends
	NeedleCut []int // index of the cut each needle goes to
	// SkipFrom and SkipTo are the cuts the elision runs between (equal when
	// nothing is left out): the text from the one to the other is dropped.
	SkipFrom, SkipTo int
	// LeadFrom and LeadTo are the bytes of the lead, when no elision fits:
	// the end of a paragraph from further on in the corpus, cut at a word,
	// that opens the haystack as an excerpt does. Equal: no lead.
	LeadFrom, LeadTo int
	// Depths are the achieved depths (needle token offset ÷ haystack tokens,
	// in percent), in the order of Parts.Needles.
	Depths []float64
	// Offsets are the needles' token offsets from the start of the prompt,
	// used to order requests for prefix-cache reuse.
	Offsets []int
	// Shared is how many tokens of the prompt are the corpus's own opening
	// after the instructions, unchanged: up to the first needle or the
	// elision, whichever comes first (the prompt's length when neither).
	Shared int
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
	Target     int // the prompt's length in the planning tokenizer
	Tokenizer  string
	// Length is the length asked for, in the model's tokens, when a
	// calibrated stand-in tokenizer made it Target (0: it is Target).
	Length int
	// Bytes is the size of the corpus text: a text with bytes but no
	// token is one with no place to cut it (see Index.Tokens).
	Bytes int
	// Repeated: the corpus is already a repetition (--haystack-repeat),
	// so repeating is not the way out.
	Repeated bool
}

func (e *ErrShortCorpus) Error() string {
	if e.Have == 0 && e.Bytes > 0 {
		size := fmt.Sprintf("%d bytes", e.Bytes)
		if e.Bytes == 1 {
			size = "1 byte"
		}
		return fmt.Sprintf("haystack %s (%s) has no sentence end or paragraph break: a haystack is cut only between sentences (. ! or ? then a space) or paragraphs (a blank line), so none of it can be used",
			e.Corpus, size)
	}
	length := fmt.Sprintf("length %s", units.FormatLength(e.Target))
	if e.Length > 0 && e.Length != e.Target {
		length = fmt.Sprintf("length %s (a prompt of %d %s tokens, after the answer budget and the ratio calibrated against the server)", units.FormatLength(e.Length), e.Target, e.Tokenizer)
	}
	return fmt.Sprintf("haystack %s has %d %s tokens, %s needs %d of them", e.Corpus, e.Have, e.Tokenizer, length, e.Need)
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
		return Layout{}, &ErrTooShort{Target: p.Target, Fixed: fixed}
	}
	if ix.Tokens() < want {
		return Layout{}, &ErrShortCorpus{Have: ix.Tokens(), Need: want, Target: p.Target, Tokenizer: ix.Tokenizer, Bytes: len(ix.Text)}
	}
	// Where the pieces meet, the prompt may count a token or two apart from
	// its pieces (".\n\n" is one token in most vocabularies), and whole
	// sentences may not land on the length: aim again by the difference.
	// A prompt is never longer than its length (a server whose window is
	// the length would refuse it), so keep the longest that is not.
	var best *Layout
	aim := want
	for try := 0; try < planTries; try++ {
		l, err := ix.plan(p, count, counts, fixed, aim)
		if err != nil {
			return Layout{}, err
		}
		if l.Tokens <= p.Target && (best == nil || l.Tokens > best.Tokens) {
			best = &l
		}
		if best != nil && best.Tokens == p.Target {
			break
		}
		next := aim + p.Target - l.Tokens
		if next >= aim && l.Tokens > p.Target || next == aim {
			next = aim - 1 // no nearer: step under
		}
		aim = max(0, next)
	}
	if best == nil {
		return Layout{}, fmt.Errorf("length %d: no layout of whole sentences fits under it (the nearest is longer)", p.Target)
	}
	return *best, nil
}

// planTries bounds how many times Plan aims again at the length.
const planTries = 6

// plan lays out a haystack of want tokens around the fixed parts.
func (ix *Index) plan(p Parts, count func(string) (int, error), counts []int, fixed, want int) (Layout, error) {
	want = min(want, ix.Tokens())
	last := 0.0 // the deepest needle: the elision goes after it if it can
	for _, n := range p.Needles {
		last = max(last, n.Depth)
	}
	e, from, to, ok := ix.end(want, ix.Nearest(int(last/100*float64(want))))
	lead, leadFrom, leadTo := 0, 0, 0
	if !ok {
		// No run of sentences fits: the haystack ends at the last cut under
		// the length, and a lead makes up the rest.
		e = max(0, sort.Search(len(ix.Cuts), func(i int) bool { return int(ix.Cuts[i].Tok) > want })-1)
		from, to = e, e
		var err error
		if leadFrom, leadTo, lead, err = ix.lead(e, want-int(ix.Cuts[e].Tok), count); err != nil {
			return Layout{}, err
		}
		if leadTo == leadFrom && e+1 < len(ix.Cuts) && int(ix.Cuts[e+1].Tok)-want < want-int(ix.Cuts[e].Tok) {
			e, from, to = e+1, e+1, e+1 // no lead either: the nearest cut
		}
	}
	skipped := int(ix.Cuts[to].Tok - ix.Cuts[from].Tok)
	hay := lead + int(ix.Cuts[e].Tok) - skipped
	end := int(ix.Cuts[e].Byte)
	// A haystack ending a paragraph would put its blank line before the
	// question's own: end it at the sentence instead.
	for end > 0 && ix.Text[end-1] == '\n' {
		end--
	}
	l := Layout{Target: p.Target, Tokens: fixed + hay, Haystack: hay, HayEnd: end, SkipFrom: from, SkipTo: to,
		LeadFrom: leadFrom, LeadTo: leadTo}
	// kept is a cut's token offset in the haystack as sent.
	kept := func(c int) int {
		if c > from {
			return lead + int(ix.Cuts[c].Tok) - skipped
		}
		return lead + int(ix.Cuts[c].Tok)
	}
	for _, n := range p.Needles {
		at := int(n.Depth/100*float64(hay)+0.5) - lead
		c := ix.nearest(at, from)
		if at > int(ix.Cuts[from].Tok) && to < e {
			c = ix.nearestIn(at+skipped, to, e)
		}
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
	l.Shared = -1
	if leadTo > leadFrom {
		l.Shared = counts[0] // the lead is this prompt's own
	}
	before := 0
	for _, i := range l.order {
		tok := kept(l.NeedleCut[i])
		if from < to && l.NeedleCut[i] > from && l.Shared < 0 {
			l.Shared = counts[0] + kept(from) + before // the elision comes first
		}
		if hay > 0 {
			l.Depths[i] = 100 * float64(tok) / float64(hay)
		}
		l.Offsets[i] = counts[0] + tok + before
		if l.Shared < 0 {
			l.Shared = l.Offsets[i]
		}
		before += counts[2+i]
	}
	var err error
	if l.Tokens, err = ix.exactTokens(p, l, count); err != nil {
		return Layout{}, err
	}
	// The question starts where the whole prompt's count, less the
	// question and the server's own overhead, ends; a needle ends at its
	// offset plus its own tokens.
	l.Distances = make([]int, len(p.Needles))
	for i := range p.Needles {
		l.Distances[i] = max(0, l.Tokens-p.Overhead-counts[1]-(l.Offsets[i]+counts[2+i])) // a needle last: 0
	}
	switch {
	case l.Shared >= 0:
	case from < to:
		l.Shared = counts[0] + kept(from) + before
	default:
		l.Shared = l.Tokens
	}
	return l, nil
}

// Bounds of the search for an elision: how many cuts past the first one
// that reaches the length the haystack may end at, how far back from its
// end the elision is looked for first, and how many sentences it may drop.
const (
	endTries    = 32
	skipReach   = 64
	skipMaxRuns = 8
)

// endSlack is how far from the length a haystack may end, in tokens, to
// keep the corpus's own text up to the needles (as the index counts; the
// plan then counts the prompt as a whole).
const endSlack = 2

// end finds where a haystack of want tokens stops, as whole sentences: at
// the cut e, leaving out the sentences between cuts from and to (from ==
// to: none). When no cut lands on want it drops a run of up to
// skipMaxRuns sentences whose tokens are the overshoot of a later cut. The
// run goes as near the end as it can, and after the cut after (that of the
// deepest needle) if it can, so that the prompt is the corpus's own text
// up to its needles and shares that prefix with other prompts. In order:
// a cut or a run after the needles that lands exactly; one within
// endSlack; a run within skipReach cuts of the end that lands exactly; one
// anywhere. A run only joins cuts of one kind (two sentence openings, or
// two paragraph openings), so the text reads on. ok is false when none
// fits.
func (ix *Index) end(want, after int) (e, from, to int, ok bool) {
	last := len(ix.Cuts) - 1
	e0 := sort.Search(last+1, func(i int) bool { return int(ix.Cuts[i].Tok) >= want })
	if e0 > last {
		return last, last, last, true
	}
	for _, pass := range []struct{ lo, slack int }{{after, 0}, {after, endSlack}, {e0 - skipReach, 0}, {1, 0}} {
		for _, c := range []int{e0, e0 - 1} {
			if c >= 0 && abs(int(ix.Cuts[c].Tok)-want) <= pass.slack {
				return c, c, c, true
			}
		}
		if c, a, b, ok := ix.elide(want, e0, max(1, pass.lo), pass.slack); ok {
			return c, a, b, true
		}
	}
	return 0, 0, 0, false
}

// elide finds the run of whole sentences from cut a to cut b, after cut lo,
// whose tokens leave the haystack ending at cut c ≥ e0 within slack of
// want, ending as near c as it can.
func (ix *Index) elide(want, e0, lo, slack int) (c, a, b int, ok bool) {
	last := len(ix.Cuts) - 1
	for back := 1; ; back++ { // how far before the end the run ends
		tried := false
		for c = e0; c <= min(last, e0+endTries); c++ {
			b = c - back
			if b <= lo {
				continue
			}
			tried = true
			n := int(ix.Cuts[c].Tok) - want
			for a = b - 1; a >= max(lo, b-skipMaxRuns); a-- {
				d := int(ix.Cuts[b].Tok - ix.Cuts[a].Tok)
				if d > n+slack {
					break
				}
				if d >= n-slack && ix.paragraphStart(int(ix.Cuts[a].Byte)) == ix.paragraphStart(int(ix.Cuts[b].Byte)) {
					return c, a, b, true
				}
			}
		}
		if !tried {
			return 0, 0, 0, false
		}
	}
}

// leadTries bounds how many paragraphs lead looks at.
const leadTries = 64

// lead finds n tokens of text that can open a haystack ending at cut e:
// the end of the last sentence of a paragraph after e (so it repeats
// nothing of the haystack), from a word on, with its blank line. It
// returns the bytes and the lead's tokens; from == to when none is found.
func (ix *Index) lead(e, n int, count func(string) (int, error)) (from, to, tokens int, err error) {
	if n <= 0 {
		return 0, 0, 0, nil
	}
	best, bestFrom, bestTo, bestTok := n+1, 0, 0, 0
	tried := 0
	for k := e + 2; k < len(ix.Cuts) && tried < leadTries && best > 0; k++ {
		end := int(ix.Cuts[k].Byte)
		if !ix.paragraphStart(end) || int(ix.Cuts[k].Tok-ix.Cuts[k-1].Tok) <= n {
			continue
		}
		tried++
		var starts []int // word starts in the sentence, after its first word
		for i := int(ix.Cuts[k-1].Byte) + 1; i < end; i++ {
			if ix.Text[i-1] == ' ' && ix.Text[i] != ' ' {
				starts = append(starts, i)
			}
		}
		// Counts fall as the start moves right: find the first start whose
		// suffix has at most n tokens, and weigh it against the one before.
		i := sort.Search(len(starts), func(j int) bool {
			c, cerr := count(ix.Text[starts[j]:end])
			if cerr != nil && err == nil {
				err = cerr
			}
			return c <= n
		})
		if err != nil {
			return 0, 0, 0, err
		}
		for _, j := range []int{i - 1, i} {
			if j < 0 || j >= len(starts) {
				continue
			}
			c, cerr := count(ix.Text[starts[j]:end])
			if cerr != nil {
				return 0, 0, 0, cerr
			}
			if d := abs(c - n); d < best {
				best, bestFrom, bestTo, bestTok = d, starts[j], end, c
			}
		}
	}
	return bestFrom, bestTo, bestTok, nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Nearest is the cut whose token count is closest to want.
func (ix *Index) Nearest(want int) int { return ix.nearest(want, len(ix.Cuts)-1) }

// nearestIn is the cut from lo to hi whose token count is closest to want.
func (ix *Index) nearestIn(want, lo, hi int) int {
	return max(lo, ix.nearest(want, hi))
}

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
