package needle

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"niah/corpora"
)

// GradeInstance grades an answer against everything a trial knows: its
// expected values (see Grade) and the names of the prompt's other
// characters or variables (Instance.Others), which an answer that gives
// them gets listed in Result.Extra.
//
// A question with one answer (Instance.Exclusive: latent) is graded as a
// careful reader would (gradeExclusive): the answer is the first name it
// offers; a name only in an explanation after it does not void it; two
// names offered as alternatives score 0; a name inside a longer one
// (Lars-Erik, Larsson) is not that name; accents never matter (Björn is
// Bjorn).
//
// Otherwise (hops) an answer's extra names cost it: the score is found ÷
// (expected + extra), the overlap of the names given with the names
// expected over their union, so listing every variable, decoys included,
// scores what it deserves rather than 1. Extra names are the prompt's
// decoys and, for variable names, any other name of their shape the
// answer makes up.
func GradeInstance(answer string, tr Instance) Result {
	switch {
	case tr.Listed != nil:
		return gradeListed(answer, tr)
	case tr.AnyOf:
		return gradeAnyOf(answer, tr)
	case tr.Exclusive && !tr.Absent:
		return gradeExclusive(answer, tr)
	}
	r := Grade(answer, tr.Expected, tr.Absent)
	if len(tr.Others) == 0 && !allVarNames(tr.Expected) {
		return r
	}
	toks := tokens(r.Answer)
	for _, o := range tr.Others {
		if containsValue(toks, o) {
			r.Extra = append(r.Extra, o)
		}
	}
	if allVarNames(tr.Expected) {
		r.Extra = append(r.Extra, madeUpVarNames(toks, tr)...)
	}
	if len(r.Extra) > 0 {
		r.Correct = false
		found := r.Score * float64(len(tr.Expected))
		r.Score = found / float64(len(tr.Expected)+len(r.Extra))
	}
	return r
}

// allVarNames reports whether every expected value is a hops variable name.
func allVarNames(vs []string) bool {
	for _, v := range vs {
		if !isVarName(strings.ToUpper(v)) {
			return false
		}
	}
	return len(vs) > 0
}

func isVarName(s string) bool {
	if len(s) != 5 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(varLetters, s[i]) < 0 {
			return false
		}
	}
	return true
}

// madeUpVarNames are the answer's tokens of a variable's shape that the
// prompt never named (neither expected nor a decoy), once each.
func madeUpVarNames(toks []string, tr Instance) []string {
	var out []string
	for _, t := range toks {
		u := strings.ToUpper(t)
		if !isVarName(u) || slices.ContainsFunc(tr.Expected, func(e string) bool { return strings.EqualFold(e, u) }) ||
			slices.ContainsFunc(tr.Others, func(o string) bool { return strings.EqualFold(o, u) }) || slices.Contains(out, u) {
			continue
		}
		out = append(out, u)
	}
	return out
}

// answerWord is one run of letters or digits of a folded answer, with
// where it sits and whether a hyphen joins it to the run before or after it.
type answerWord struct {
	text             string
	from, to         int // byte offsets in the folded answer
	joinedL, joinedR bool
}

func isHyphen(r rune) bool { return r == '-' || r == '\u2010' || r == '\u2011' }

// answerWordsOf cuts a folded answer into words.
func answerWordsOf(s string) []answerWord {
	var out []answerWord
	rs := []rune(s)
	pos := make([]int, len(rs)+1) // byte offset of each rune
	for i, b := 0, 0; i < len(rs); i++ {
		pos[i] = b
		b += len(string(rs[i]))
		pos[i+1] = b
	}
	for i := 0; i < len(rs); {
		if !isAlnum(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && isAlnum(rs[j]) {
			j++
		}
		w := answerWord{text: string(rs[i:j]), from: pos[i], to: pos[j]}
		w.joinedL = i >= 2 && isHyphen(rs[i-1]) && isAlnum(rs[i-2])
		w.joinedR = j+1 < len(rs) && isHyphen(rs[j]) && isAlnum(rs[j+1])
		out = append(out, w)
		i = j
	}
	return out
}

// knownNames are every name a latent prompt can hold, folded: its
// characters and the built-in haystack's people.
var knownNames = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range slices.Concat(characterNames, corpora.PeopleNames()) {
		m[fold(n)] = true
	}
	return m
}()

// Words around a name that take it back: "not Lars", "rather than Lars",
// "Lars is not", "Lars isn't".
var (
	negBefore = map[string]bool{"not": true, "never": true, "neither": true, "nor": true, "except": true,
		"unlike": true, "excluding": true, "than": true, "instead": true, "isn": true, "wasn": true, "t": true}
	negAfter = [][]string{{"is", "not"}, {"isn", "t"}, {"was", "not"}, {"wasn", "t"}, {"does", "not"}, {"doesn", "t"},
		{"did", "not"}, {"didn", "t"}, {"cannot"}, {"can", "t"}, {"could", "not"}, {"couldn", "t"}, {"has", "not"}, {"hasn", "t"}}
	// hedges offer another answer: "Lars or Nadia", "Lars, though it
	// could be Nadia".
	hedges = map[string]bool{"or": true, "either": true, "maybe": true, "perhaps": true, "possibly": true, "probably": true,
		"alternatively": true, "otherwise": true, "might": true, "could": true, "unsure": true}
	// connectors join names into a list: "Lars, Nadia", "Lars and Nadia".
	connectors = map[string]bool{"and": true, "or": true, "also": true, "plus": true, "too": true, "then": true, "s": true}
	// answerMarker names what follows as the answer: "the answer is Lars".
	answerMarker = regexp.MustCompile(`\b(?:final answer|answer(?: is| would be| must be| should be)?|the character is|therefore|thus|hence)\b`)
)

// gradeExclusive grades an answer to a question with one answer.
func gradeExclusive(answer string, tr Instance) Result {
	final, reasoning := splitReasoning(answer)
	r := Result{Answer: final, Reasoning: reasoning, Found: make([]bool, len(tr.Expected))}
	folded := fold(final)
	ws := answerWordsOf(folded)
	cands := map[string]bool{}
	for _, n := range slices.Concat(tr.Expected, tr.Others) {
		cands[fold(n)] = true
	}
	isName := func(w answerWord) bool {
		return !w.joinedL && !w.joinedR && (cands[w.text] || knownNames[w.text])
	}
	// The names the answer offers: in order, leaving out those it takes back.
	var offers []int // indexes into ws
	for i, w := range ws {
		if isName(w) && !negated(ws, i) {
			offers = append(offers, i)
		}
	}
	for _, o := range tr.Others {
		for _, w := range ws {
			if isName(w) && w.text == fold(o) {
				r.Extra = append(r.Extra, o)
				break
			}
		}
	}
	// After "the answer is", the answer is what follows.
	if m := answerMarker.FindAllStringIndex(folded, -1); m != nil {
		after := m[len(m)-1][1]
		for k, o := range offers {
			if ws[o].from >= after {
				offers = offers[k:]
				break
			}
		}
	}
	if len(offers) == 0 || len(tr.Expected) != 1 || ws[offers[0]].text != fold(tr.Expected[0]) {
		return r
	}
	first := ws[offers[0]]
	// Another name offered beside it, as a list or an alternative.
	prev := first
	for _, o := range offers[1:] {
		w := ws[o]
		if w.text != first.text && alternative(folded[prev.to:w.from]) {
			return r
		}
		prev = w
	}
	// An unknown name offered as an alternative: "Lars or John"; or a list
	// of words that holds another name.
	if unknownAlternative(final, folded, first) || (len(offers) > 1 && isList(final)) {
		return r
	}
	r.Found[0], r.Score, r.Correct = true, 1, true
	return r
}

// negated reports whether the name ws[i] is taken back by the words around
// it in its clause.
func negated(ws []answerWord, i int) bool {
	for k := i - 1; k >= max(0, i-2); k-- {
		if negBefore[ws[k].text] {
			return true
		}
	}
	for _, seq := range negAfter {
		if i+len(seq) < len(ws) && slices.Equal(texts(ws[i+1:i+1+len(seq)]), seq) {
			return true
		}
	}
	return false
}

func texts(ws []answerWord) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.text
	}
	return out
}

// alternative reports whether the text between two offered names makes
// the second an alternative to the first: a hedge ("or", "maybe",
// "could"), or nothing but list connectors and commas, within one
// sentence. Anything else ("Lars. Nadia lives in Rome", "Lars, because
// Nadia...") is an explanation.
func alternative(between string) bool {
	words := splitWords(between)
	for _, w := range words {
		if hedges[w] {
			return true
		}
	}
	for _, w := range words {
		if !connectors[w] {
			return false
		}
	}
	return !strings.ContainsAny(between, ".!?;:()\n")
}

// notNames are capitalised words that open clauses rather than name
// anyone, for unknownAlternative.
var notNames = map[string]bool{"the": true, "it": true, "i": true, "a": true, "an": true, "answer": true, "final": true,
	"character": true, "so": true, "yes": true, "no": true, "not": true, "none": true, "neither": true, "either": true,
	"maybe": true, "perhaps": true, "probably": true, "possibly": true, "or": true, "and": true, "but": true, "which": true,
	"who": true, "that": true, "this": true, "based": true, "then": true, "thus": true, "hence": true, "therefore": true}

// unknownAlternative reports whether a capitalised word the grader does
// not know as a name is offered, through a hedge in the same sentence, as
// an alternative to the answer's name ("Lars or John", "Either John or
// Lars").
func unknownAlternative(orig, folded string, name answerWord) bool {
	if len(orig) != len(folded) {
		return false // accents moved the byte offsets: the case is lost
	}
	for _, w := range answerWordsOf(folded) {
		if w.from == name.from || notNames[w.text] || knownNames[w.text] || !unicode.IsUpper(rune(orig[w.from])) {
			continue
		}
		between := folded[name.to:max(name.to, w.from)]
		if w.from < name.from {
			between = folded[w.to:name.from]
		}
		if strings.ContainsAny(between, ".!?;:\n") {
			continue
		}
		for _, b := range splitWords(between) {
			if b == "or" || b == "either" || b == "maybe" || b == "perhaps" {
				return true
			}
		}
	}
	return false
}

// isList reports whether an answer is a list of short items (three or
// more, split by commas, semicolons, slashes or lines, nearly all of one
// to three words) rather than a sentence: a list that holds another name
// besides the answer's offers it too.
func isList(s string) bool {
	items := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '/' || r == '\n' })
	short := 0
	for _, it := range items {
		if n := len(splitWords(fold(it))); n >= 1 && n <= 3 {
			short++
		}
	}
	return len(items) >= 3 && short*5 >= len(items)*4
}
