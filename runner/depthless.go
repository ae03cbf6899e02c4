package runner

import "niah/needle"

// depthlessItems are the trials of a grid for a task without depth (cwe,
// fwe): as many trials per length as the grid's depths and trials make,
// all at depth 0, so each length is measured on as many trials as any
// other task's and the heatmap has one row.
func depthlessItems(g Grid) []Item {
	var out []Item
	n := max(len(g.Depths), 1) * max(g.Trials, 1)
	for _, l := range g.Lengths {
		for t := range n {
			out = append(out, Item{Length: l, Trial: t})
		}
	}
	return out
}

// ItemsFor lists the grid's trials of task t, length-major: Items, or one
// row at depth 0 for a task without depth.
func ItemsFor(g Grid, t needle.Task) []Item {
	if needle.Depthless(t) {
		return depthlessItems(g)
	}
	return Items(g)
}
