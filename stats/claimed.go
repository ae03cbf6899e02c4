package stats

import (
	"math"

	"niah/claims"
)

// ClaimVerdict is what a measurement says of a published claim.
type ClaimVerdict int

const (
	// ClaimNotTested: the claim's length was not run, or none of its
	// trials was valid, or no run has the claim's label.
	ClaimNotTested ClaimVerdict = iota
	// ClaimConsistent: the measurement's 95% interval does not rule the
	// claim out.
	ClaimConsistent
	// ClaimBelow: the interval lies under the claim (a score), or under
	// the RULER bar at or before the claimed window.
	ClaimBelow
	// ClaimAbove: the interval lies over the claimed score, or retrieval
	// holds past the claimed window.
	ClaimAbove
)

// Basis is what a score claim was held against.
type Basis int

const (
	// BasisAccuracy: the run's own accuracy (its task) at the length.
	BasisAccuracy Basis = iota
	// BasisRULERMean: the mean of the RULER tasks at the length.
	BasisRULERMean
)

// Measure is a measured value at one length with its 95% interval.
type Measure struct {
	Length        int
	Value, Lo, Hi float64 // fractions
	Valid         int     // graded trials it rests on
	Basis         Basis
}

// ClaimCheck is one claim held against the runs.
type ClaimCheck struct {
	Claim   claims.Claim
	Summary *Summary // the run that has the claim's label; nil: none
	Verdict ClaimVerdict
	// Measure is the value the verdict rests on: for a score, the value
	// at the claimed length; for a window, the accuracy at the length that
	// decides (the first under the bar, the claim's own, or the longest
	// past it that holds). Zero when nothing was measured.
	Measure Measure
	// Bar is the RULER threshold a window is held to; Effective the
	// RULER effective length.
	Bar       float64
	Effective int
	// Longest is the longest tested length (for "not tested"); Unrun
	// says the claimed length was not run at all, rather than run with
	// only invalid trials.
	Longest int
	Unrun   bool
}

// Near is how close a tested length must be to a claimed one to stand
// for it: 5%, so that a claimed 1,000,000 is judged at a tested 1M
// (1,048,576) and 128K at 131,072 or 128,000.
const Near = 0.05

func near(l, want int) bool { return math.Abs(float64(l-want)) <= Near*float64(want) }

// CheckClaims holds each claim against the summary whose label is the
// claim's (a summary renamed in a comparison still answers to its runs'
// label), the windows against c's RULER bar.
func CheckClaims(cs []claims.Claim, sums []*Summary, c Criteria) []ClaimCheck {
	bar, _ := c.Bars()
	out := make([]ClaimCheck, 0, len(cs))
	for _, cl := range cs {
		chk := ClaimCheck{Claim: cl, Bar: bar, Summary: summaryFor(sums, cl.Label), Unrun: true}
		if chk.Summary != nil {
			if cl.Kind == claims.Window {
				chk.checkWindow(c)
			} else {
				chk.checkScore(sums)
			}
		}
		out = append(out, chk)
	}
	return out
}

// summaryFor is the first summary labelled label, by its display label
// or its records' own.
func summaryFor(sums []*Summary, label string) *Summary {
	for _, s := range sums {
		if s.Label == label || (len(s.Records) > 0 && labelOf(&s.Records[0]) == label) {
			return s
		}
	}
	return nil
}

// measureAt is the accuracy of a tested length.
func measureAt(ls LengthStat) Measure {
	return Measure{Length: ls.Length, Value: ls.Mean, Lo: ls.Lo, Hi: ls.Hi, Valid: ls.Valid, Basis: BasisAccuracy}
}

// lengthNear is the length of s nearest want within Near, nil if none.
func lengthNear(s *Summary, want int) *LengthStat {
	var best *LengthStat
	for i := range s.PerLength {
		ls := &s.PerLength[i]
		if near(ls.Length, want) && (best == nil || math.Abs(float64(ls.Length-want)) < math.Abs(float64(best.Length-want))) {
			best = ls
		}
	}
	return best
}

func (chk *ClaimCheck) noteTested(s *Summary) {
	for _, ls := range s.PerLength {
		if ls.Tested() {
			chk.Longest = ls.Length
		}
	}
}

// checkWindow: below when some tested length up to the claim has its
// interval under the bar; else not tested when the claimed length was
// not tested, unless a longer one holds (above); else above when a
// longer length holds with its whole interval over the bar, every length
// between not under it; else consistent.
func (chk *ClaimCheck) checkWindow(c Criteria) {
	s, w, bar := chk.Summary, chk.Claim.Window, chk.Bar
	chk.Effective = c.Effective(s).RULER
	chk.noteTested(s)
	at := lengthNear(s, w)
	chk.Unrun = at == nil
	const eps = 1e-9
	for _, ls := range s.PerLength {
		if ls.Tested() && (ls.Length <= w || near(ls.Length, w)) && ls.Hi+eps < bar {
			chk.Verdict, chk.Measure = ClaimBelow, measureAt(ls)
			return
		}
	}
	var past *LengthStat
	for i := range s.PerLength {
		ls := &s.PerLength[i]
		if !ls.Tested() || ls.Length <= w || near(ls.Length, w) {
			continue
		}
		if ls.Hi+eps < bar {
			break
		}
		if ls.Lo+eps >= bar {
			past = ls
		}
	}
	switch {
	case past != nil:
		chk.Verdict, chk.Measure = ClaimAbove, measureAt(*past)
	case at == nil || !at.Tested():
		chk.Verdict = ClaimNotTested
	default:
		chk.Verdict, chk.Measure = ClaimConsistent, measureAt(*at)
	}
}

// checkScore holds a score against the value at its length: below when
// the interval lies under it, above when over it, else consistent.
func (chk *ClaimCheck) checkScore(sums []*Summary) {
	chk.noteTested(chk.Summary)
	at := lengthNear(chk.Summary, chk.Claim.At)
	chk.Unrun = at == nil
	if at == nil || !at.Tested() {
		chk.Verdict = ClaimNotTested
		return
	}
	chk.Measure = scoreMeasure(chk.Claim, sums, chk.Summary, *at)
	v := chk.Claim.Score
	const eps = 1e-9
	switch {
	case chk.Measure.Hi+eps < v:
		chk.Verdict = ClaimBelow
	case chk.Measure.Lo-eps > v:
		chk.Verdict = ClaimAbove
	default:
		chk.Verdict = ClaimConsistent
	}
}

// scoreMeasure is what a score claim is held against at a length: a
// RULER mean for a claim in RULER's sense when the label has one,
// else the run's own accuracy there (Basis says which).
func scoreMeasure(c claims.Claim, sums []*Summary, s *Summary, at LengthStat) Measure {
	if c.RULER() {
		if m, ok := rulerMean(sums, s, at.Length); ok {
			return m
		}
	}
	return measureAt(at)
}

// rulerMean is the mean of the RULER tasks of s's label at length (a
// --task ruler run), with a 95% interval, and whether the runs hold one:
// RULER's own measure, so a RULER score is held against it. The interval
// treats the tasks' accuracies as independent: the variance of their mean
// is the sum of each one's p(1−p)/n over k².
func rulerMean(sums []*Summary, s *Summary, length int) (Measure, bool) {
	var mine []*Summary
	for _, x := range sums {
		if x.Label == s.Label {
			mine = append(mine, x)
		}
	}
	rows := rulerRows(mine)
	if len(rows) < 2 {
		return Measure{}, false
	}
	var sum, variance float64
	valid := 0
	for _, r := range rows {
		ls := lengthNear(r, length)
		if ls == nil || ls.Valid == 0 {
			return Measure{}, false // a task with nothing graded there: no mean
		}
		sum += ls.Mean
		variance += ls.Mean * (1 - ls.Mean) / float64(ls.Valid)
		valid += ls.Valid
	}
	k := float64(len(rows))
	mean, half := sum/k, 1.96*math.Sqrt(variance)/k
	at := lengthNear(rows[0], length)
	return Measure{Length: at.Length, Value: mean, Lo: math.Max(0, mean-half), Hi: math.Min(1, mean+half), Valid: valid, Basis: BasisRULERMean}, true
}
