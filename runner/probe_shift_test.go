package runner

import (
	"context"
	"testing"

	"niah/provider"
)

// llama-server's context shift: a prompt at or above n_ctx comes back cut
// to about half (the end kept); below it, whole. The probe must find the
// limit at the context, confirmed by a prompt just under it.
func TestProbeConfirmsTheContextUnderAShiftingCut(t *testing.T) {
	const nCtx = 4096
	pr := probePrompter(t)
	shift := &fakeClient{respond: func(_ string, n int) (provider.Response, error) {
		if n >= nCtx {
			n -= (n - nCtx/2) / (nCtx / 2) * (nCtx / 2)
		}
		return provider.Response{PromptTokens: &n}, nil
	}}
	r, err := Probe(context.Background(), shift, pr, nCtx, 0)
	if err != nil || r.Outcome != ProbeCuts || r.Limit >= nCtx/2+200 || r.Under == nil || !r.Confirmed ||
		r.Under.Sent >= nCtx || r.Under.Sent < nCtx-200 {
		t.Fatalf("%+v (under %+v) %v", r, r.Under, err)
	}
	// A server that cuts below its reported context: not confirmed.
	early := &fakeClient{respond: func(_ string, n int) (provider.Response, error) {
		n = min(n, nCtx/2)
		return provider.Response{PromptTokens: &n}, nil
	}}
	if r, err := Probe(context.Background(), early, pr, nCtx, 0); err != nil || r.Under == nil || r.Confirmed {
		t.Fatalf("%+v %v", r, err)
	}
}

// A prompt count of 0 is no count: the probe cannot tell, it does not
// call the prompt accepted.
func TestProbeZeroCountIsUnknown(t *testing.T) {
	zero := &fakeClient{respond: func(string, int) (provider.Response, error) {
		n := 0
		return provider.Response{PromptTokens: &n}, nil
	}}
	r, err := Probe(context.Background(), zero, probePrompter(t), 4096, 0)
	if err != nil || r.Outcome != ProbeUnknown {
		t.Fatalf("%+v %v", r, err)
	}
}
