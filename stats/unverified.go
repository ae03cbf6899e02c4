package stats

import (
	"fmt"

	"niah/results"
)

// UnverifiedNote says how many graded trials of s have a length the server
// never confirmed, and why; "" when every graded length was confirmed.
func UnverifiedNote(s *Summary) string {
	n := s.Overall.Unverified
	if n == 0 {
		return ""
	}
	aborts := 0
	for i := range s.Records {
		r := &s.Records[i]
		if r.Valid() && r.LengthUnverified && r.FinishReason == results.FinishRepetitionAbort {
			aborts++
		}
	}
	why := "the server reported no prompt count (or 0)"
	switch {
	case aborts == n:
		why = "the server aborted a repetition loop before counting"
	case aborts > 0:
		why = fmt.Sprintf("%d repetition aborts; the rest had no prompt count from the server", aborts)
	}
	return fmt.Sprintf("length unverified: %d of %d graded trials (%s); they are scored, but nothing confirms the model saw the whole prompt",
		n, s.Overall.Valid, why)
}
