package runner

import (
	"math"
	"sort"

	"niah/results"
)

// Adaptive configures a search for the effective context instead of a
// sweep of the whole grid. Trials are sent a round at a time: one trial at
// every depth of one length. A length gets more rounds only while its
// Wilson bound straddles a bar and it bounds the boundary. Every round goes
// in two halves (every other depth, then the rest), and the length is
// judged after each: one that fails outright is known from its first
// half, and one that passes every trial is settled after three halves (17
// trials at 11 depths, where a Wilson bound first clears RULER's 85.6%),
// not four.
type Adaptive struct {
	// Ladder is the coarse ladder (the grid's lengths, ascending). The
	// search brackets the boundary on it, then refines between the two
	// lengths of the bracket on a geometric, non-power-of-two ladder.
	Ladder []int
	Depths []float64
	// Rounds is the most trials per (length, depth): the grid's trials.
	Rounds int
	// Resolution ends the refinement when the first failing length is at
	// most (1+Resolution) times the last passing one (0.05: 5%).
	Resolution float64
	// Budget caps the prompt tokens spent per model; 0: no cap.
	Budget int
	// Threshold (RULER, absolute) and Relative (NoLiMa, a fraction of the
	// shortest length's accuracy): the search brackets both boundaries.
	Threshold, Relative float64
	// Target is the share of the full grid's prompt tokens the search
	// aims at (0.25: a quarter), where the grid is expensive at its top:
	// one length takes at most half of it (past that, the mean of its
	// trials decides), and narrowing below the ladder's steps tests a
	// length only if the search, finishing it, stays within it. A Budget
	// takes its place in both. 0: the whole grid.
	Target float64
}

// DefaultTarget is the share of the full grid a search aims at unless
// told otherwise: on the simulation's shapes over 4K–1M it keeps the
// verdict of the grid (see adaptive_sim_test.go).
const DefaultTarget = 0.25

// NewAdaptiveSource searches each of jobs for its effective context. The
// choices depend only on the records seen, so the same seed makes the
// same choices, and a resumed run (Start with its records) continues the
// search where it stopped.
func NewAdaptiveSource(a Adaptive, jobs []Job) Source {
	s := &adaptiveSource{a: a, byLabel: map[string]int{}}
	if s.a.Rounds < 1 {
		s.a.Rounds = 1
	}
	for i, j := range jobs {
		s.byLabel[j.Label] = i
		s.jobs = append(s.jobs, &search{job: i, obs: map[int]*lengthObs{}})
	}
	return s
}

type adaptiveSource struct {
	a       Adaptive
	jobs    []*search
	byLabel map[string]int
}

// search is one model's state.
type search struct {
	job       int
	obs       map[int]*lengthObs
	pending   int // trials handed out and not yet observed
	spent     int // prompt tokens of every recorded trial
	exhausted bool
}

// lengthObs is what one length's records say.
type lengthObs struct {
	length    int
	rounds    map[int]bool             // trial indexes with any record
	seen      map[int]map[float64]bool // per trial index: depths with any record
	settled   map[int]map[float64]bool // per trial index: depths settled (ok, invalid)
	attempted int                      // records of any status
	n         int                      // valid trials
	sum       float64                  // their scores
	invalid   int
}

func (s *adaptiveSource) Start(recorded []results.Record) []ModelItem {
	for i := range recorded {
		if st := s.searchOf(&recorded[i]); st != nil {
			st.absorb(&recorded[i])
		}
	}
	var out []ModelItem
	for _, st := range s.jobs {
		// Rounds cut short by an interrupt (or holding errors, which a
		// rerun retries) are finished first; the queue skips what is settled.
		for _, l := range sortedLengths(st.obs) {
			o := st.obs[l]
			for _, t := range sortedKeys(o.rounds) {
				for _, half := range s.halves() {
					begun, missing := false, 0
					for _, d := range half {
						begun = begun || o.seen[t][d]
						if !o.settled[t][d] {
							missing++
						}
					}
					if begun && missing > 0 {
						out = append(out, s.trials(st, l, t, half)...)
						st.pending += missing - len(half) // trials counted them all
					}
				}
			}
		}
		if st.pending == 0 {
			out = append(out, s.decide(st)...)
		}
	}
	return out
}

func (s *adaptiveSource) Observe(rec *results.Record) []ModelItem {
	st := s.searchOf(rec)
	if st == nil {
		return nil
	}
	st.absorb(rec)
	st.pending--
	if st.pending > 0 {
		return nil
	}
	return s.decide(st)
}

func (s *adaptiveSource) searchOf(rec *results.Record) *search {
	i, ok := s.byLabel[rec.Label]
	if !ok {
		return nil
	}
	return s.jobs[i]
}

func (st *search) absorb(r *results.Record) {
	o := st.obs[r.Length]
	if o == nil {
		o = &lengthObs{length: r.Length, rounds: map[int]bool{}, seen: map[int]map[float64]bool{}, settled: map[int]map[float64]bool{}}
		st.obs[r.Length] = o
	}
	if o.seen[r.Trial] == nil {
		o.seen[r.Trial], o.settled[r.Trial] = map[float64]bool{}, map[float64]bool{}
	}
	o.rounds[r.Trial] = true
	o.seen[r.Trial][r.Depth] = true
	o.attempted++
	st.spent += r.PromptTokens
	switch r.Status {
	case results.StatusOK:
		o.settled[r.Trial][r.Depth] = true
		o.n++
		o.sum += r.Score
	case results.StatusInvalid:
		o.settled[r.Trial][r.Depth] = true
		o.invalid++
	}
}

// halves splits the depths into every other one and the rest.
func (s *adaptiveSource) halves() [2][]float64 {
	var h [2][]float64
	for i, d := range s.a.Depths {
		h[i%2] = append(h[i%2], d)
	}
	return h
}

// trials are trial t of length l at depths.
func (s *adaptiveSource) trials(st *search, l, t int, depths []float64) []ModelItem {
	out := make([]ModelItem, 0, len(depths))
	for _, d := range depths {
		out = append(out, ModelItem{Job: st.job, Item: Item{Length: l, Depth: d, Trial: t}})
	}
	st.pending += len(out)
	return out
}

// unit is what length l needs next: the half of its last round not yet
// sent, else the first half of a new round.
func (s *adaptiveSource) unit(st *search, l int) (t int, depths []float64) {
	h := s.halves()
	o := st.obs[l]
	if o == nil || len(o.rounds) == 0 {
		return 0, h[0]
	}
	t = len(o.rounds) - 1
	for _, half := range h {
		begun := false
		for _, d := range half {
			begun = begun || o.seen[t][d]
		}
		if !begun && len(half) > 0 {
			return t, half
		}
	}
	return t + 1, h[0]
}

// decide picks the next round, or none when the search is done or the
// budget would be overspent.
func (s *adaptiveSource) decide(st *search) []ModelItem {
	if st.exhausted {
		return nil
	}
	l, ok := s.next(st)
	if !ok {
		return nil
	}
	t, depths := s.unit(st, l)
	if s.a.Budget > 0 && st.spent+l*len(depths) > s.a.Budget {
		st.exhausted = true
		return nil
	}
	return s.trials(st, l, t, depths)
}

// next is the length of the next round, for the first bar that still
// needs one: the shortest length first (NoLiMa's base), then the bracket.
func (s *adaptiveSource) next(st *search) (int, bool) {
	if len(s.a.Ladder) == 0 {
		return 0, false
	}
	base := s.a.Ladder[0]
	if v, firm := s.judge(st.obs[base], s.a.Threshold); v == untested || !firm {
		return base, true
	}
	for _, bar := range []float64{s.a.Threshold, s.relativeBar(st)} {
		if bar <= 0 {
			continue
		}
		if l, ok := s.nextFor(st, bar); ok {
			return l, true
		}
	}
	return 0, false
}

// relativeBar is NoLiMa's bar: a fraction of the base length's accuracy.
func (s *adaptiveSource) relativeBar(st *search) float64 {
	o := st.obs[s.a.Ladder[0]]
	if o == nil || o.n == 0 {
		return 0
	}
	return s.a.Relative * o.sum / float64(o.n)
}

// nextFor brackets bar's boundary between the last passing length P and
// the first failing F. It climbs the ladder from the shortest length, one
// step at a time, and firms little until a length fails: every length
// below the boundary has to be checked anyway (a dip at 32K must not hide
// behind a pass at 64K), and stepping up from the cheap end never spends
// on a length above F. A length that passes every trial of its first half
// round is taken as a pass on the way up (the coarse check); one that
// missed any may be the boundary, and is settled before the climb goes
// on. Then F and P are settled, and the bracket is narrowed between
// ladder steps down to the resolution, as far as the search's aim allows.
func (s *adaptiveSource) nextFor(st *search, bar float64) (int, bool) {
	p, f := s.bracket(st, bar)
	if f != 0 && !s.firm(st.obs[f], bar) {
		return f, true
	}
	for _, l := range s.a.Ladder {
		if f != 0 && l >= f {
			break
		}
		if o := st.obs[l]; o != nil {
			if o.n > 0 && o.sum < float64(o.n) && !s.firm(o, bar) {
				return l, true // a miss below F: settle it first
			}
			continue
		}
		// The climb. A step whose half round costs more than a quarter
		// of the aim (the top of a long ladder) goes only from a settled
		// pass: if P fails when settled, that step was never needed.
		_, depths := s.unit(st, l)
		if p != 0 && !s.firm(st.obs[p], bar) && float64(l*len(depths)) > s.aim()/4 {
			return p, true
		}
		return l, true
	}
	if p == 0 {
		return 0, false // even the shortest length fails
	}
	if !s.firm(st.obs[p], bar) {
		return p, true
	}
	if m := s.narrowing(st, bar, p, f); m != 0 && s.mayNarrow(st, m) {
		return m, true
	}
	return 0, false
}

// narrowing is the length that would narrow the settled bracket [p, f)
// next (0: none). Narrowing goes on only while both ends are sure: when
// the trials cannot tell a length from the bar, the boundary is as sharp
// as the noise allows.
func (s *adaptiveSource) narrowing(st *search, bar float64, p, f int) int {
	if p == 0 || f == 0 || !s.a.widerThanResolution(p, f) {
		return 0
	}
	if !s.clear(st.obs[p], bar) || !s.clear(st.obs[f], bar) {
		return 0
	}
	if m := roundSig(math.Sqrt(float64(p) * float64(f))); m > p && m < f {
		return m
	}
	return 0
}

// mayNarrow says whether the search may narrow at m, a length between two
// ladder steps: only if it stays within its aim after all the trials m
// can take. The ladder's verdict is never cut short this way; narrowing
// is what an expensive top of the ladder cannot afford.
func (s *adaptiveSource) mayNarrow(st *search, m int) bool {
	done := 0
	if o := st.obs[m]; o != nil {
		done = o.attempted
	}
	return float64(st.spent+(s.mostTrials(m)-done)*m) <= s.aim()
}

// bracket is bar's boundary as the records stand: the first tested length
// that fails (0: none) and the last passing one below it (0: none).
func (s *adaptiveSource) bracket(st *search, bar float64) (p, f int) {
	tested := sortedLengths(st.obs)
	for _, l := range tested {
		if v, _ := s.judge(st.obs[l], bar); v == fails {
			f = l
			break
		}
	}
	for _, l := range tested {
		if v, _ := s.judge(st.obs[l], bar); v == passes && (f == 0 || l < f) {
			p = l
		}
	}
	return p, f
}

// roundSig rounds to three significant digits, so refined lengths read
// as 2,900 rather than 2,896.
func roundSig(x float64) int {
	unit := math.Pow(10, math.Floor(math.Log10(x))-2)
	return int(math.Round(x/unit) * unit)
}

func sortedLengths(m map[int]*lengthObs) []int {
	out := make([]int, 0, len(m))
	for l := range m {
		out = append(out, l)
	}
	sort.Ints(out)
	return out
}

func sortedKeys(m map[int]bool) []int {
	out := make([]int, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Ints(out)
	return out
}
