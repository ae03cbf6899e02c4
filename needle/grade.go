package needle

import (
	"regexp"
	"strings"
	"unicode"
)

// Result is the grade of one answer.
type Result struct {
	Score     float64 // fraction of expected values found; 0 or 1 for absent
	Correct   bool    // every expected value found (or, absent, a clean "not there")
	Answer    string  // the final answer, reasoning blocks removed, trimmed
	Reasoning string  // the text of the removed reasoning blocks
	Found     []bool  // per expected value, in order; nil for absent
	// Extra are the trial's other names the answer gives (see GradeInstance).
	Extra []string
}

// Grade scores a model's raw answer against the expected values.
//
// Matching works on tokens: the answer is lower-cased, its accents folded
// (Björn, Bjørn and Bjorn are one name), and cut into runs of
// letters and digits, so markdown (**bold**, `code`, _em_, lists,
// headings), quotes, JSON punctuation and sentence punctuation never get in
// the way, and a value only matches whole tokens (7391 does not match
// inside 73912045, "amber" does not match "amberlight"). Multi-token values
// (adjective-noun words, UUIDs) match as consecutive tokens with any
// separator between them ("amber-lantern", "amber lantern"). A UUID also
// matches written as 32 hex digits without hyphens; case never matters.
//
// Digit grouping is undone before tokens are cut: 1–3 digits followed by
// one or more groups of exactly 3 digits, all with the same separator
// (comma, dot, apostrophe, space, no-break or thin space), become one
// number, so "7,391,204", "7 391 204", "7.391.204" and "7'391'204" all read
// 7391204, while "1234567, 7654321" stays two numbers.
//
// Reasoning (<think>…</think> and similar, see splitReasoning) is removed
// first and never graded. When absent is true the answer is Correct if it
// says the value is not there (NONE, "not mentioned", "no … found", "does
// not contain", "I don't know", …) and names no candidate: a number of 7 or
// more digits or a UUID makes it a wrong hedge.
func Grade(answer string, expected []string, absent bool) Result {
	final, reasoning := splitReasoning(answer)
	r := Result{Answer: final, Reasoning: reasoning}
	toks := tokens(final)
	if absent {
		r.Correct = saysAbsent(final) && !namesCandidate(toks)
		if r.Correct {
			r.Score = 1
		}
		return r
	}
	r.Found = make([]bool, len(expected))
	n := 0
	for i, e := range expected {
		if containsValue(toks, e) {
			r.Found[i] = true
			n++
		}
	}
	if len(expected) > 0 {
		r.Score = float64(n) / float64(len(expected))
		r.Correct = n == len(expected)
	}
	return r
}

func containsValue(toks []string, value string) bool {
	want := tokens(value)
	if len(want) == 0 {
		return false
	}
	joined := ""
	if isUUIDTokens(want, 0) {
		joined = strings.Join(want, "")
	}
	for i := range toks {
		if toks[i] == joined {
			return true
		}
		if i+len(want) <= len(toks) && equalStrings(toks[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

func equalStrings(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

// tokens lower-cases s, folds its accents (Björn reads bjorn) and cuts it
// into runs of letters and digits, after joining digit groups (see Grade).
func tokens(s string) []string {
	r := []rune(fold(s))
	var toks []string
	for i := 0; i < len(r); {
		if !isAlnum(r[i]) {
			i++
			continue
		}
		if isDigit(r[i]) && (i == 0 || !isAlnum(r[i-1])) {
			if tok, end, ok := groupedNumber(r, i); ok {
				toks = append(toks, tok)
				i = end
				continue
			}
		}
		j := i
		for j < len(r) && isAlnum(r[j]) {
			j++
		}
		toks = append(toks, string(r[i:j]))
		i = j
	}
	return toks
}

// groupedNumber reads a digit-grouped number starting at r[i]: 1–3 digits,
// then at least one separator + exactly 3 digits, one separator throughout.
func groupedNumber(r []rune, i int) (string, int, bool) {
	j := i
	for j < len(r) && isDigit(r[j]) {
		j++
	}
	if j-i > 3 {
		return "", 0, false
	}
	digits := string(r[i:j])
	var sep rune
	groups := 0
	for j+4 <= len(r) && isGroupSep(r[j]) && (sep == 0 || r[j] == sep) &&
		isDigit(r[j+1]) && isDigit(r[j+2]) && isDigit(r[j+3]) && (j+4 == len(r) || !isAlnum(r[j+4])) {
		sep = r[j]
		digits += string(r[j+1 : j+4])
		j += 4
		groups++
	}
	if groups == 0 {
		return "", 0, false
	}
	return digits, j, true
}

func isGroupSep(c rune) bool {
	switch c {
	case ',', '.', '\'', '’', ' ', '\u00a0', '\u202f', '\u2009':
		return true
	}
	return false
}

func isDigit(c rune) bool { return c >= '0' && c <= '9' }

func isAlnum(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }

func isHex(s string) bool {
	for _, c := range s {
		if !isDigit(c) && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// isUUIDTokens reports whether toks[i:] starts with the five hex groups of
// a UUID (8-4-4-4-12).
func isUUIDTokens(toks []string, i int) bool {
	if i+5 > len(toks) {
		return false
	}
	for k, n := range []int{8, 4, 4, 4, 12} {
		if len(toks[i+k]) != n || !isHex(toks[i+k]) {
			return false
		}
	}
	return true
}

// namesCandidate reports whether an answer offers something that looks
// like a value: a number of 7+ digits or a UUID (hyphenated or not).
func namesCandidate(toks []string) bool {
	for i, t := range toks {
		if isUUIDTokens(toks, i) || (len(t) == 32 && isHex(t)) {
			return true
		}
		if len(t) >= 7 && strings.Trim(t, "0123456789") == "" {
			return true
		}
	}
	return false
}

// absentPhrases match answers that say the value is not in the text. They
// run on the answer's tokens joined by single spaces, apostrophes dropped
// ("doesn't" → "doesnt").
var absentPhrases = regexp.MustCompile(`\b(` + strings.Join([]string{
	`none`,
	`nowhere`,
	`no such`,
	`there (is|are|was|were) no`,
	`theres no`,
	`no( \w+){0,8} (is |was |are |were )?(found|mentioned|given|stated|provided|specified|present|listed|included|exists?|appears?)`,
	`not (mentioned|found|present|given|stated|provided|specified|included|listed|contained|available|there|in the)`,
	`(doesnt|dont|didnt|does not|do not|did not) (contain|mention|include|state|give|provide|specify|appear|exist|say|list|have)`,
	`(cannot|cant|can not|could not|couldnt|unable to|not able to|did not|didnt|failed to) (find|locate|see|identify)`,
	`(dont|do not) know`,
}, "|") + `)\b`)

func saysAbsent(answer string) bool {
	a := strings.NewReplacer("'", "", "’", "").Replace(answer)
	return absentPhrases.MatchString(strings.Join(tokens(a), " "))
}
