package render

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"niah/results"
	"niah/stats"
	"niah/units"
)

// verdictText is the one-line answer to "does the claim hold?", on
// RULER's definition.
func verdictText(v stats.Verdict) string {
	pct := FormatPct(v.Threshold)
	switch v.Kind {
	case stats.NothingTested:
		return "no length was tested: every trial was invalid or failed (see the reasons above)"
	case stats.BelowShortest:
		t := fmt.Sprintf("effective context below %s: no tested length reaches %s (RULER)", units.FormatLength(v.MinTested), pct)
		if v.Claimed > 0 {
			t += " of a claimed " + units.FormatLength(v.Claimed)
		}
		return t
	}
	t := fmt.Sprintf("effective context %s (RULER %s)", units.FormatLength(v.RULER), pct)
	claimed := units.FormatLength(v.Claimed)
	switch v.Kind {
	case stats.ClaimUnknown:
		return t + "; claimed context unknown (pass --claimed N)"
	case stats.HoldsClaim:
		return t + fmt.Sprintf(" of a claimed %s: retrieval holds across the whole claim", claimed)
	case stats.HoldsAllTested:
		return t + fmt.Sprintf(" of a claimed %s: holds at every tested length; nothing above %s was tested",
			claimed, units.FormatLength(v.MaxTested))
	}
	return t + fmt.Sprintf(" of a claimed %s: retrieval holds to %d%% of the claim",
		claimed, int(float64(v.RULER)*100/float64(v.Claimed)))
}

// effectiveNotes are the lines that go under the verdict: the NoLiMa
// reading and the untested lengths.
func effectiveNotes(e stats.Effective) []string {
	var out []string
	if e.PerPair && e.MaxTested > 0 {
		out = append(out, perPairNote(e))
	} else if e.NoLiMaUndefined() {
		out = append(out, fmt.Sprintf("NoLiMa effective context undefined: its %s score is 0%%, so there is no short-context score to keep %s of",
			units.FormatLength(e.BaseLength), FormatPct(e.Relative)))
	} else if e.MaxTested > 0 {
		n := "below " + units.FormatLength(e.MinTested)
		if e.NoLiMa > 0 {
			n = units.FormatLength(e.NoLiMa)
		}
		out = append(out, fmt.Sprintf("NoLiMa effective context %s (%s of its %s score %s)",
			n, FormatPct(e.Relative), units.FormatLength(e.BaseLength), FormatPct(e.Base)))
	}
	if len(e.Untested) > 0 {
		ls := make([]string, len(e.Untested))
		for i, l := range e.Untested {
			ls[i] = units.FormatLength(l)
		}
		out = append(out, fmt.Sprintf("untested, not failed: %s (only invalid or error trials: %s)",
			strings.Join(ls, ", "), FormatReasons(e.UntestedReasons)))
	}
	return out
}

// perPairNote is the NoLiMa line of a per-pair reading (--relative
// per-pair).
func perPairNote(e stats.Effective) string {
	n := "below " + units.FormatLength(e.MinTested)
	if e.NoLiMa > 0 {
		n = units.FormatLength(e.NoLiMa)
	}
	line := fmt.Sprintf("NoLiMa effective context %s (per pair: each pair keeps %s of its own %s score, on average)",
		n, FormatPct(e.Relative), units.FormatLength(e.BaseLength))
	if e.PairsLeftOut > 0 {
		line += fmt.Sprintf("; %d pairs with a %s score of 0 left out", e.PairsLeftOut, units.FormatLength(e.BaseLength))
	}
	return line
}

// summaryNotes are every line under a summary's verdict: the effective
// notes, the diagnosis (which failure shape the records fit), which
// definition a latent or hops task reads, the lengths the server never
// confirmed, the follow-ups that confirmed them, and the trials it refused.
func summaryNotes(s *stats.Summary, e stats.Effective, pairs bool) []string {
	notes := effectiveNotes(e)
	if n := DiagnosisText(stats.Diagnose(s)); n != "" {
		notes = append(notes, n)
	}
	if n := familyNote(s.Task, e); n != "" {
		notes = append(notes, n)
	}
	if n := pairBasesLine(s); n != "" && pairs {
		notes = append(notes, n) // the page shows them as a table instead
	}
	if n := unverifiedNote(stats.UnverifiedOf(s)); n != "" {
		notes = append(notes, n)
	}
	if n := lengthCheckNote(stats.LengthChecksOf(s)); n != "" {
		notes = append(notes, n)
	}
	if n := refusedNote(stats.RefusedOf(s)); n != "" {
		notes = append(notes, n)
	}
	return notes
}

// familyNote is the line that tells which effective length applies to a
// latent or hops summary, "" for other tasks; it asks for 1k when the
// baseline is longer than a fair one.
func familyNote(task string, e stats.Effective) string {
	fam := stats.FamilyOf(task)
	if fam == stats.NoFamily || e.MaxTested == 0 {
		return ""
	}
	limit := "world knowledge"
	if fam == stats.Hops {
		limit = "following the chain"
	}
	n := fmt.Sprintf("%s task: read the NoLiMa effective length, not RULER's: %s, not retrieval alone, caps accuracy at any length, "+
		"so the bar is %s of this model's own score at %s", fam, limit, FormatPct(e.Relative), units.FormatLength(e.BaseLength))
	if e.BaselineTooLong() {
		n += "; add a short length such as 1k to --lengths for a fair baseline"
	}
	return n
}

// unverifiedNote says how many graded trials have a length the server
// never confirmed, and why; "" when every graded length was confirmed.
func unverifiedNote(u stats.Unverified) string {
	if u.Trials == 0 {
		return ""
	}
	why := "the server reported no prompt count (or 0)"
	switch {
	case u.Aborts == u.Trials:
		why = "the server aborted a repetition loop before counting"
	case u.Aborts > 0:
		why = fmt.Sprintf("%d repetition aborts; the rest had no prompt count from the server", u.Aborts)
	}
	return fmt.Sprintf("length unverified: %d of %d graded trials (%s); they are scored, but nothing confirms the model saw the whole prompt",
		u.Trials, u.Graded, why)
}

// FormatPct writes a fraction as a percentage with one decimal, dropping ".0".
func FormatPct(f float64) string {
	s := strconv.FormatFloat(f*100, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0") + "%"
}

// FormatReasons lists reason counts, sorted by reason: "context_exceeded 3, timeout 1".
func FormatReasons(m map[results.Reason]int) string {
	if len(m) == 0 {
		return "no reason given"
	}
	keys := slices.Sorted(maps.Keys(m))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
