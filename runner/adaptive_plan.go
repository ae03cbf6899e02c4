package runner

import (
	"fmt"
	"slices"

	"niah/results"
)

// SearchCost is what the adaptive search a would spend on a model whose
// retrieval is perfect below boundary tokens and nil from there on: the
// trials and prompt tokens (each prompt counted at its target length).
// Plans use it for the range a search costs; a noisy boundary costs more.
func SearchCost(a Adaptive, boundary int) (trials, tokens int) {
	src := NewAdaptiveSource(a, []Job{{Label: "plan"}}).(*adaptiveSource)
	queue := src.Start(nil)
	for len(queue) > 0 && trials < 1e6 {
		t := queue[0]
		queue = queue[1:]
		rec := results.Record{Label: "plan", Length: t.Item.Length, Depth: t.Item.Depth, Trial: t.Item.Trial,
			PromptTokens: t.Item.Length, Status: results.StatusOK, ID: fmt.Sprint(t)}
		if t.Item.Length < boundary {
			rec.Score, rec.Correct = 1, true
		}
		trials++
		tokens += t.Item.Length
		queue = append(queue, src.Observe(&rec)...)
	}
	return trials, tokens
}

// SearchCostRange is the least, the median and the most SearchCost
// spends over boundaries anywhere on the ladder: below its first length,
// at a third and two thirds between each pair of lengths, and above its
// last.
func SearchCostRange(a Adaptive) (minTokens, median, maxTokens int) {
	if len(a.Ladder) == 0 {
		return 0, 0, 0
	}
	bounds := []int{a.Ladder[0] / 2, 2 * a.Ladder[len(a.Ladder)-1]}
	for i := 1; i < len(a.Ladder); i++ {
		lo, hi := a.Ladder[i-1], a.Ladder[i]
		bounds = append(bounds, lo+(hi-lo)/3, lo+2*(hi-lo)/3)
	}
	costs := make([]int, len(bounds))
	for i, b := range bounds {
		_, costs[i] = SearchCost(a, b)
	}
	slices.Sort(costs)
	return costs[0], costs[len(costs)/2], costs[len(costs)-1]
}
