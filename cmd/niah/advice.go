package main

import (
	"fmt"
	"sort"
	"strings"

	"niah/results"
)

// adviceFor counts invalid and error trials by reason and says what to
// change for each.
func adviceFor(recs []results.Record, man *results.Manifest) []string {
	counts := map[string]int{}
	kinds := map[string]bool{}
	slots := 0 // the most slots a llama-server of the run splits its context into
	for _, r := range recs {
		if r.Status != results.StatusOK {
			counts[string(r.Status)+"/"+string(r.Reason)]++
		}
	}
	if man != nil {
		for _, m := range man.Models {
			kinds[m.Kind] = true
			if m.Kind == "llamacpp" {
				slots = max(slots, m.TotalSlots)
			}
		}
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []string
	for _, k := range keys {
		status, reason, _ := strings.Cut(k, "/")
		line := fmt.Sprintf("%d trials %s (%s): %s", counts[k], status, reason, advice(results.Reason(reason), kinds, slots))
		out = append(out, line)
	}
	if man != nil {
		for _, w := range man.Warnings {
			out = append(out, "warning: "+w)
		}
	}
	return out
}

func advice(reason results.Reason, kinds map[string]bool, slots int) string {
	switch reason {
	case results.ReasonTruncated:
		if kinds["llamacpp"] {
			return llamaCutAdvice(slots)
		}
		if kinds["ollama"] {
			return "the server cut the prompt; raise num_ctx (--option num_ctx=N) and use the native ollama: provider, not Ollama's /v1 API (it cannot set num_ctx)"
		}
		return "the server cut the prompt to fit its context window; start it with a larger context (llama.cpp -c, vLLM --max-model-len, LM Studio context length) or test shorter lengths"
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

// llamaCutAdvice: llama-server cuts with its context shift (on by
// default), and its context is per slot: -c is divided by -np.
func llamaCutAdvice(slots int) string {
	a := "llama-server cut the prompt (context shift, on by default, keeps the end); its context is per slot, -c divided by -np: " +
		"start it with -np 1 and a larger -c, or with --no-context-shift to have over-long prompts rejected instead"
	if slots > 1 {
		a += fmt.Sprintf(" (this server has %d slots: -np %d)", slots, slots)
	}
	return a
}
