package sim

// ShapeRecall is the simulation's chance of a right answer at tokens
// under --option shape=… --option boundary=N (ok false when opts set no
// shape): what a search benchmark needs to draw the simulation's answers
// at 1M tokens without building 1M-token prompts.
func ShapeRecall(opts map[string]string, tokens int) (recall float64, ok bool, err error) {
	return shapedRecall(opts, tokens)
}
