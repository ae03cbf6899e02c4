package runner

import (
	"context"
	"path/filepath"
	"reflect"
	"sync"
	"testing"

	"niah/haystack"
	"niah/provider"
	"niah/results"
)

// loopingClient answers every trial with a repetition abort (no count) and
// a one-token request with count(n), n the prompt's real length; it keeps
// every request.
type loopingClient struct {
	mu    sync.Mutex
	reqs  []provider.Request
	count func(n int) *int
}

func (c *loopingClient) Spec() string { return "looping:model" }
func (c *loopingClient) Info(context.Context) (provider.ServerInfo, error) {
	return provider.ServerInfo{Kind: "looping"}, nil
}
func (c *loopingClient) Complete(_ context.Context, req provider.Request) (provider.Response, error) {
	c.mu.Lock()
	c.reqs = append(c.reqs, req)
	c.mu.Unlock()
	if req.MaxTokens > 1 {
		return provider.Response{Answer: "4 4 4 4", FinishReason: results.FinishRepetitionAbort, HTTPStatus: 200, Attempts: 1}, nil
	}
	ms := 12.5
	return provider.Response{Answer: "4", FinishReason: "length", PromptTokens: c.count(haystack.SimCount(req.Messages[0].Content)),
		PrefillMS: &ms, HTTPStatus: 200, Attempts: 1}, nil
}

// TestFollowUpConfirmsALengthTheAnswerDidNotCount: an answer with no
// prompt count gets one follow-up, the same request for one token; its
// count confirms the length, shows a cut (invalid, truncated), or, when it
// gives nothing either, leaves the trial unverified and stops the
// follow-ups for that model. With no policy (a server that reports no
// counts) nothing more is sent.
func TestFollowUpConfirmsALengthTheAnswerDidNotCount(t *testing.T) {
	for _, c := range []struct {
		name       string
		count      func(n int) *int
		checks     bool
		status     results.Status
		unverified bool
		requests   int // for 3 trials
		followUps  int
	}{
		{"counted whole", func(n int) *int { return &n }, true, results.StatusOK, false, 6, 3},
		{"counted cut", func(n int) *int { h := n / 2; return &h }, true, results.StatusInvalid, false, 6, 3},
		{"no count either", func(int) *int { return nil }, true, results.StatusOK, true, 4, 1},
		{"zero either", func(int) *int { z := 0; return &z }, true, results.StatusOK, true, 4, 1},
		{"no policy", func(n int) *int { return &n }, false, results.StatusOK, true, 3, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl := &loopingClient{count: c.count}
			job := testJob(t, "single", cl)
			job.checks = newLengthChecks(c.checks)
			path := filepath.Join(t.TempDir(), "r.jsonl")
			g := Grid{Lengths: []int{1024}, Depths: []float64{50}, Trials: 3}
			opts := map[string]string{"num_ctx": "4096"}
			e := engine{Source: GridSource(g, 1), MaxTokens: 64, Options: opts, Concurrency: 1, Store: openStore(t, path)}
			if _, err := e.run(context.Background(), []Job{job}); err != nil {
				t.Fatal(err)
			}
			if len(cl.reqs) != c.requests {
				t.Fatalf("%d requests, want %d", len(cl.reqs), c.requests)
			}
			for i := 1; i < len(cl.reqs); i++ {
				trial, follow := cl.reqs[i-1], cl.reqs[i]
				if follow.MaxTokens != 1 {
					continue
				}
				if trial.MaxTokens != 64 || !reflect.DeepEqual(follow.Messages, trial.Messages) || !reflect.DeepEqual(follow.Options, opts) ||
					follow.Stream != trial.Stream || follow.Seed != trial.Seed {
					t.Errorf("the follow-up must be the trial's request for one token: %+v after %+v", follow, trial)
				}
			}
			recs, _, _ := results.Load(path)
			followUps := 0
			for _, r := range recs {
				if r.Status != c.status || r.LengthUnverified != c.unverified || r.FinishReason != results.FinishRepetitionAbort {
					t.Errorf("%s: %s/%s unverified %v, want %s unverified %v", r.ID, r.Status, r.Reason, r.LengthUnverified, c.status, c.unverified)
				}
				if r.LengthCheck == nil {
					continue
				}
				followUps++
				if lc := r.LengthCheck; counted(lc.PromptTokens) && (r.PromptTokensServer == nil || *r.PromptTokensServer != *lc.PromptTokens) {
					t.Errorf("%s: the record's server count must be the follow-up's", r.ID)
				}
				if c.status == results.StatusInvalid && r.Reason != results.ReasonTruncated {
					t.Errorf("%s: a cut shown by the follow-up is truncated: %+v", r.ID, r)
				}
			}
			if followUps != c.followUps {
				t.Errorf("%d records with a follow-up, want %d", followUps, c.followUps)
			}
		})
	}
}
