package stats

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"niah/results"
	"niah/units"
)

// Default thresholds of the two published definitions of effective length.
const (
	// DefaultThreshold is RULER's: Llama-2-7B's score at 4K, 85.6%.
	DefaultThreshold = 0.856
	// DefaultRelative is NoLiMa's: 85% of the model's own short-context score.
	DefaultRelative = 0.85
)

// Effective is the effective context length of one summary, both ways.
// A length with no valid trial is untested: it neither passes nor fails.
type Effective struct {
	Threshold float64 `json:"threshold"`
	Relative  float64 `json:"relative"`
	// RULER is the largest tested length whose accuracy, and that of every
	// shorter tested length, is >= Threshold. 0: even the shortest fails.
	RULER int `json:"ruler"`
	// NoLiMa is the same with the bar at Relative x Base.
	NoLiMa     int     `json:"nolima"`
	Base       float64 `json:"base"`        // accuracy at the shortest tested length
	BaseLength int     `json:"base_length"` // that length
	MaxTested  int     `json:"max_tested"`
	MinTested  int     `json:"min_tested"`
	// Untested lists lengths that had trials but none valid, with reasons.
	Untested        []int                  `json:"untested,omitempty"`
	UntestedReasons map[results.Reason]int `json:"untested_reasons,omitempty"`
	// PerPair: NoLiMa is read per latent pair (--relative per-pair), each
	// pair against its own base score; PairsLeftOut had a base of 0.
	PerPair      bool `json:"per_pair,omitempty"`
	PairsLeftOut int  `json:"pairs_left_out,omitempty"`
}

// ComputeEffective measures s against an absolute threshold (RULER) and a
// relative one (NoLiMa). Thresholds are fractions (0.856, 0.85).
func ComputeEffective(s *Summary, threshold, relative float64) Effective {
	e := Effective{Threshold: threshold, Relative: relative}
	var tested []LengthStat
	for _, ls := range s.PerLength {
		if ls.Tested() {
			tested = append(tested, ls)
			continue
		}
		e.Untested = append(e.Untested, ls.Length)
		for k, v := range ls.Reasons {
			if e.UntestedReasons == nil {
				e.UntestedReasons = map[results.Reason]int{}
			}
			e.UntestedReasons[k] += v
		}
	}
	if len(tested) == 0 {
		return e
	}
	e.MinTested, e.MaxTested = tested[0].Length, tested[len(tested)-1].Length
	e.Base, e.BaseLength = tested[0].Mean, tested[0].Length
	e.RULER = holdsTo(tested, threshold)
	if e.Base > 0 { // a bar relative to 0% is 0%, which every length "holds"
		e.NoLiMa = holdsTo(tested, relative*e.Base)
	}
	return e
}

// holdsTo is the largest length of the ascending prefix of tested lengths
// whose means all reach bar.
func holdsTo(tested []LengthStat, bar float64) int {
	const eps = 1e-9 // 0.856 must pass a bar of 0.856 despite float noise
	held := 0
	for _, ls := range tested {
		if ls.Mean+eps < bar {
			break
		}
		held = ls.Length
	}
	return held
}

// Verdict is the one-line answer to "does the claim hold?", on RULER's
// definition; claimed 0 means unknown.
func (e Effective) Verdict(claimed int) string {
	pct := FormatPct(e.Threshold)
	switch {
	case e.MaxTested == 0:
		return "no length was tested: every trial was invalid or failed (see the reasons above)"
	case e.RULER == 0:
		v := fmt.Sprintf("effective context below %s: no tested length reaches %s (RULER)", units.FormatLength(e.MinTested), pct)
		if claimed > 0 {
			v += " of a claimed " + units.FormatLength(claimed)
		}
		return v
	}
	v := fmt.Sprintf("effective context %s (RULER %s)", units.FormatLength(e.RULER), pct)
	switch {
	case claimed <= 0:
		return v + "; claimed context unknown (pass --claimed N)"
	case e.RULER >= claimed:
		return v + fmt.Sprintf(" of a claimed %s: retrieval holds across the whole claim", units.FormatLength(claimed))
	case e.RULER == e.MaxTested:
		return v + fmt.Sprintf(" of a claimed %s: holds at every tested length; nothing above %s was tested",
			units.FormatLength(claimed), units.FormatLength(e.MaxTested))
	}
	return v + fmt.Sprintf(" of a claimed %s: retrieval holds to %d%% of the claim",
		units.FormatLength(claimed), int(float64(e.RULER)*100/float64(claimed)))
}

// Notes are the lines that go under the verdict: the NoLiMa reading and
// the untested lengths.
func (e Effective) Notes() []string {
	var out []string
	if e.PerPair && e.MaxTested > 0 {
		out = append(out, e.perPairNote())
	} else if e.MaxTested > 0 && e.Base <= 0 {
		out = append(out, fmt.Sprintf("NoLiMa effective context undefined: its %s score is 0%%, so there is no short-context score to keep %s of",
			units.FormatLength(e.BaseLength), FormatPct(e.Relative)))
	} else if e.MaxTested > 0 {
		n := "below " + units.FormatLength(e.MinTested)
		if e.NoLiMa > 0 {
			n = units.FormatLength(e.NoLiMa)
		}
		out = append(out, fmt.Sprintf("NoLiMa effective context %s (%s of its %s score %s)",
			n, FormatPct(e.Relative), units.FormatLength(e.BaseLength), FormatPct(e.Base)))
	}
	if len(e.Untested) > 0 {
		ls := make([]string, len(e.Untested))
		for i, l := range e.Untested {
			ls[i] = units.FormatLength(l)
		}
		out = append(out, fmt.Sprintf("untested, not failed: %s (only invalid or error trials: %s)",
			strings.Join(ls, ", "), FormatReasons(e.UntestedReasons)))
	}
	return out
}

// BelowExpected says an effective length fell short of the one expected.
type BelowExpected struct {
	Label     string // set by Criteria.ExpectContext
	Got, Want int
	Threshold float64
}

func (e *BelowExpected) Error() string { return e.Describe("the expected") }

// Describe says it with the expectation named as the caller names it
// (a command line names its flag).
func (e *BelowExpected) Describe(expectation string) string {
	got := units.FormatLength(e.Got)
	if e.Got == 0 {
		got = "0"
	}
	msg := fmt.Sprintf("effective context %s (RULER %s) is below %s %s", got, FormatPct(e.Threshold), expectation, units.FormatLength(e.Want))
	if e.Label != "" {
		msg = e.Label + ": " + msg
	}
	return msg
}

// CheckExpect returns a *BelowExpected when the RULER effective length is
// below want; nil otherwise.
func (e Effective) CheckExpect(want int) error {
	if want <= 0 || e.RULER >= want {
		return nil
	}
	return &BelowExpected{Got: e.RULER, Want: want, Threshold: e.Threshold}
}

// FormatPct writes a fraction as a percentage with one decimal, dropping ".0".
func FormatPct(f float64) string {
	s := strconv.FormatFloat(f*100, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0") + "%"
}

// FormatReasons lists reason counts, sorted by reason: "context_exceeded 3, timeout 1".
func FormatReasons(m map[results.Reason]int) string {
	if len(m) == 0 {
		return "no reason given"
	}
	keys := slices.Sorted(maps.Keys(m))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// Claimed finds the claimed context of label in the manifest: --claimed
// as recorded, else what the server reported. 0 when unknown.
func Claimed(m *results.Manifest, label string) int {
	if m == nil {
		return 0
	}
	for _, mi := range m.Models {
		if mi.Label == label || mi.Spec == label {
			if mi.Claimed > 0 {
				return mi.Claimed
			}
			return mi.ContextLength
		}
	}
	return 0
}
