package runner

import (
	"fmt"
	"slices"
	"strings"

	"niah/results"
)

// NothingMeasuredError says that a model of a run has records, but not
// one of them was graded: every trial ended in an error (to send again)
// or was settled invalid (the server cut or refused every prompt). Such a
// run measured nothing about retrieval; it is a failure of the run, not a
// score of the model.
type NothingMeasuredError struct {
	Label  string // "" when the run had one model
	Trials int
	// Reasons counts the trials by "status reason" ("error server_error").
	Reasons map[string]int
	// Example is one trial's error text, the last one seen.
	Example   string
	AllErrors bool // every trial is an error: a rerun sends them again
}

func (e *NothingMeasuredError) Error() string {
	who := ""
	if e.Label != "" {
		who = " for " + e.Label
	}
	var parts []string
	for k, n := range e.Reasons {
		parts = append(parts, fmt.Sprintf("%d %s", n, k))
	}
	slices.Sort(parts)
	msg := fmt.Sprintf("nothing was measured%s: ", who)
	if e.AllErrors {
		msg += fmt.Sprintf("all %d trials ended in errors (%s)", e.Trials, strings.Join(parts, ", "))
	} else {
		msg += fmt.Sprintf("not one of %d trials was graded (%s)", e.Trials, strings.Join(parts, ", "))
	}
	if e.Example != "" {
		msg += ": " + e.Example
	}
	if e.AllErrors {
		msg += "; rerun the same command to send them again"
	}
	return msg
}

// NothingMeasured checks each model of a run: the first label whose
// records hold no graded trial, or nil. labels are the run's models in
// order; with one model its label is left out of the message.
func NothingMeasured(recs []results.Record, labels []string) *NothingMeasuredError {
	for _, label := range labels {
		e := &NothingMeasuredError{Reasons: map[string]int{}, AllErrors: true}
		if len(labels) > 1 {
			e.Label = label
		}
		for i := range recs {
			r := &recs[i]
			if r.Label != label {
				continue
			}
			if r.Valid() {
				e = nil
				break
			}
			e.Trials++
			reason := string(r.Reason)
			if reason == "" {
				reason = "unknown"
			}
			e.Reasons[string(r.Status)+" "+reason]++
			e.AllErrors = e.AllErrors && r.Status == results.StatusError
			if r.Error != "" {
				e.Example = r.Error
			}
		}
		if e != nil && e.Trials > 0 {
			return e
		}
	}
	return nil
}

// Labels are the labels of a run's models, in order.
func (r *Run) Labels() []string {
	out := make([]string, len(r.Models))
	for i, m := range r.Models {
		out[i] = m.Job.Label
	}
	return out
}
