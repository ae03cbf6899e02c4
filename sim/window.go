package sim

// promptRoom is the simulation's window rule: the prompt tokens it takes
// when the answer may use maxTokens. Prompt and answer share the window,
// as vLLM counts them against --max-model-len and llama.cpp against its
// context size, so a prompt of window − budget tokens is the longest that
// fits. Kept apart so that the rule is stated once.
func (c *simClient) promptRoom(maxTokens int) int { return c.window - max(maxTokens, 0) }
