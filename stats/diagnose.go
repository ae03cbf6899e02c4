package stats

import (
	"cmp"
	"math"
	"slices"
	"sort"

	"niah/results"
)

// ShapeKind is the failure shape a run's records fit best: why retrieval
// fails, where the heatmap only says where.
type ShapeKind int

const (
	// NotDiagnosed: no graded trial.
	NotDiagnosed ShapeKind = iota
	// NoFailure: retrieval holds everywhere tested (at most a few
	// scattered misses).
	NoFailure
	// PositionLimit: every depth fails once the length reaches Param
	// (a RoPE range, a wrong scaling factor).
	PositionLimit
	// DistanceLimit: a needle fails once it lies Param tokens or more
	// before the question, whatever the length (a sliding or chunked
	// window, a context shift).
	DistanceLimit
	// KeptEnd: the distance pattern, with the server's own counts showing
	// it cut the prompts: it kept their end and dropped the start.
	KeptEnd
	// MidDepthDip: middle depths fail, the edges hold ("lost in the
	// middle"), from length DipFrom on.
	MidDepthDip
	// NoClearShape: retrieval fails, but no shape explains where.
	NoClearShape
	// Undecided: two shapes fit about as well; more trials would decide.
	Undecided
)

// Shape is one fitted hypothesis and its evidence: how the trials it says
// fail and those it says hold actually scored.
type Shape struct {
	Kind ShapeKind
	// Param is the shape's parameter: the first failing length
	// (PositionLimit), the distance in tokens from which needles fail
	// (DistanceLimit, KeptEnd); 0 otherwise.
	Param int
	// Holds and Fails bracket Param by what was measured: the longest
	// length (distance) that held, the shortest that failed.
	Holds, Fails int
	// DipLo, DipHi (percent) and DipFrom (length) place a mid-depth dip.
	DipLo, DipHi float64
	DipFrom      int
	// In is the score and count of the trials the shape says fail, Out
	// of the others.
	InScore, OutScore float64
	In, Out           int
	bic               float64
	fails             func(t *trial) bool
}

// Diagnosis is what the records say about why retrieval fails.
type Diagnosis struct {
	// Kind is what the records say; Shape is the best fit behind it (for
	// NoClearShape and Undecided, the shape that came closest).
	Kind ShapeKind
	Shape
	// Second is the runner-up when Kind is Undecided (Shape then holds
	// the best fit).
	Second *Shape
	// Undecided only: MoreTrials would likely decide, MorePerCell of them
	// in each of Cells cells where the two shapes disagree; CannotTell
	// when no tested cell tells them apart (other depths or lengths must).
	MoreTrials, MorePerCell, Cells int
	CannotTell                     bool
	// Graded trials, and those whose distance was estimated from the
	// depth (records without distance_tokens).
	Graded, Estimated int
	// Unverified counts the failing trials whose length the server did not
	// confirm or counted short: the evidence of a cut (KeptEnd).
	Unverified int
}

// Decision settings. A shape must beat every other by decisiveBIC (BIC
// units: about 20 to 1 odds); "no failure" allows a share of misses; a
// named shape must split cleanly (trials it says hold score at least
// cleanOut, those it says fail at most cleanIn).
const (
	decisiveBIC  = 6.0
	noFailMisses = 0.1
	cleanOut     = 0.85
	cleanIn      = 0.25
	// dipMin keeps a "mid-depth" dip away from the edges (percent).
	dipMin = 20
)

type trial struct {
	length, dist int
	depth, score float64
	short        bool // length unverified or counted short by the server
}

// Diagnose fits the failure shapes to a summary's graded records and
// names the one that fits best, or holds back.
func Diagnose(s *Summary) Diagnosis {
	var ts []trial
	d := Diagnosis{}
	if s.Task == "none" {
		return d // a control with no needle: no depth, no distance to fail by
	}
	for i := range s.Records {
		r := &s.Records[i]
		if r.Status != results.StatusOK {
			continue
		}
		t := trial{length: r.Length, depth: r.Depth, score: r.Score, short: r.LengthUnverified}
		if r.PromptTokensServer != nil && *r.PromptTokensServer > 0 && float64(*r.PromptTokensServer) < 0.95*float64(r.PromptTokens) {
			t.short = true
		}
		if r.DistanceTokens != nil {
			t.dist = *r.DistanceTokens
		} else {
			t.dist = int(math.Round((1 - r.DepthActual/100) * float64(r.Length)))
			d.Estimated++
		}
		ts = append(ts, t)
	}
	d.Graded = len(ts)
	if len(ts) == 0 {
		return d
	}
	fits := []Shape{fit(ts, Shape{Kind: NoFailure, fails: func(*trial) bool { return false }}, 1)}
	fits = append(fits, positionFits(ts)...)
	fits = append(fits, distanceFits(ts)...)
	fits = append(fits, dipFits(ts)...)
	noFail := fits[0]
	var acceptable []Shape
	for _, f := range fits {
		if f.acceptable() {
			acceptable = append(acceptable, f)
		}
	}
	best := bestOf(acceptable, -1)
	if len(acceptable) == 0 {
		d.Shape, d.Kind = bestOf(fits, -1), NoClearShape
		return d
	}
	// The rival is the best acceptable fit of another kind; a shape must
	// also beat "no failure" itself, even when misses rule that out.
	rival := bestOf(acceptable, best.Kind)
	if best.Kind != NoFailure && noFail.bic < rival.bic {
		rival = noFail
	}
	d.Shape, d.Kind = best, best.Kind
	if rival.bic-best.bic < decisiveBIC {
		d.Second, d.Kind = &rival, Undecided
		d.more(ts, best, rival)
		return d
	}
	if best.Kind == DistanceLimit {
		for i := range ts {
			if best.fails(&ts[i]) && ts[i].score < 0.5 && ts[i].short {
				d.Unverified++
			}
		}
		if failed := best.In - int(math.Round(best.InScore)); d.Unverified*2 >= failed && failed > 0 {
			d.Kind = KeptEnd
		}
	}
	return d
}

// acceptable: "no failure" that misses at most noFailMisses, or a shape
// that splits cleanly (what it says holds scores cleanOut or more, what it
// says fails cleanIn or less).
func (s Shape) acceptable() bool {
	if s.Kind == NoFailure {
		return s.OutScore >= (1-noFailMisses)*float64(s.Out)
	}
	return !math.IsInf(s.bic, 1) && s.OutScore >= cleanOut*float64(s.Out) && s.InScore <= cleanIn*float64(s.In)
}

// bestOf is the fit with the lowest BIC whose kind is not except.
func bestOf(fits []Shape, except ShapeKind) Shape {
	best := Shape{bic: math.Inf(1)}
	for _, f := range fits {
		if f.Kind != except && f.bic < best.bic {
			best = f
		}
	}
	return best
}

// fit tallies the trials a shape says fail (In) and hold (Out) and scores
// it (finish).
func fit(ts []trial, s Shape, k int) Shape {
	for i := range ts {
		if s.fails(&ts[i]) {
			s.In++
			s.InScore += ts[i].score
		} else {
			s.Out++
			s.OutScore += ts[i].score
		}
	}
	return s.finish(len(ts), k)
}

// finish scores a tallied shape by BIC: two binomial rates (one for
// NoFailure) and the shape's own parameters, k in all, over n trials.
func (s Shape) finish(n, k int) Shape {
	ll := binLL(s.InScore, s.In) + binLL(s.OutScore, s.Out)
	s.bic = -2*ll + float64(k)*math.Log(float64(n))
	if s.In > 0 && s.Out > 0 && s.InScore/float64(s.In) >= s.OutScore/float64(s.Out) {
		s.bic = math.Inf(1) // the "failing" part must do worse
	}
	return s
}

// binLL is the log-likelihood of score successes in n trials at their own
// rate (0 ln 0 = 0).
func binLL(score float64, n int) float64 {
	if n == 0 {
		return 0
	}
	p, ll := score/float64(n), 0.0
	if p > 0 {
		ll += score * math.Log(p)
	}
	if p < 1 {
		ll += (float64(n) - score) * math.Log(1-p)
	}
	return ll
}

// distinct is one value of every trial, sorted, each once.
func distinct[T cmp.Ordered](ts []trial, of func(trial) T) []T {
	var vs []T
	for _, t := range ts {
		vs = append(vs, of(t))
	}
	slices.Sort(vs)
	return slices.Compact(vs)
}

// positionFits: every depth fails from a length on.
func positionFits(ts []trial) []Shape {
	ls := distinct(ts, func(t trial) int { return t.length })
	var out []Shape
	for i, p := range ls {
		s := Shape{Kind: PositionLimit, Param: p, Fails: p, fails: func(t *trial) bool { return t.length >= p }}
		if i > 0 {
			s.Holds = ls[i-1]
		}
		out = append(out, fit(ts, s, 3))
	}
	return out
}

// distanceFits: needles fail from a distance on, at every length. The
// threshold is placed between consecutive distances measured; the trials
// are sorted once and tallied from the far end, so a run of many trials
// costs n log n.
func distanceFits(ts []trial) []Shape {
	idx := make([]int, len(ts))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return ts[idx[a]].dist < ts[idx[b]].dist })
	var total float64
	for _, t := range ts {
		total += t.score
	}
	var out []Shape
	in, inScore := 0, 0.0
	for j := len(idx) - 1; j > 0; j-- {
		in++
		inScore += ts[idx[j]].score
		lo, hi := ts[idx[j-1]].dist, ts[idx[j]].dist
		if lo == hi {
			continue
		}
		s := Shape{Kind: DistanceLimit, Param: (lo + hi + 1) / 2, Holds: lo, Fails: hi,
			In: in, InScore: inScore, Out: len(ts) - in, OutScore: total - inScore,
			fails: func(t *trial) bool { return t.dist >= hi }}
		out = append(out, s.finish(len(ts), 3))
	}
	return out
}

// dipFits: a band of middle depths (within dipMin..100-dipMin) fails
// from a length on, while the depths nearer the edges hold.
func dipFits(ts []trial) []Shape {
	deps := distinct(ts, func(t trial) float64 { return t.depth })
	if len(deps) < 3 {
		return nil
	}
	var out []Shape
	lengths := distinct(ts, func(t trial) int { return t.length })
	for a := 1; a < len(deps)-1; a++ {
		for b := a; b < len(deps)-1; b++ {
			lo, hi := deps[a], deps[b]
			if lo < dipMin || hi > 100-dipMin {
				continue
			}
			for _, from := range lengths {
				s := Shape{Kind: MidDepthDip, DipLo: lo, DipHi: hi, DipFrom: from,
					fails: func(t *trial) bool { return t.length >= from && t.depth >= lo && t.depth <= hi }}
				out = append(out, fit(ts, s, 5))
			}
		}
	}
	return out
}

// more estimates how many trials would decide between two close fits:
// those in the cells where they disagree, each worth about the
// divergence between what the two shapes expect there.
func (d *Diagnosis) more(ts []trial, a, b Shape) {
	type cell struct {
		length int
		depth  float64
	}
	cells := map[cell]bool{}
	gain := 0.0
	for i := range ts {
		t := &ts[i]
		if a.fails(t) == b.fails(t) {
			continue
		}
		cells[cell{t.length, t.depth}] = true
		gain += kl(a.rate(t), b.rate(t))
	}
	d.Cells = len(cells)
	if d.Cells == 0 {
		d.CannotTell = true
		return
	}
	perTrial := 2 * gain / float64(countDisagree(ts, a, b))
	need := decisiveBIC - (b.bic - a.bic)
	d.MoreTrials = max(1, int(math.Ceil(need/max(perTrial, 0.05))))
	d.MorePerCell = (d.MoreTrials + d.Cells - 1) / d.Cells
	d.MoreTrials = d.MorePerCell * d.Cells
}

func countDisagree(ts []trial, a, b Shape) int {
	n := 0
	for i := range ts {
		if a.fails(&ts[i]) != b.fails(&ts[i]) {
			n++
		}
	}
	return n
}

// rate is what the shape expects a trial to score, kept off 0 and 1.
func (s Shape) rate(t *trial) float64 {
	r := s.OutScore / float64(max(s.Out, 1))
	if s.fails(t) {
		r = s.InScore / float64(max(s.In, 1))
	}
	return min(max(r, 0.05), 0.95)
}

// kl is the Kullback-Leibler divergence of Bernoulli(p) from Bernoulli(q).
func kl(p, q float64) float64 {
	return p*math.Log(p/q) + (1-p)*math.Log((1-p)/(1-q))
}

// Diagnoses is one diagnosis per summary, in order.
func Diagnoses(sums []*Summary) []Diagnosis {
	out := make([]Diagnosis, len(sums))
	for i, s := range sums {
		out[i] = Diagnose(s)
	}
	return out
}
