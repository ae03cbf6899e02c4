package stats

// LengthChecks is what the one-token follow-ups of a summary's trials
// said and cost (results.Record.LengthCheck): sent when an answer carried
// no prompt count, they confirm its length or show the cut.
type LengthChecks struct {
	Trials    int // trials that had a follow-up
	Confirmed int // of those, the server counted the prompt
	// Tokens are the prompt tokens the follow-ups sent, as the server
	// counted them; Computed those it computed again rather than took
	// from its cache, over the Known follow-ups that said.
	Tokens, Computed, Known int
	// PrefillMS is the server's own prompt time over the Timed ones.
	PrefillMS float64
	Timed     int
	LatencyMS int64 // wall time of every follow-up
}

// LengthChecksOf sums the follow-ups of s; Trials 0 when none was sent.
func LengthChecksOf(s *Summary) LengthChecks {
	var c LengthChecks
	for i := range s.Records {
		lc := s.Records[i].LengthCheck
		if lc == nil {
			continue
		}
		c.Trials++
		c.LatencyMS += lc.LatencyMS
		if lc.PromptTokens == nil || *lc.PromptTokens <= 0 {
			continue
		}
		c.Confirmed++
		c.Tokens += *lc.PromptTokens
		if lc.ComputedTokens != nil {
			c.Known++
			c.Computed += *lc.ComputedTokens
		}
		if lc.PrefillMS != nil {
			c.Timed++
			c.PrefillMS += *lc.PrefillMS
		}
	}
	return c
}
