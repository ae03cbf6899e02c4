package sim

import (
	"fmt"
	"math"
	"strconv"

	"niah/provider"
	"niah/results"
)

// Shapes give the simulation a known boundary for testing searches:
// --option shape=cliff|slope|dip --option boundary=N. The RULER boundary
// (accuracy 85.6%) is then at N tokens:
//   - cliff: every needle found below N, none from N on;
//   - slope: recall 0.856 + 0.4·log2(N/tokens), clamped to [0, 1], so it
//     falls smoothly through the bar at N;
//   - dip: a cliff at N, and a dip to 30% recall from N/4 to 1.5·N/4, so
//     the effective context is below N/4 although N/2 passes.
func shapedRecall(opts map[string]string, tokens int) (float64, bool, error) {
	shape := opts["shape"]
	if shape == "" {
		return 0, false, nil
	}
	b, err := strconv.Atoi(opts["boundary"])
	if err != nil || b < 1 {
		return 0, false, &provider.Error{Reason: results.ReasonBadRequest, HTTPStatus: 400, Attempts: 1,
			Message: fmt.Sprintf("sim: shape %s needs boundary=N tokens, got %q", shape, opts["boundary"])}
	}
	x := float64(tokens)
	switch shape {
	case "cliff":
		return step(tokens < b), true, nil
	case "slope":
		return math.Max(0, math.Min(1, 0.856+0.4*math.Log2(float64(b)/x))), true, nil
	case "dip":
		if x >= float64(b)/4 && x < 1.5*float64(b)/4 {
			return 0.3, true, nil
		}
		return step(tokens < b), true, nil
	}
	return 0, false, &provider.Error{Reason: results.ReasonBadRequest, HTTPStatus: 400, Attempts: 1,
		Message: fmt.Sprintf("sim: shape %q is not cliff, slope or dip", shape)}
}

func step(ok bool) float64 {
	if ok {
		return 1
	}
	return 0
}
