package runner

import "niah/results"

// refused settles a trial the API blocked or the model declined: invalid,
// reason refused, never a retrieval failure. The record keeps the
// server's block or stop reason as its finish reason, and what answer
// text came is kept but not scored.
func refused(rec *results.Record, why string) {
	rec.Status, rec.Reason, rec.Error = results.StatusInvalid, results.ReasonRefused, why
	rec.Score, rec.Correct, rec.Extra = 0, false, nil
}
