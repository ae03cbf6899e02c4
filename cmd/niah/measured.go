package main

import (
	"fmt"

	"niah/render"
	"niah/results"
)

// exitNothingMeasured is the exit status of a run in which every trial
// ended in an error: no answer was graded and no server limit was seen.
const exitNothingMeasured = 4

// nothingMeasured returns the exit error of a run whose records are all
// errors (nil when any trial was graded or settled invalid).
func nothingMeasured(recs []results.Record) error {
	reasons := map[results.Reason]int{}
	for i := range recs {
		if recs[i].Status == results.StatusOK || recs[i].Status == results.StatusInvalid {
			return nil
		}
		reason := recs[i].Reason
		if reason == "" {
			reason = "unknown"
		}
		reasons[reason]++
	}
	if len(recs) == 0 {
		return nil
	}
	return &exitError{code: exitNothingMeasured, msg: fmt.Sprintf(
		"nothing was measured: all %d trials ended in errors (%s); rerun the same command to send them again",
		len(recs), render.FormatReasons(reasons))}
}
