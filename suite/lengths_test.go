package suite

import (
	"path/filepath"
	"strings"
	"testing"

	"niah/haystack"
	"niah/results"
)

// grid.length_counts and grid.prompts are niah run's --length-counts and
// --prompts: they reach each variant's plan (a prompts file relative to
// the suite file), and a bad value names the field.
func TestSuiteLengthCountsAndPrompts(t *testing.T) {
	p := writeSuite(t, `grid: {lengths: 4k, length_counts: prompt, prompts: data/niah_single_2/validation.jsonl}
variants:
  - {label: a, spec: sim}
`)
	s, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := s.Plan(s.Variants[0], t.TempDir(), Options{Cache: haystack.NewCache(t.TempDir())})
	if err == nil || !strings.Contains(err.Error(), filepath.Join(filepath.Dir(p), "data/niah_single_2/validation.jsonl")) {
		t.Errorf("the prompts file is the suite's own, relative to it: %v %+v", err, plan)
	}
	p = writeSuite(t, `grid: {lengths: 4k, length_counts: prompt}
variants:
  - {label: a, spec: sim}
`)
	s, _ = Load(p)
	plan, err = s.Plan(s.Variants[0], t.TempDir(), Options{Cache: haystack.NewCache(t.TempDir())})
	if err != nil || plan.LengthCounts != results.CountsPrompt {
		t.Errorf("length_counts: %v %q", err, plan.LengthCounts)
	}
	p = writeSuite(t, `grid: {length_counts: tokens}
variants:
  - {label: a, spec: sim}
`)
	s, _ = Load(p)
	if _, err := s.Plan(s.Variants[0], t.TempDir(), Options{}); err == nil || !strings.Contains(err.Error(), "grid.length_counts: \"tokens\" is not window") {
		t.Errorf("bad length_counts: %v", err)
	}
}
