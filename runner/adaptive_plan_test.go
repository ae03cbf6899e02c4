package runner

import (
	"testing"

	"niah/stats"
)

func TestSearchCostIsBelowTheGridAwayFromTheTop(t *testing.T) {
	ladder, _ := ParseLengths("4k..1m")
	depths, _ := ParseDepths("11", "linear")
	a := Adaptive{Ladder: ladder, Depths: depths, Rounds: 3, Resolution: 0.05, Threshold: stats.DefaultThreshold, Relative: stats.DefaultRelative}
	full := 0
	for _, l := range ladder {
		full += l * len(depths) * 3
	}
	trials, tokens := SearchCost(a, 50000)
	if tokens <= 0 || tokens >= full/4 || trials == 0 {
		t.Errorf("a boundary at 50,000 costs %d trials, %d tokens; the grid %d", trials, tokens, full)
	}
	lo, _, hi := SearchCostRange(a)
	if lo != 6*4096 || lo > tokens || hi < tokens { // below the ladder: half a round at 4K
		t.Errorf("range %d-%d around %d, grid %d", lo, hi, tokens, full)
	}
	t.Logf("boundary 50,000: %d trials, %d tokens; range %d-%d; grid %d", trials, tokens, lo, hi, full)
}
