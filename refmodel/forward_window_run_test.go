package refmodel

import (
	"os"
	"strings"
	"testing"
)

// TestForwardWindow runs the windowed weights through the pure-Go gemma2
// forward pass. With the window alone, the key is found exactly when the
// match head can reach it: reach < W under llama.cpp's mask (reach <= W
// under Ollama's Go engine), whatever the length. With the global layer it
// is found far beyond the window.
func TestForwardWindow(t *testing.T) {
	const w = 1024
	last := map[int]int{windowLlamaCpp: w - 1, windowOllama: w} // the longest reach that retrieves
	type tc struct {
		opts          Options
		rule          int
		length, reach int
		want          bool
	}
	win, global := Options{SlidingWindow: w}, Options{SlidingWindow: w, GlobalLayer: true}
	var cases []tc
	for _, rule := range []int{windowLlamaCpp, windowOllama} {
		cases = append(cases, tc{win, rule, 1250, last[rule], true}, tc{win, rule, 1250, last[rule] + 1, false})
	}
	cases = append(cases, tc{global, windowLlamaCpp, 2300, 2000, true})
	if os.Getenv("NIAH_SLOW") == "1" {
		cases = append(cases, tc{win, windowLlamaCpp, 3000, 100, true}, tc{win, windowLlamaCpp, 3000, 2900, false},
			tc{global, windowOllama, 4000, 3900, true}, tc{Options{SlidingWindow: 256}, windowLlamaCpp, 600, 255, true},
			tc{Options{SlidingWindow: 256}, windowLlamaCpp, 600, 256, false})
	}
	for _, c := range cases {
		dist := c.reach - passkeyReach(0)
		got := newGnet(t, c.opts, c.rule).generate(passkeyPromptAt(c.length, dist), 6)
		t.Logf("%s rule %d length %d distance %d (reach %d): %q", c.opts.Name(), c.rule, c.length, dist, c.reach, got)
		if ok := strings.HasPrefix(got, " "+passkeyValue); ok != c.want {
			t.Errorf("%s rule %d: length %d distance %d (reach %d): answer %q, want retrieval %v",
				c.opts.Name(), c.rule, c.length, dist, c.reach, got, c.want)
		}
	}
}
