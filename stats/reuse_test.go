package stats

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"niah/internal/recordtest"
	"niah/results"
)

// reuseRun is a 3 lengths x 5 depths run sent in prefix order, each trial
// timed as a CPU prefill costs: per token computed plus per position
// attended, over all the prompt (reuse false) or over what follows the
// prefix it shares with the previous prompt; 10% noise.
func reuseRun(reuse, figures bool) []results.Record {
	recs := recordtest.WithDistances(recordtest.Grid("m", []int{2048, 4096, 8192}, recordtest.LinDepths(5), 1,
		func(int, float64, int) float64 { return 1 }))
	rng := rand.New(rand.NewPCG(1, 2))
	// prefix order: by needle offset
	for i := range recs {
		recs[i].Time = fmt.Sprintf("2026-11-28T10:%02d:00Z", (recs[i].Length-*recs[i].DistanceTokens)*50/8192)
	}
	ordered := ptrs(recs)
	sendOrder(ordered)
	prev := 0
	out := make([]results.Record, 0, len(recs))
	for _, r := range ordered {
		n := r.PromptTokens
		from := 0
		if reuse {
			from = min(prefixOf(r), prev, n-1)
		}
		computed := n - from
		prev = prefixOf(r)
		ms := (3*float64(computed) + 0.003*float64(n*n-from*from)/2) * (1 + 0.2*(rng.Float64()-0.5))
		r.PromptTokensServer, r.PrefillMS = &n, &ms
		if figures {
			c := computed
			r.ComputedTokens = &c
		}
		out = append(out, *r)
	}
	return out
}

func ptrs(recs []results.Record) []*results.Record {
	out := make([]*results.Record, len(recs))
	for i := range recs {
		out[i] = &recs[i]
	}
	return out
}

func TestReuseOf(t *testing.T) {
	for _, c := range []struct {
		reuse, figures bool
		want           ReuseKind
	}{
		{true, true, ReuseSeen}, {false, true, ReuseNone}, {true, false, ReuseSeen}, {false, false, ReuseNone},
	} {
		us := ReuseOf(reuseRun(c.reuse, c.figures))
		if len(us) != 1 || us[0].Kind != c.want || us[0].FromTimes == c.figures {
			t.Errorf("reuse %v, figures %v: %+v, want kind %d", c.reuse, c.figures, us, c.want)
		}
		t.Logf("reuse %v figures %v: %+v", c.reuse, c.figures, us[0])
	}
	// Too few trials, or prompts that share nothing: no judgement.
	if us := ReuseOf(reuseRun(false, true)[:3]); us[0].Kind != ReuseUnknown {
		t.Errorf("3 trials judged: %+v", us[0])
	}
}
