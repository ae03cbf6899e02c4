package main

import (
	"fmt"
	"sort"
	"strings"

	"niah/provider"
	"niah/results"
)

// adviceFor counts invalid and error trials by reason and says what to
// change for each.
func adviceFor(recs []results.Record, man *results.Manifest) []string {
	counts := map[string]int{}
	for _, r := range recs {
		if r.Status != results.StatusOK {
			counts[string(r.Status)+"/"+string(r.Reason)]++
		}
	}
	var models []results.ModelInfo
	if man != nil {
		models = man.Models
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		status, reason, _ := strings.Cut(k, "/")
		line := fmt.Sprintf("%d trials %s (%s): %s", counts[k], status, reason, advice(results.Reason(reason), models))
		out = append(out, line)
	}
	if man != nil {
		for _, w := range man.Warnings {
			out = append(out, "warning: "+w)
		}
	}
	return out
}

// advice is what to change after trials failed for reason; what servers
// do with prompts they cut is provider's to say.
func advice(reason results.Reason, models []results.ModelInfo) string {
	switch reason {
	case results.ReasonTruncated:
		return provider.TruncatedAdvice(models)
	case results.ReasonContextExceeded:
		return "the server rejected prompts longer than its context window; those lengths are beyond what it is configured for (raise its context setting, or drop those lengths)"
	case results.ReasonLengthEmpty:
		return "the answer budget ran out before any answer (reasoning models think first): raise --max-tokens"
	case results.ReasonRateLimited:
		return "rate limited after retries; lower --concurrency or raise --retries, then rerun to resume"
	case results.ReasonTimeout:
		return "timed out; raise --timeout (long prefills take minutes), then rerun to resume"
	case results.ReasonServerError, results.ReasonNetwork:
		return "the server failed; check its log, then rerun the same command to retry these trials"
	case results.ReasonAuth:
		return "the server refused the API key; set it in the environment (or --api-key-env NAME)"
	}
	return "see the records' error field"
}
