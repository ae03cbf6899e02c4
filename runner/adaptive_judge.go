package runner

import (
	"slices"

	"niah/stats"
)

// verdict of one length against a bar.
type verdict int

const (
	untested verdict = iota
	passes
	fails
)

// oneSidedZ is the normal quantile of a one-sided 95% bound: "does this
// length clear the bar" is a one-sided question.
const oneSidedZ = 1.644854

// judge says whether length l passes bar, and whether that is settled
// (firm): its state is past EndOpen.
func (s *adaptiveSource) judge(o *lengthObs, bar float64) (v verdict, firm bool) {
	v, state := s.judgeState(o, bar)
	return v, state != EndOpen
}

func (s *adaptiveSource) firm(o *lengthObs, bar float64) bool {
	_, firm := s.judge(o, bar)
	return firm
}

// judgeState says which side of bar a length is on, and how firmly (see
// EndState). Its mean decides the side, as in every report.
// A length whose trials the server refused (invalid) fails: the effective
// context cannot lie beyond a prompt the server will not take.
func (s *adaptiveSource) judgeState(o *lengthObs, bar float64) (verdict, EndState) {
	if o == nil || len(o.rounds) == 0 {
		return untested, EndOpen
	}
	if o.n == 0 {
		if o.invalid > 0 {
			return fails, EndSure
		}
		return fails, s.stopState(o)
	}
	const eps = 1e-9 // as stats: a mean equal to the bar passes
	mean := o.sum / float64(o.n)
	lo, hi := stats.Wilson(mean, o.n, oneSidedZ)
	switch {
	case lo+eps >= bar:
		return passes, EndSure
	case hi < bar:
		return fails, EndSure
	case mean+eps >= bar:
		return passes, s.stopState(o)
	}
	return fails, s.stopState(o)
}

// stopState is the state of a length whose bound straddles the bar:
// open while it may have more trials, else spent or capped.
func (s *adaptiveSource) stopState(o *lengthObs) EndState {
	switch {
	case o.attempted >= s.roundsFor(o.length)*len(s.a.Depths):
		return EndSpent
	case o.attempted >= s.mostTrials(o.length):
		return EndCapped
	}
	return EndOpen
}

// clear says whether length o is clearly on its side of bar, so that a
// bracket it ends may be narrowed: its bound clears the bar, or every
// trial was right and it may have no more (on a small grid the bound
// cannot clear, and all right is still no sign of a boundary nearby).
func (s *adaptiveSource) clear(o *lengthObs, bar float64) bool {
	v, state := s.judgeState(o, bar)
	switch state {
	case EndSure:
		return true
	case EndSpent, EndCapped:
		return v == passes && o.n > 0 && o.sum >= float64(o.n)
	}
	return false
}

// roundsFor is the most rounds a length gets. A length of the coarse
// ladder gets the grid's trials; a refinement between two ladder steps
// gets about half as many: it only narrows a bracket whose ends are
// already settled, so it never moves the verdict on the ladder, and a
// refinement the trials cannot settle simply ends the narrowing there.
func (s *adaptiveSource) roundsFor(length int) int {
	if slices.Contains(s.a.Ladder, length) {
		return s.a.Rounds
	}
	return max(1, (s.a.Rounds+1)/2)
}

// mostTrials is the most trials length may take: its rounds, in half
// rounds, while they keep it within half the search's aim. The first half
// always goes: every length tested is tested at every other depth.
func (s *adaptiveSource) mostTrials(length int) int {
	if len(s.a.Depths) == 0 {
		return 0
	}
	h := s.halves()
	most, limit := 0, s.roundsFor(length)*len(s.a.Depths)
	for i := 0; most < limit; i++ {
		next := len(h[i%2])
		// Half the aim, to the nearest half round.
		if most > 0 && float64((2*most+next)*length) > s.aim() {
			break
		}
		most += next
	}
	return most
}

// aim is the prompt tokens the search aims at: the budget when there is
// one, else its target share of the full grid.
func (s *adaptiveSource) aim() float64 {
	if s.a.Budget > 0 {
		return float64(s.a.Budget)
	}
	share := s.a.Target
	if share <= 0 || share > 1 {
		share = 1
	}
	return share * float64(s.gridTokens())
}

// gridTokens is what the full grid spends on one model, each prompt
// counted at its target length.
func (s *adaptiveSource) gridTokens() int {
	sum := 0
	for _, l := range s.a.Ladder {
		sum += l
	}
	return sum * len(s.a.Depths) * s.a.Rounds
}
