package render

import (
	"fmt"

	"niah/stats"
	"niah/units"
)

// lengthCheckNote says how many answers without a prompt count got a
// one-token follow-up, how many of those the server counted, and what the
// follow-ups cost; "" when none was sent.
func lengthCheckNote(c stats.LengthChecks) string {
	if c.Trials == 0 {
		return ""
	}
	n := fmt.Sprintf("length checked by a one-token follow-up: %d answers carried no prompt count (e.g. a repetition abort); the server counted %d of their prompts again",
		c.Trials, c.Confirmed)
	cost := fmt.Sprintf("%s prompt tokens", units.FormatCount(c.Tokens))
	if c.Known > 0 && c.Known == c.Confirmed {
		cost += fmt.Sprintf(" (%s computed, the rest from its cache)", units.FormatCount(c.Computed))
	}
	if c.Timed > 0 {
		cost += ", " + millis(c.PrefillMS) + " of server prefill"
	}
	return n + fmt.Sprintf("; the follow-ups cost %s and %s in all", cost, millis(float64(c.LatencyMS)))
}

// millis writes a duration in milliseconds as "20 ms" or "3.4 s".
func millis(ms float64) string {
	if ms < 1000 {
		return fmt.Sprintf("%.0f ms", ms)
	}
	return fmt.Sprintf("%.1f s", ms/1000)
}
