package stats

import (
	"math"
	"testing"

	"niah/internal/recordtest"
	"niah/results"
)

func TestFamilyOf(t *testing.T) {
	for task, want := range map[string]Family{
		"latent": Latent, "latent:literal": Latent, "hops:4": Hops, "hops:2:distract": Hops,
		"single": NoFamily, "multikey:uuid": NoFamily, "passkey": NoFamily, "none": NoFamily, "": NoFamily,
	} {
		if got := FamilyOf(task); got != want {
			t.Errorf("%q: %q, want %q", task, got, want)
		}
	}
	if (Effective{BaseLength: 1024}).BaselineTooLong() || !(Effective{BaseLength: 4096}).BaselineTooLong() {
		t.Error("a baseline above 1K is too long, 1K is not")
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
