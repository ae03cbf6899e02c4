// Package runner is the engine of a run, usable without the command line:
// prepare each model (connect, pick the tokenizer, calibrate), open or
// resume a run directory, then send the trials a Source hands over (the
// whole grid, or a search that grows as it sees results), scheduled for
// prefix-cache reuse and recorded as each ends.
package runner

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"niah/units"
)

// Grid is the lengths × depths × trials to test.
type Grid struct {
	Lengths []int
	Depths  []float64
	Trials  int
}

// Cells is the number of (length, depth) cells.
func (g Grid) Cells() int { return len(g.Lengths) * len(g.Depths) }

// Longest is the longest length of the grid (lengths are sorted), or 0.
func (g Grid) Longest() int {
	if len(g.Lengths) == 0 {
		return 0
	}
	return g.Lengths[len(g.Lengths)-1]
}

// ParseLengths reads a list of lengths: "4k,8k,1m", "4k..1m" (powers of
// two from the first to the last), "32000", or mixes of these. K and M are
// binary (4k = 4096, 1m = 1,048,576), as model context sizes are.
func ParseLengths(s string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if lo, hi, ok := strings.Cut(part, ".."); ok {
			a, err := parseSize(lo)
			if err != nil {
				return nil, err
			}
			b, err := parseSize(hi)
			if err != nil {
				return nil, err
			}
			if a > b {
				return nil, fmt.Errorf("range %q runs backwards", part)
			}
			for n := a; n <= b; n *= 2 {
				out = append(out, n)
			}
			continue
		}
		n, err := parseSize(part)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no length given")
	}
	sort.Ints(out)
	return dedup(out), nil
}

func parseSize(s string) (int, error) {
	n, err := units.ParseLength(s)
	if err != nil || n < 64 || n > 16<<20 {
		return 0, fmt.Errorf("%q is not a length from 64 tokens to 16M (examples: 4k, 128k, 1m, 32000)", s)
	}
	return n, nil
}

// ParseDepths reads depths: a count N (N depths spread over 0–100) or an
// explicit list of percentages. A lone number is a count (or "Nx"; a lone
// linear 25, 50, 75 or 100 must be written 50x or 50%, being likely a percentage); a single depth is
// written with its percent sign ("50%") or as a one-item list ("50,"). spacing is "linear" or "sigmoid"
// (gkamradt's logistic spacing, dense near both ends).
func ParseDepths(s, spacing string) ([]float64, error) {
	s = strings.TrimSpace(s)
	if spacing != "linear" && spacing != "sigmoid" && spacing != "" {
		return nil, badSetting("depth-spacing", fmt.Errorf("%q is not linear or sigmoid", spacing))
	}
	if !strings.ContainsAny(s, ",%") {
		count, explicit := strings.CutSuffix(s, "x")
		if n, err := strconv.Atoi(count); err == nil {
			switch {
			case n == 0 && !explicit:
				return nil, fmt.Errorf("0 is a count of depths: for one depth at the start write 0%%")
			case n < 1 || n > 1000:
				return nil, fmt.Errorf("%d depths is out of range (1 to 1000)", n)
			case !explicit && spacing != "sigmoid" && looksLikePercent(n):
				return nil, fmt.Errorf("%d looks like a percentage: write %d%% for one depth at %d%%, or %dx for %d depths spread over 0-100%%", n, n, n, n, n)
			}
			switch spacing {
			case "linear", "":
				return linearDepths(n), nil
			case "sigmoid":
				return sigmoidDepths(n), nil
			default:
				return nil, badSetting("depth-spacing", fmt.Errorf("%q is not linear or sigmoid", spacing))
			}
		}
	}
	if spacing == "sigmoid" {
		return nil, badSetting("depth-spacing", fmt.Errorf("sigmoid needs a count of depths, not a list"))
	}
	var out []float64
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSuffix(strings.TrimSpace(part), "%")
		if part == "" {
			continue
		}
		f, err := strconv.ParseFloat(part, 64)
		if err != nil || !(f >= 0 && f <= 100) { // NaN fails both
			return nil, fmt.Errorf("%q is not a percentage from 0 to 100", part)
		}
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no depth given")
	}
	sort.Float64s(out)
	return dedup(out), nil
}

// looksLikePercent: a lone linear count of 25, 50, 75 or 100 is more
// likely a depth meant as a percentage than that many depths, so it must
// be written 50% or 50x. (A sigmoid count, as gkamradt's 35, is a count.)
func looksLikePercent(n int) bool { return n%25 == 0 && n <= 100 }

func linearDepths(n int) []float64 {
	if n == 1 {
		return []float64{50}
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = round3(100 * float64(i) / float64(n-1))
	}
	return out
}

// sigmoidDepths follows gkamradt's logistic spacing: 100·σ(0.1·(x−50)) for
// x evenly spaced over 0–100, with the ends kept at exactly 0 and 100.
func sigmoidDepths(n int) []float64 {
	out := linearDepths(n)
	for i, x := range out {
		if x == 0 || x == 100 {
			continue
		}
		out[i] = round3(100 / (1 + math.Exp(-0.1*(x-50))))
	}
	sort.Float64s(out)
	return dedup(out)
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// sortedSet is s sorted, without repeats, in a new slice.
func sortedSet[T cmp.Ordered](s []T) []T {
	out := slices.Clone(s)
	slices.Sort(out)
	return dedup(out)
}

// dedup drops adjacent repeats from a sorted slice.
func dedup[T comparable](s []T) []T {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
