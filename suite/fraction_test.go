package suite

import (
	"strings"
	"testing"

	"niah/results"
)

// grid.search's fractions take percentages as niah run's flags do (one
// reader, units.ParseFraction); a bad one names the file, line and field.
func TestSearchFractionsTakePercentages(t *testing.T) {
	p := writeSuite(t, `grid: {lengths: 2k..8k, tokenizer: sim, search: {resolution: 10%, threshold: 85.6%, relative: 0.85}}
variants:
  - {label: a, spec: "sim:6k"}
`)
	s, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := s.Plan(s.Variants[0], t.TempDir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := *plan.Search, (results.AdaptiveInfo{Resolution: 0.1, Threshold: 0.856, Relative: 0.85}); got != want {
		t.Fatalf("search %+v, want %+v", got, want)
	}
	for field, text := range map[string]string{
		"grid.search.resolution": "{resolution: ten}",
		"grid.search.threshold":  "{threshold: 85.6 percent}",
		"grid.search.relative":   "{relative: .nan}",
	} {
		bad := writeSuite(t, "grid:\n  lengths: 2k\n  search: "+text+"\nvariants:\n  - {label: a, spec: sim}\n")
		_, err := Load(bad)
		if err == nil || !strings.HasPrefix(err.Error(), bad+":3: "+field+": ") || !strings.Contains(err.Error(), "is not a fraction") {
			t.Errorf("%s: %v", text, err)
		}
	}
}
