package sim

import (
	"fmt"
	"strconv"
	"strings"

	"niah/haystack"
	"niah/needle"
	"niah/units"
)

// simFailure is a failure shape the simulation can be given after its
// window, to check that a diagnosis recovers it from the records alone:
//   - "window=8k": a distance limit: the model sees only the last 8K tokens
//     of the prompt (a sliding window), at every length;
//   - "keepend=8k": the same limit made by the server instead, which keeps
//     the last 8K tokens and, as a proxy that hides counts would, reports
//     no prompt count;
//   - "middle": lost in the middle: once the prompt is longer than an eighth
//     of the window, a needle between 30% and 70% of it is found one time
//     in ten, the others always;
//   - "misses=0.05": no shape: any needle is missed 5% of the time.
//
// Its interface to the rest of the simulation is parseSimFailure, String,
// recall and hidesCount, so it moves with the simulation as a whole.
type simFailure struct {
	window  int // window= or keepend=, tokens; 0: none
	keepEnd bool
	middle  bool
	misses  float64
}

// parseSimFailure reads the part of a sim spec after its window ("" is no
// shape).
func parseSimFailure(s string) (simFailure, error) {
	var f simFailure
	switch key, val, _ := strings.Cut(s, "="); key {
	case "":
	case "middle":
		if val != "" {
			return f, fmt.Errorf("sim shape %q: middle takes no value", s)
		}
		f.middle = true
	case "window", "keepend":
		n, err := units.ParseLength(val)
		if err != nil || n < 1 {
			return f, fmt.Errorf("sim shape %q: %s wants a token count (e.g. %s=8k)", s, key, key)
		}
		f.window, f.keepEnd = n, key == "keepend"
	case "misses":
		p, err := strconv.ParseFloat(val, 64)
		if err != nil || p <= 0 || p >= 1 {
			return f, fmt.Errorf("sim shape %q: misses wants a fraction between 0 and 1 (e.g. misses=0.05)", s)
		}
		f.misses = p
	default:
		return f, fmt.Errorf("sim shape %q: want window=N, keepend=N, middle or misses=P", s)
	}
	return f, nil
}

// String is the shape as a spec writes it, "" for none.
func (f simFailure) String() string {
	switch {
	case f.middle:
		return "middle"
	case f.keepEnd:
		return fmt.Sprintf("keepend=%d", f.window)
	case f.window > 0:
		return fmt.Sprintf("window=%d", f.window)
	case f.misses > 0:
		return "misses=" + strconv.FormatFloat(f.misses, 'g', -1, 64)
	}
	return ""
}

// recall is the probability of retrieval the shape gives a prompt of
// tokens whose needle sits at depth (0–1 of the text); ok is false when
// there is no shape. contextWindow is the simulation's own window.
func (f simFailure) recall(text string, tokens, contextWindow int, depth float64) (r float64, ok bool) {
	switch {
	case f.misses > 0:
		return 1 - f.misses, true
	case f.middle:
		if tokens > contextWindow/8 && depth >= 0.3 && depth <= 0.7 {
			return 0.1, true
		}
		return 1, true
	case f.window > 0:
		_, offsets := needle.Solve(text)
		if len(offsets) == 0 {
			return 1, true
		}
		if haystack.SimCount(text[offsets[0]:]) <= f.window {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// hidesCount: the server reports no prompt count (keepend).
func (f simFailure) hidesCount() bool { return f.keepEnd }
