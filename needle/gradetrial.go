package needle

// GradeInstance grades an answer against everything a trial knows: its
// expected values (see Grade), and the names of the prompt's other
// characters or variables (Trial.Others). An answer that names any of
// those gets them listed in Result.Extra and is not Correct; under
// Trial.Exclusive (latent) it also scores 0, while a hops answer keeps the
// fraction of the chain it found.
func GradeInstance(answer string, tr Instance) Result {
	switch {
	case tr.Listed != nil:
		return gradeListed(answer, tr)
	case tr.AnyOf:
		return gradeAnyOf(answer, tr)
	}
	r := Grade(answer, tr.Expected, tr.Absent)
	if len(tr.Others) == 0 {
		return r
	}
	toks := tokens(r.Answer)
	for _, o := range tr.Others {
		if containsValue(toks, o) {
			r.Extra = append(r.Extra, o)
		}
	}
	if len(r.Extra) > 0 {
		r.Correct = false
		if tr.Exclusive {
			r.Score = 0
		}
	}
	return r
}
