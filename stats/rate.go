package stats

import "niah/results"

// PrefillRate is a model's prefill speed measured from the records of
// earlier runs: computed tokens over the server's prefill time when the
// server reports both for every trial; otherwise prompt tokens over
// prefill time, which overstates the rate when the server reused a cache.
type PrefillRate struct {
	Trials int // timed trials counted

	sent, computed, known int
	ms, msKnown           float64
}

// Add counts the timed trials of recs whose model spec or label is model,
// and reports whether there was any.
func (p *PrefillRate) Add(recs []results.Record, model string) bool {
	used := false
	for i := range recs {
		r := &recs[i]
		if (r.Model != model && r.Label != model) || r.PrefillMS == nil || *r.PrefillMS <= 0 || r.PromptTokensServer == nil {
			continue
		}
		used = true
		p.Trials++
		p.sent += *r.PromptTokensServer
		p.ms += *r.PrefillMS
		if r.ComputedTokens != nil {
			p.known++
			p.computed += *r.ComputedTokens
			p.msKnown += *r.PrefillMS
		}
	}
	return used
}

// PerSecond is the rate in tokens per second, 0 with no trial; upper says
// it counts prompt tokens rather than computed ones, so a cache the
// server reused made it look faster.
func (p PrefillRate) PerSecond() (rate float64, upper bool) {
	switch {
	case p.Trials == 0:
		return 0, false
	case p.known == p.Trials:
		return float64(p.computed) / (p.msKnown / 1000), false
	}
	return float64(p.sent) / (p.ms / 1000), true
}
