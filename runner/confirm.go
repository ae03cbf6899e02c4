package runner

import (
	"context"
	"errors"
	"sync/atomic"

	"niah/provider"
	"niah/results"
)

// lengthChecks is a model's follow-up policy: when an answer carries no
// prompt count (Ollama aborts a looping answer before it counts, on its
// native API and on /v1 alike), the same prompt is sent again for one
// token and the server's count of it is the trial's. The server's prefix
// cache holds the prompt by then, so the follow-up is cheap; without it a
// prompt the server cut would be graded as a retrieval failure. Only when
// the follow-up gives no count either is the length unverified.
type lengthChecks struct {
	// off is set once a follow-up got no count: the server reports none
	// (a proxy that strips usage), and asking again would only double the
	// requests.
	off atomic.Bool
}

// newLengthChecks is the policy of a model whose server reports prompt
// counts; nil (no follow-ups) for one that reports none or a simulation.
func newLengthChecks(reportsCounts bool) *lengthChecks {
	if !reportsCounts {
		return nil
	}
	return &lengthChecks{}
}

// follow sends the one-token follow-up of a trial whose answer carried no
// usable prompt count, and returns the answer with the follow-up's count
// in place (for the truncation check) and what the follow-up cost; nil
// when none was sent.
func (lc *lengthChecks) follow(ctx context.Context, c provider.Client, req provider.Request, resp provider.Response, err error) (provider.Response, *results.LengthCheck) {
	if lc == nil || lc.off.Load() || err != nil || resp.Refusal != "" || !lengthUnknown(resp) {
		return resp, nil
	}
	req = provider.OneToken(req) // the same prompt, options and stream (its replica, its cache)
	check := &results.LengthCheck{}
	if cerr := provider.CheckRequest(c, req); cerr != nil {
		check.Error = cerr.Error() // e.g. a thinking budget no single token fits
		return resp, check
	}
	fr, ferr := c.Complete(ctx, req)
	check.LatencyMS = fr.Latency.Milliseconds()
	if ferr != nil {
		var pe *provider.Error
		check.Error = ferr.Error()
		if errors.As(ferr, &pe) {
			check.Error = pe.Message
		}
		return resp, check
	}
	check.PromptTokens, check.CachedTokens, check.ComputedTokens, check.PrefillMS = fr.PromptTokens, fr.CachedTokens, fr.ComputedTokens, fr.PrefillMS
	if check.ComputedTokens == nil && fr.PromptTokens != nil && fr.CachedTokens != nil && *fr.PromptTokens >= *fr.CachedTokens {
		computed := *fr.PromptTokens - *fr.CachedTokens
		check.ComputedTokens = &computed
	}
	if !counted(fr.PromptTokens) {
		lc.off.Store(true)
		return resp, check
	}
	resp.PromptTokens = fr.PromptTokens
	return resp, check
}

// settle records the follow-up on a judged trial: a count confirms the
// length (or showed the cut, which judge already made invalid).
func settleCheck(rec *results.Record, check *results.LengthCheck) {
	if check == nil {
		return
	}
	rec.LengthCheck = check
	if !counted(check.PromptTokens) {
		return
	}
	rec.LengthUnverified = false
	if rec.Reason == results.ReasonTruncated {
		rec.Error += " (counted by a one-token follow-up: the answer carried no count)"
	}
}

// counted reports whether a server count is usable: present and positive
// (0 is "unknown" from proxies and from Ollama's /v1 after an abort).
func counted(n *int) bool { return n != nil && *n > 0 }
