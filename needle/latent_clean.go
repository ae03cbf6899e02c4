package needle

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
)

// latentHay is what one haystack leaves drawable: per pair set and pair,
// whether the haystack is clean of its words and whether it can be asked
// (it has names and enough distractors), and the names it does not hold.
type latentHay struct {
	clean, drawable [2][]bool
	nameOK          map[string]bool
	leftOut         int // pairs of the task's set whose words the haystack holds
	total           int
}

// ForHaystack binds the task to the haystack it will be planted in: a pair
// whose words (pairWords: item, link, their inflections, demonyms and
// cues) occur in text, case-insensitively and accents folded, is never
// drawn, as target or distractor, and neither is a name text holds. It is
// an error, in one line, when no pair is left to ask.
func (t latentTask) ForHaystack(text string) (Task, error) {
	ix := wordsOf(text)
	h := &latentHay{nameOK: map[string]bool{}}
	for _, n := range characterNames {
		_, held := ix.set[fold(n)]
		h.nameOK[n] = !held
	}
	for s, pairs := range pairSets {
		h.clean[s] = make([]bool, len(pairs))
		for i, p := range pairs {
			h.clean[s][i] = !ix.hasAny(p.pairWords())
		}
		usable := make([]bool, len(pairs)) // clean, and some name may stand beside it
		for i := range pairs {
			usable[i] = h.clean[s][i] && h.named(besideSets[s][i])
		}
		h.drawable[s] = make([]bool, len(pairs))
		for i, p := range pairs {
			if !usable[i] {
				continue
			}
			n := 0
			for j, d := range pairs {
				if usable[j] && canDistract(d, p) {
					n++
				}
			}
			h.drawable[s][i] = n >= latentDistractors
		}
	}
	s := t.set()
	h.total = len(pairSets[s])
	drawable := 0
	for i := range pairSets[s] {
		if !h.clean[s][i] {
			h.leftOut++
		}
		if h.drawable[s][i] {
			drawable++
		}
	}
	if drawable == 0 {
		return nil, fmt.Errorf("%s: the haystack holds words of %d of the %d pairs (or every character name), leaving none to ask with %d distractors; use another haystack",
			t.Name(), h.leftOut, h.total, latentDistractors)
	}
	t.hay = h
	return t, nil
}

// named reports whether some name may stand beside a pair.
func (h *latentHay) named(beside []string) bool {
	for _, n := range beside {
		if h.nameOK[n] {
			return true
		}
	}
	return false
}

// PairsLeftOut is how many pairs of the task's set the bound haystack left
// out because it holds their words, of how many.
func (t latentTask) PairsLeftOut() (leftOut, total int) {
	if t.hay == nil {
		return 0, len(pairSets[t.set()])
	}
	return t.hay.leftOut, t.hay.total
}

// wordIndex is a haystack's words, folded: the set of them, and all of
// them in order joined by single spaces (for phrases).
type wordIndex struct {
	set    map[string]struct{}
	joined string // " w1 w2 ... wn "
}

var (
	wordsMu    sync.Mutex
	wordsCache = map[string]*wordIndex{} // by text; a run binds a few tasks to one haystack
)

// wordsOf indexes the words of text, once per text.
func wordsOf(text string) *wordIndex {
	wordsMu.Lock()
	defer wordsMu.Unlock()
	if ix, ok := wordsCache[text]; ok {
		return ix
	}
	if len(wordsCache) >= 4 {
		clear(wordsCache)
	}
	ix := &wordIndex{set: map[string]struct{}{}}
	var b strings.Builder
	b.Grow(len(text) + 2)
	b.WriteByte(' ')
	for _, w := range splitWords(fold(text)) {
		ix.set[w] = struct{}{}
		b.WriteString(w)
		b.WriteByte(' ')
	}
	ix.joined = b.String()
	wordsCache[text] = ix
	return ix
}

// splitWords cuts s into runs of letters.
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
}

// forms are the inflections a word is looked for in: itself, plurals
// (s, es, y → ies) and without a plural s (tacos → taco).
func forms(w string) []string {
	out := []string{w, w + "s", w + "es"}
	if strings.HasSuffix(w, "y") {
		out = append(out, strings.TrimSuffix(w, "y")+"ies")
	}
	if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3 {
		out = append(out, strings.TrimSuffix(w, "s"))
	}
	return out
}

// has reports whether the haystack holds a word or phrase in any of its
// forms (inflecting the last word of a phrase).
func (ix *wordIndex) has(phrase string) bool {
	ws := splitWords(fold(phrase))
	if len(ws) == 0 {
		return false
	}
	last := len(ws) - 1
	for _, w := range ws[:last] {
		if _, ok := ix.set[w]; !ok {
			return false
		}
	}
	head := strings.Join(ws[:last], " ")
	for _, f := range forms(ws[last]) {
		if _, ok := ix.set[f]; !ok {
			continue
		}
		if last == 0 || strings.Contains(ix.joined, " "+head+" "+f+" ") {
			return true
		}
	}
	return false
}

func (ix *wordIndex) hasAny(phrases []string) bool {
	for _, p := range phrases {
		if ix.has(p) {
			return true
		}
	}
	return false
}
