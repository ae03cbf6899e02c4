package stats

import (
	"math"
	"sort"

	"niah/results"
)

// ReuseKind is what a run's records say about the server's prefix cache.
type ReuseKind int

const (
	// ReuseUnknown: too few trials, no figure to judge by, or prompts that
	// share too little for reuse to show.
	ReuseUnknown ReuseKind = iota
	// ReuseSeen: the server took shared prefixes from its cache.
	ReuseSeen
	// ReuseNone: consecutive prompts shared a prefix, yet the server
	// computed every prompt in full (sliding-window layers whose cache
	// holds only the window lose the rest of the prefix).
	ReuseNone
)

// Reuse is the judgement for one model of a run.
type Reuse struct {
	Label string
	Kind  ReuseKind
	// Sent are the prompt tokens sent, Shared those each prompt shared
	// with the one sent before it (what a prefix cache could reuse).
	Sent, Shared int
	// FromTimes: the server gives no cache figures, so the judgement comes
	// from its prefill times: they follow either the whole prompts or the
	// parts after the shared prefixes (Misfit: the log-error ratio of the
	// rejected reading to the kept one, above 1).
	FromTimes bool
	Misfit    float64
}

// Thresholds: reuse can show only if consecutive prompts share minShared
// of what was sent; prefill times decide when one reading fits timesRatio
// times better than the other.
const (
	minShared   = 0.2
	minTrials   = 4
	timesRatio  = 2.0
	roughPrefix = 0 // needle and question tokens are not subtracted: they are small next to a haystack
)

// ReuseOf judges prefix reuse for each model (label) of recs that reached
// a server, in order of first appearance.
func ReuseOf(recs []results.Record) []Reuse {
	var order []string
	groups := map[string][]*results.Record{}
	for i := range recs {
		r := &recs[i]
		if r.PromptTokensServer == nil || *r.PromptTokensServer <= 0 {
			continue
		}
		l := labelOf(r)
		if groups[l] == nil {
			order = append(order, l)
		}
		groups[l] = append(groups[l], r)
	}
	out := make([]Reuse, 0, len(order))
	for _, l := range order {
		out = append(out, reuseOne(l, groups[l]))
	}
	return out
}

// prefixOf is the tokens before a record's needle: what it shares with any
// prompt whose needle comes later (every prompt starts with the same
// instructions and haystack).
func prefixOf(r *results.Record) int {
	if r.DistanceTokens != nil {
		return max(r.PromptTokens-*r.DistanceTokens-roughPrefix, r.SharedPrefixTokens)
	}
	return max(int(r.DepthActual/100*float64(r.PromptTokens)), r.SharedPrefixTokens)
}

func reuseOne(label string, rs []*results.Record) Reuse {
	u := Reuse{Label: label}
	sendOrder(rs)
	shared := make([]int, len(rs))
	known, reused, timed := 0, 0, 0
	for i, r := range rs {
		u.Sent += *r.PromptTokensServer
		if i > 0 {
			shared[i] = min(prefixOf(r), prefixOf(rs[i-1]), *r.PromptTokensServer-1)
		}
		u.Shared += shared[i]
		if r.ComputedTokens != nil {
			known++
			reused += max(*r.PromptTokensServer-*r.ComputedTokens, 0)
		}
		if r.PrefillMS != nil && *r.PrefillMS > 0 {
			timed++
		}
	}
	if len(rs) < minTrials || float64(u.Shared) < minShared*float64(u.Sent) {
		return u
	}
	switch {
	case known == len(rs):
		u.Kind = ReuseSeen
		if reused == 0 {
			u.Kind = ReuseNone
		}
	case timed == len(rs):
		u.FromTimes = true
		whole, rest := make([]span, len(rs)), make([]span, len(rs))
		for i, r := range rs {
			n := float64(*r.PromptTokensServer)
			whole[i] = span{*r.PrefillMS, 0, n}
			rest[i] = span{*r.PrefillMS, float64(shared[i]), n}
		}
		eNone, eFull := costMisfit(whole), costMisfit(rest)
		switch {
		case eNone*timesRatio < eFull:
			u.Kind, u.Misfit = ReuseNone, eFull/math.Max(eNone, 1e-9)
		case eFull*timesRatio < eNone:
			u.Kind, u.Misfit = ReuseSeen, eNone/math.Max(eFull, 1e-9)
		}
	}
	return u
}

// sendOrder sorts records in the order the server saw them: by end time,
// then by prefix (the order niah sends within a second).
func sendOrder(rs []*results.Record) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Time != rs[j].Time {
			return rs[i].Time < rs[j].Time
		}
		return prefixOf(rs[i]) < prefixOf(rs[j])
	})
}

// span is one prompt's prefill: its time, and the positions [from, to)
// the server computed under one reading.
type span struct{ ms, from, to float64 }

// costMisfit is how far the times stray from the best prefill cost model
// under a reading: a cost per token computed plus one per position attended
// (attention grows with the position, so computing positions a..b costs
// alpha*(b-a) + beta*(b²-a²)/2), fitted by least squares on relative error;
// the mean squared relative error.
func costMisfit(ss []span) float64 {
	var s11, s12, s22, t1, t2 float64
	for _, s := range ss {
		x1, x2, w := s.to-s.from, (s.to*s.to-s.from*s.from)/2, 1/(s.ms*s.ms)
		s11, s12, s22 = s11+w*x1*x1, s12+w*x1*x2, s22+w*x2*x2
		t1, t2 = t1+w*x1*s.ms, t2+w*x2*s.ms
	}
	alpha, beta := 0.0, 0.0
	d := s11*s22 - s12*s12
	if d > 0 {
		alpha, beta = (t1*s22-t2*s12)/d, (s11*t2-s12*t1)/d
	}
	if d <= 0 || alpha < 0 {
		alpha, beta = 0, t2/s22
	}
	if beta < 0 {
		alpha, beta = t1/s11, 0
	}
	var e float64
	for _, s := range ss {
		r := (s.ms - alpha*(s.to-s.from) - beta*(s.to*s.to-s.from*s.from)/2) / s.ms
		e += r * r
	}
	return e / float64(len(ss))
}
