package render

import (
	"strings"
	"testing"

	"niah/internal/recordtest"
	"niah/results"
	"niah/stats"
)

// effectiveOf measures one label at the given accuracy per length
// (negative: only invalid trials, context_exceeded), 10 trials each.
func effectiveOf(acc map[int]float64) (*stats.Summary, stats.Effective) {
	var recs []results.Record
	for l, a := range acc {
		for t := 0; t < 10; t++ {
			switch {
			case a < 0:
				recs = append(recs, recordtest.Rec("m", l, 50, t, 0, results.StatusInvalid, results.ReasonContextExceeded))
			case float64(t) < a*10-1e-9:
				recs = append(recs, recordtest.Rec("m", l, 50, t, 1, results.StatusOK, ""))
			default:
				recs = append(recs, recordtest.Rec("m", l, 50, t, 0, results.StatusOK, ""))
			}
		}
	}
	s := stats.Summarize(recs)[0]
	return s, stats.ComputeEffective(s, stats.DefaultThreshold, stats.DefaultRelative)
}

func TestVerdictWording(t *testing.T) {
	_, e := effectiveOf(map[int]float64{4096: 1, 8192: 1, 16384: 1, 32768: 1, 65536: 0.5, 131072: 0.1})
	for claimed, want := range map[int]string{
		131072: "effective context 32K (RULER 85.6%) of a claimed 128K: retrieval holds to 25% of the claim",
		0:      "effective context 32K (RULER 85.6%); claimed context unknown (pass --claimed N)",
		32768:  "effective context 32K (RULER 85.6%) of a claimed 32K: retrieval holds across the whole claim",
	} {
		if got := verdictText(e.Verdict(claimed)); got != want {
			t.Errorf("claimed %d\n got %q\nwant %q", claimed, got, want)
		}
	}
	_, short := effectiveOf(map[int]float64{4096: 1, 8192: 1})
	if got, want := verdictText(short.Verdict(131072)), "effective context 8K (RULER 85.6%) of a claimed 128K: holds at every tested length; nothing above 8K was tested"; got != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
	_, low := effectiveOf(map[int]float64{4096: 0.5})
	if got, want := verdictText(low.Verdict(8192)), "effective context below 4K: no tested length reaches 85.6% (RULER) of a claimed 8K"; got != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
	if got := verdictText(low.Verdict(0)); strings.Contains(got, "claimed") {
		t.Errorf("an unknown claim is not named: %q", got)
	}
	_, none := effectiveOf(map[int]float64{4096: -1})
	if got := verdictText(none.Verdict(8192)); !strings.HasPrefix(got, "no length was tested") {
		t.Errorf("nothing tested: %q", got)
	}
}

func TestNotesNameUntestedLengthsAndNoLiMa(t *testing.T) {
	_, e := effectiveOf(map[int]float64{4096: 1, 8192: 1, 16384: -1, 32768: 1})
	notes := strings.Join(effectiveNotes(e), "\n")
	if !strings.Contains(notes, "untested, not failed: 16K") || !strings.Contains(notes, "context_exceeded 10") {
		t.Errorf("notes do not name the untested length and reason:\n%s", notes)
	}
	if !strings.Contains(notes, "NoLiMa effective context 32K (85% of its 4K score 100%)") {
		t.Errorf("notes lack the NoLiMa reading:\n%s", notes)
	}
	_, zero := effectiveOf(map[int]float64{4096: 0, 8192: 0})
	notes = strings.Join(effectiveNotes(zero), "\n")
	if strings.Contains(notes, "NoLiMa effective context 8K") || !strings.Contains(notes, "NoLiMa effective context undefined: its 4K score is 0%") {
		t.Errorf("notes: %s", notes)
	}
}

func TestFamilyNote(t *testing.T) {
	e := stats.Effective{Relative: 0.85, MaxTested: 32768, BaseLength: 1024, Base: 0.9}
	for task, want := range map[string]string{
		"latent":          "latent task: read the NoLiMa effective length, not RULER's: world knowledge",
		"latent:literal":  "latent task: read the NoLiMa effective length",
		"hops:4":          "hops task: read the NoLiMa effective length, not RULER's: following the chain",
		"hops:2:distract": "hops task",
	} {
		n := familyNote(task, e)
		if !strings.HasPrefix(n, want) || !strings.Contains(n, "85% of this model's own score at 1K") || strings.Contains(n, "add a short length") {
			t.Errorf("%s: %q", task, n)
		}
	}
	for _, task := range []string{"single", "multikey:uuid", "passkey", "none", ""} {
		if n := familyNote(task, e); n != "" {
			t.Errorf("%s: %q, want no note", task, n)
		}
	}
	e.BaseLength = 4096 // the default --lengths start there
	if n := familyNote("latent", e); !strings.Contains(n, "add a short length such as 1k to --lengths") {
		t.Errorf("a long baseline should be pointed out: %q", n)
	}
	if n := familyNote("latent", stats.Effective{}); n != "" {
		t.Errorf("nothing tested, nothing to read: %q", n)
	}
}

func TestUnverifiedNote(t *testing.T) {
	if n := unverifiedNote(stats.Unverified{Graded: 10}); n != "" {
		t.Fatalf("no unverified trial, got %q", n)
	}
	for u, want := range map[stats.Unverified]string{
		{Trials: 2, Graded: 10, Aborts: 1}: "length unverified: 2 of 10 graded trials (1 repetition aborts; the rest had no prompt count from the server)",
		{Trials: 2, Graded: 10, Aborts: 2}: "length unverified: 2 of 10 graded trials (the server aborted a repetition loop before counting)",
		{Trials: 3, Graded: 9}:             "length unverified: 3 of 9 graded trials (the server reported no prompt count (or 0))",
	} {
		if n := unverifiedNote(u); !strings.HasPrefix(n, want) {
			t.Errorf("%+v: %q", u, n)
		}
	}
}

func TestFormatPctAndReasons(t *testing.T) {
	for f, want := range map[float64]string{0.856: "85.6%", 0.85: "85%", 1: "100%", 0.05: "5%", 0.125: "12.5%"} {
		if got := FormatPct(f); got != want {
			t.Errorf("FormatPct(%v) = %q, want %q", f, got, want)
		}
	}
	if got := FormatReasons(map[results.Reason]int{results.ReasonTimeout: 1, results.ReasonContextExceeded: 3}); got != "context_exceeded 3, timeout 1" {
		t.Errorf("FormatReasons = %q", got)
	}
	if got := FormatReasons(nil); got != "no reason given" {
		t.Errorf("FormatReasons(nil) = %q", got)
	}
}
