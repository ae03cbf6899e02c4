package results

// LengthCheck is what the one-token follow-up of a trial cost and said: the
// same prompt sent again for one token when the answer carried no prompt
// count (Ollama aborts a looping answer before counting). The server's
// prefix cache holds the prompt by then, so it is cheap; its figures are
// kept apart from the trial's own so that a report can show the cost.
type LengthCheck struct {
	PromptTokens   *int     `json:"prompt_tokens,omitempty"`   // the server's count; nil: it gave none either
	CachedTokens   *int     `json:"cached_tokens,omitempty"`   // of those, reused from its cache, when it says
	ComputedTokens *int     `json:"computed_tokens,omitempty"` // computed again, when it says
	PrefillMS      *float64 `json:"prefill_ms,omitempty"`      // its own prompt-processing time, when it says
	LatencyMS      int64    `json:"latency_ms"`
	Error          string   `json:"error,omitempty"` // the follow-up failed: the length stays unverified
}
