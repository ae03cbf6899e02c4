package runner

import (
	"context"
	"path/filepath"
	"testing"

	"niah/provider"
	"niah/results"
)

// A repetition abort, a count of 0 and no count at all are graded answers
// whose length nobody confirmed; only a positive count below plan is a cut.
// Each settles the trial: a rerun sends none of them again.
func TestUnknownCountsAreGradedUnverified(t *testing.T) {
	zero, half := 0, 0
	cases := []struct {
		name       string
		resp       func(n int) provider.Response
		status     results.Status
		unverified bool
	}{
		{"repetition abort", func(int) provider.Response {
			return provider.Response{Answer: "4 4 4 4", FinishReason: results.FinishRepetitionAbort}
		}, results.StatusOK, true},
		{"count 0", func(int) provider.Response {
			return provider.Response{Answer: "4", FinishReason: "stop", PromptTokens: &zero}
		}, results.StatusOK, true},
		{"no count", func(int) provider.Response { return provider.Response{Answer: "4", FinishReason: "stop"} },
			results.StatusOK, true},
		{"counted whole", func(n int) provider.Response {
			return provider.Response{Answer: "4", FinishReason: "stop", PromptTokens: &n}
		}, results.StatusOK, false},
		{"positive count below plan", func(n int) provider.Response {
			half = n / 2
			return provider.Response{Answer: "4", FinishReason: "stop", PromptTokens: &half}
		}, results.StatusInvalid, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "r.jsonl")
			fc := &fakeClient{respond: func(_ string, n int) (provider.Response, error) { return c.resp(n), nil }}
			job := testJob(t, "single", fc)
			g := Grid{Lengths: []int{1024}, Depths: []float64{50}, Trials: 1}
			if _, err := (engine{Source: GridSource(g, 1), MaxTokens: 8, Store: openStore(t, path)}).run(context.Background(), []Job{job}); err != nil {
				t.Fatal(err)
			}
			recs, _, _ := results.Load(path)
			if len(recs) != 1 || recs[0].Status != c.status || recs[0].LengthUnverified != c.unverified {
				t.Fatalf("records %+v", recs)
			}
			if c.status == results.StatusOK && (recs[0].Score != 0 || recs[0].Reason != "") {
				t.Fatalf("a wrong answer must be graded 0: %+v", recs[0])
			}
			// rerun: the trial is settled
			out, err := (engine{Source: GridSource(g, 1), MaxTokens: 8, Store: openStore(t, path)}).run(context.Background(), []Job{job})
			if err != nil || out.Skipped != 1 || fc.calls.Load() != 1 {
				t.Fatalf("rerun %+v %v, calls %d", out, err, fc.calls.Load())
			}
		})
	}
}
