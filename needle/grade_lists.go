package needle

// gradeListed grades an answer that names words of a prompt's list (cwe,
// fwe): the fraction of Expected it holds, with each other word of the
// list it names (an extra, recorded in Extra) counted against it:
// found / (expected + extras). Naming every word of the list scores
// little, and so does padding a right answer with wrong ones.
func gradeListed(answer string, tr Instance) Result {
	r := Grade(answer, tr.Expected, false)
	expected := map[string]bool{}
	for _, e := range tr.Expected {
		for _, t := range tokens(e) {
			expected[t] = true
		}
	}
	seen := map[string]bool{}
	for _, t := range tokens(r.Answer) {
		if seen[t] || expected[t] {
			continue
		}
		seen[t] = true
		if tr.Listed(t) {
			r.Extra = append(r.Extra, t)
		}
	}
	if len(r.Extra) > 0 {
		found := 0
		for _, f := range r.Found {
			if f {
				found++
			}
		}
		r.Score = float64(found) / float64(len(tr.Expected)+len(r.Extra))
		r.Correct = false
	}
	return r
}

// gradeAnyOf grades an answer against alternative references (QA): 1 when
// it holds any of them, else 0, as RULER's string_match_part does (niah
// matching whole tokens, as everywhere).
func gradeAnyOf(answer string, tr Instance) Result {
	r := Grade(answer, tr.Expected, false)
	r.Score, r.Correct = 0, false
	for _, f := range r.Found {
		if f {
			r.Score, r.Correct = 1, true
			break
		}
	}
	return r
}
