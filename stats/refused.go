package stats

import "niah/results"

// Refused counts the trials of a summary that the API blocked or the
// model declined (reason refused): invalid, not retrieval failures, and
// counted apart so a report can say so.
type Refused struct {
	Trials int // refused trials
	// By counts them by the server's own block or stop reason (the
	// record's finish reason: "PROMPT_BLOCKED:SAFETY", "refusal").
	By map[string]int
}

// RefusedOf counts the refused trials of s; Trials 0 when there is none.
func RefusedOf(s *Summary) Refused {
	r := Refused{Trials: s.Overall.Refused}
	if r.Trials == 0 {
		return r
	}
	r.By = map[string]int{}
	for i := range s.Records {
		rec := &s.Records[i]
		if rec.Status == results.StatusInvalid && rec.Reason == results.ReasonRefused {
			why := rec.FinishReason
			if why == "" {
				why = "unknown"
			}
			r.By[why]++
		}
	}
	return r
}
