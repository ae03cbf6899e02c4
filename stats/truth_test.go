package stats

import (
	"strings"
	"testing"

	"niah/results"
)

// Every length at 0%: the NoLiMa bar would be 85% of 0, which every
// length "holds". No effective length may be read from that.
func TestNoLiMaUndefinedWhenTheBaseScoresZero(t *testing.T) {
	s := perLength(map[int]float64{4096: 0, 8192: 0})
	e := ComputeEffective(s, DefaultThreshold, DefaultRelative)
	if e.NoLiMa != 0 || e.RULER != 0 {
		t.Fatalf("NoLiMa %d RULER %d, want 0 and 0", e.NoLiMa, e.RULER)
	}
	notes := strings.Join(e.Notes(), "\n")
	if strings.Contains(notes, "NoLiMa effective context 8K") || !strings.Contains(notes, "NoLiMa effective context undefined: its 4K score is 0%") {
		t.Fatalf("notes: %s", notes)
	}
}

func TestUnverifiedNoteCountsGradedTrials(t *testing.T) {
	s := perLength(map[int]float64{4096: 0.5})
	if n := UnverifiedNote(s); n != "" {
		t.Fatalf("no unverified trial, got %q", n)
	}
	s.Records[0].LengthUnverified, s.Records[0].FinishReason = true, results.FinishRepetitionAbort
	s.Records[1].LengthUnverified = true
	s = Summarize(s.Records)[0]
	want := "length unverified: 2 of 10 graded trials (1 repetition aborts; the rest had no prompt count from the server)"
	if n := UnverifiedNote(s); !strings.HasPrefix(n, want) || s.Overall.Unverified != 2 {
		t.Fatalf("note %q, tally %d", n, s.Overall.Unverified)
	}
}
