package runner

import (
	"unicode/utf8"

	"niah/provider"
)

// MaxAnswerBytes is how much of an answer (and of its reasoning) a trial
// keeps and grades. An answer is a few words; a model that rambles for
// megabytes is graded on its beginning, and its record says it was cut,
// so a day-long run's memory and records stay bounded.
const MaxAnswerBytes = 256 << 10

// capAnswer cuts the answer and reasoning to MaxAnswerBytes each, at a
// character boundary, and reports whether anything was cut.
func capAnswer(resp *provider.Response) bool {
	a, cutA := prefix(resp.Answer, MaxAnswerBytes)
	r, cutR := prefix(resp.Reasoning, MaxAnswerBytes)
	resp.Answer, resp.Reasoning = a, r
	return cutA || cutR
}

func prefix(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return string([]byte(s[:n])), true // a copy: the long original can be freed
}
