package runner

import "niah/results"

// SearchStatus is where an adaptive search over one model's records
// stands: whether it is over, and how firm each end of its brackets is.
// A summary must not call a bracket settled that a budget or an
// interrupt left open.
type SearchStatus struct {
	// Next is the length the search would test next; 0 when it is over.
	Next int
	// OverBudget: the search stopped because that next round would
	// overspend the budget.
	OverBudget bool
	// AimStopped: the search is over, but it would have narrowed the
	// RULER bracket further had that stayed within its aim (the budget,
	// or its target share of the full grid).
	AimStopped bool
	// RULER and NoLiMa are each bar's bracket (NoLiMa's is zero until the
	// shortest length has an accuracy to take a fraction of).
	RULER, NoLiMa BracketEnds
	// Unnarrowed: the search is over, but RULER's bracket is still wider
	// than the resolution: its trials could not place a length this close
	// to the bar surely.
	Unnarrowed bool
}

// BracketEnds are a bracket's lengths, how firmly the records place each
// on its side of the bar, and the trials each took.
type BracketEnds struct {
	Pass, Fail             int
	PassState, FailState   EndState
	PassTrials, FailTrials int
	// PassAllRight: every valid trial at Pass was right (a bound that
	// still straddles the bar then means too few trials, not a boundary).
	PassAllRight bool
}

// EndState is how firmly a length sits on its side of the bar.
type EndState int

const (
	// EndOpen: more trials could still move it (a budget or an interrupt
	// stopped the search first).
	EndOpen EndState = iota
	// EndSpent: its trials are spent, and its mean decides, but its
	// one-sided Wilson bound still straddles the bar.
	EndSpent
	// EndCapped: it took the most trials one length may (half the
	// search's aim), fewer than the grid's; its mean decides, and its
	// bound straddles the bar.
	EndCapped
	// EndSure: its Wilson bound clears the bar (or the server refused it).
	EndSure
)

// StatusOf replays the search a over the records of label and says where
// it stands, with the same judgement the search itself makes.
func StatusOf(a Adaptive, label string, recs []results.Record) SearchStatus {
	s := NewAdaptiveSource(a, []Job{{Label: label}}).(*adaptiveSource)
	st := s.jobs[0]
	for i := range recs {
		if recs[i].Label == label {
			st.absorb(&recs[i])
		}
	}
	var out SearchStatus
	if l, ok := s.next(st); ok {
		out.Next = l
		_, depths := s.unit(st, l)
		out.OverBudget = s.a.Budget > 0 && st.spent+l*len(depths) > s.a.Budget
	} else if p, f := s.bracket(st, s.a.Threshold); s.narrowing(st, s.a.Threshold, p, f) != 0 {
		out.AimStopped = true
	}
	out.RULER = s.ends(st, s.a.Threshold)
	r := out.RULER
	out.Unnarrowed = out.Next == 0 && r.Pass != 0 && r.Fail != 0 && s.a.widerThanResolution(r.Pass, r.Fail)
	if bar := s.relativeBar(st); bar > 0 {
		out.NoLiMa = s.ends(st, bar)
	}
	return out
}

// widerThanResolution reports a bracket whose first failing length is
// more than (1+Resolution) times its last passing one: the search refines
// it further while the trials can tell its ends from the bar.
func (a Adaptive) widerThanResolution(pass, fail int) bool {
	return float64(fail) > float64(pass)*(1+a.Resolution)
}

func (s *adaptiveSource) ends(st *search, bar float64) BracketEnds {
	p, f := s.bracket(st, bar)
	b := BracketEnds{Pass: p, Fail: f, PassState: s.endState(st.obs[p], bar), FailState: s.endState(st.obs[f], bar)}
	if o := st.obs[p]; o != nil {
		b.PassTrials, b.PassAllRight = o.attempted, o.n > 0 && o.sum >= float64(o.n)
	}
	if o := st.obs[f]; o != nil {
		b.FailTrials = o.attempted
	}
	return b
}

func (s *adaptiveSource) endState(o *lengthObs, bar float64) EndState {
	_, state := s.judgeState(o, bar)
	return state
}
