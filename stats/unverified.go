package stats

import (
	"niah/results"
)

// Unverified counts the graded trials of a summary whose prompt length
// the server never confirmed (results.Record.LengthUnverified).
type Unverified struct {
	Trials int // graded trials with an unconfirmed length
	Graded int // every graded trial
	// Aborts are those of Trials the server ended in a repetition abort
	// before it counted the prompt.
	Aborts int
}

// UnverifiedOf counts the unconfirmed lengths of s; Trials 0 when every
// graded length was confirmed.
func UnverifiedOf(s *Summary) Unverified {
	u := Unverified{Trials: s.Overall.Unverified, Graded: s.Overall.Valid}
	if u.Trials == 0 {
		return u
	}
	for i := range s.Records {
		r := &s.Records[i]
		if r.Valid() && r.LengthUnverified && r.FinishReason == results.FinishRepetitionAbort {
			u.Aborts++
		}
	}
	return u
}
