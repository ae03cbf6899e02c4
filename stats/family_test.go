package stats

import (
	"math"
	"strings"
	"testing"

	"niah/internal/recordtest"
	"niah/results"
)

func TestFamilyNote(t *testing.T) {
	e := Effective{Relative: 0.85, MaxTested: 32768, BaseLength: 1024, Base: 0.9}
	for task, want := range map[string]string{
		"latent":          "latent task: read the NoLiMa effective length, not RULER's: world knowledge",
		"latent:literal":  "latent task: read the NoLiMa effective length",
		"hops:4":          "hops task: read the NoLiMa effective length, not RULER's: following the chain",
		"hops:2:distract": "hops task",
	} {
		n := FamilyNote(task, e)
		if !strings.HasPrefix(n, want) || !strings.Contains(n, "85% of this model's own score at 1K") || strings.Contains(n, "add a short length") {
			t.Errorf("%s: %q", task, n)
		}
	}
	for _, task := range []string{"single", "multikey:uuid", "passkey", "none", ""} {
		if n := FamilyNote(task, e); n != "" {
			t.Errorf("%s: %q, want no note", task, n)
		}
	}
	e.BaseLength = 4096 // the default --lengths start there
	if n := FamilyNote("latent", e); !strings.Contains(n, "add a short length such as 1k to --lengths") {
		t.Errorf("a long baseline should be pointed out: %q", n)
	}
	if n := FamilyNote("latent", Effective{}); n != "" {
		t.Errorf("nothing tested, nothing to read: %q", n)
	}
}

func TestLatentGaps(t *testing.T) {
	lat, lit := recordtest.LatentPair()
	gs := LatentGaps(append(Summarize(lit), Summarize(lat)...))
	if len(gs) != 1 || gs[0].Latent.Task != "latent" || gs[0].Literal.Task != "latent:literal" {
		t.Fatalf("gaps %+v", gs)
	}
	want := []float64{0, 0, 0, 0.5, 0.5}
	for i, l := range gs[0].Lengths {
		if math.Abs(gs[0].Gap[i]-want[i]) > 1e-9 {
			t.Errorf("gap at %d: %v, want %v", l, gs[0].Gap[i], want[i])
		}
	}
	if gs := LatentGaps(Summarize(lat)); gs != nil {
		t.Errorf("latent alone has no gap: %+v", gs)
	}
	plain := func(label string) []results.Record {
		return recordtest.Grid(label, []int{4096, 8192}, []float64{0, 100}, 2, func(int, float64, int) float64 { return 1 })
	}
	if gs := LatentGaps(Summarize(append(plain("a"), plain("b")...))); gs != nil {
		t.Errorf("single runs have no gap: %+v", gs)
	}
}

// Comparing a latent run with its literal control puts the per-length gap
// in compare.html and in the compare table; other comparisons show none.
