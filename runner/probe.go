package runner

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"niah/provider"
	"niah/results"
)

// Probe outcomes: what a server does with a prompt longer than its context.
const (
	ProbeRejects = "rejects" // an error: niah records such trials invalid
	ProbeCuts    = "cuts"    // HTTP 200 with fewer prompt tokens than sent
	ProbeAccepts = "accepts" // took every token
	ProbeUnknown = "unknown" // the server reports no prompt count
)

// ProbeStep is one request of the active test.
type ProbeStep struct {
	Sent    int    `json:"sent"`           // prompt tokens sent, in the server's count
	Seen    *int   `json:"seen,omitempty"` // prompt tokens the server reported
	Outcome string `json:"outcome"`
	Error   string `json:"error,omitempty"`
	Latency time.Duration
}

// ProbeResult is what `niah probe` found.
type ProbeResult struct {
	Steps   []ProbeStep
	Outcome string
	Limit   int // tokens kept when the server cut, or the size rejected
	// HeadKept says, for a cut, whether the beginning of the prompt survived
	// (tested through the server's prefix cache); nil when not measured.
	HeadKept *bool
	HeadNote string
	// Under is the prompt sent just under the reported context after a
	// cut, to tell the real limit (the context) from the size the server
	// cut to (llama-server's context shift keeps about half); nil when not
	// sent. Confirmed is true when the server took it whole.
	Under     *ProbeStep
	Confirmed bool
}

// Probe sends prompts just above the reported context (or, when the server
// reports none, doubling sizes from 1K up to max) and reports whether the
// server rejects them, cuts them silently, or accepts them.
func Probe(ctx context.Context, c provider.Client, pr *Prompter, reported, max int) (ProbeResult, error) {
	sizes := []int{reported + int(math.Max(64, float64(reported)/50))}
	if reported <= 0 {
		sizes = nil
		for n := 1024; n <= max; n *= 2 {
			sizes = append(sizes, n)
		}
	}
	var res ProbeResult
	for i, n := range sizes {
		nonce := fmt.Sprintf("Probe %d. ", i+1) // no two steps share a cached prefix
		step, text, err := probeOnce(ctx, c, pr, nonce, n, false)
		if err != nil {
			return res, err
		}
		res.Steps = append(res.Steps, step)
		res.Outcome = step.Outcome
		switch step.Outcome {
		case ProbeRejects:
			res.Limit = step.Sent
			return res, nil
		case ProbeCuts:
			res.Limit = *step.Seen
			res.HeadKept, res.HeadNote = headKept(ctx, c, pr, nonce, text, min(res.Limit/2, 1024))
			if reported > 0 {
				under, _, err := probeOnce(ctx, c, pr, "Under. ", reported-underMargin(reported), true)
				if err != nil {
					return res, err
				}
				res.Under, res.Confirmed = &under, under.Outcome == ProbeAccepts
			}
			return res, nil
		case ProbeUnknown:
			return res, nil
		}
	}
	return res, nil
}

// underMargin is how far under the reported context the confirming prompt
// stays: room for the template tokens and the one answer token.
func underMargin(reported int) int { return max(32, reported/64) }

// probeOnce sends about n server tokens of haystack (at most n when under).
func probeOnce(ctx context.Context, c provider.Client, pr *Prompter, nonce string, n int, under bool) (ProbeStep, string, error) {
	planned := int(math.Round(float64(n-pr.Cal.Overhead) / pr.Cal.Scale))
	text := nonce + pr.prefixText(planned)
	if under {
		nt, err := pr.counts.count(nonce)
		if err != nil {
			return ProbeStep{}, "", err
		}
		text = nonce + pr.prefixTextUnder(planned-nt)
	}
	want, err := pr.counts.count(text)
	if err != nil {
		return ProbeStep{}, "", err
	}
	sent := int(math.Round(pr.Cal.Scale*float64(want))) + pr.Cal.Overhead
	resp, err := c.Complete(ctx, provider.Request{Messages: []results.Message{{Role: "user", Content: text}}, MaxTokens: 1, Seed: pr.Seed})
	step := ProbeStep{Sent: sent, Latency: resp.Latency}
	var pe *provider.Error
	switch {
	case errors.As(err, &pe) && pe.Reason == results.ReasonContextExceeded:
		step.Outcome, step.Error = ProbeRejects, pe.Message
	case err != nil:
		return step, "", fmt.Errorf("probe request of %d tokens: %w", sent, err)
	case resp.PromptTokens == nil || *resp.PromptTokens <= 0: // 0 is "unknown" too
		step.Outcome = ProbeUnknown
	default:
		step.Seen = resp.PromptTokens
		step.Outcome = ProbeAccepts
		if cut, _ := truncated(sent, resp.PromptTokens, pr.Cal.Scale == 1); cut {
			step.Outcome = ProbeCuts
		}
	}
	return step, text, nil
}

// headKept tells whether a cut prompt's beginning survived, through the
// prefix cache: the first part of the prompt is sent again, and so is the
// same text behind another opening. If the server kept the beginning of the
// cut prompt in its cache, the repeat is counted as cached (or is much
// faster than the control).
func headKept(ctx context.Context, c provider.Client, pr *Prompter, nonce, text string, tokens int) (*bool, string) {
	planned := int(float64(tokens) / pr.Cal.Scale) // the server's tokens, in the planner's
	head := text[:min(len(text), len(nonce)+len(pr.prefixText(planned)))]
	send := func(s string) (provider.Response, error) {
		return c.Complete(ctx, provider.Request{Messages: []results.Message{{Role: "user", Content: s}}, MaxTokens: 1, Seed: pr.Seed})
	}
	again, err1 := send(head)
	control, err2 := send("Control. " + head[len(nonce):])
	if err1 != nil || err2 != nil {
		return nil, "not measured: the follow-up requests failed"
	}
	var kept bool
	switch {
	case again.CachedTokens != nil && again.PromptTokens != nil:
		kept = *again.CachedTokens > *again.PromptTokens/2
		return &kept, fmt.Sprintf("repeating its first %d tokens found %d cached", *again.PromptTokens, *again.CachedTokens)
	case control.Latency >= 50*time.Millisecond: // too quick to tell a cache hit apart
		kept = again.Latency*3 < control.Latency
		return &kept, fmt.Sprintf("repeating its beginning took %s, the same text behind another opening %s",
			again.Latency.Round(time.Millisecond), control.Latency.Round(time.Millisecond))
	}
	return nil, "not measured: the server reports no cached tokens and answers too fast to time"
}
