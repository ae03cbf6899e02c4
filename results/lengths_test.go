package results

import (
	"strings"
	"testing"
)

// Records and manifests without the field are old runs, whose lengths
// counted the prompt; records that count two ways are refused together.
func TestCountsOfOldNewAndMixedRecords(t *testing.T) {
	old := Record{ID: "a"}
	win := Record{ID: "b", LengthCounts: CountsWindow}
	if c, err := CountsOf([]Record{old, old}); c != CountsPrompt || err != nil {
		t.Errorf("old records: %q %v", c, err)
	}
	if c, err := CountsOf([]Record{win}); c != CountsWindow || err != nil {
		t.Errorf("window records: %q %v", c, err)
	}
	_, err := CountsOf([]Record{win, old, old})
	if err == nil || !strings.Contains(err.Error(), "1 as the prompt + answer budget, 2 as the prompt alone") {
		t.Errorf("mixed records: %v", err)
	}
	if (&Manifest{}).Counts() != CountsPrompt || (&Manifest{LengthCounts: CountsWindow}).Counts() != CountsWindow {
		t.Error("a manifest without the field is an old run: the prompt")
	}
}

// Parts of a run count their lengths one way; merge refuses to join runs
// that count them differently, an old run (no field) counting the prompt.
func TestMergeRefusesRunsThatCountLengthsDifferently(t *testing.T) {
	a := &Manifest{Task: "single", Lengths: []int{4096}, LengthCounts: CountsWindow}
	b := &Manifest{Task: "single", Lengths: []int{4096}}
	_, _, _, err := Merge([]Part{{Path: "a", Manifest: a}, {Path: "b", Manifest: b}})
	if err == nil || !strings.Contains(err.Error(), "lengths counting: prompt alone, not prompt + answer budget") {
		t.Errorf("merge of a window run and an old run: %v", err)
	}
	b.LengthCounts = CountsWindow
	if _, _, _, err := Merge([]Part{{Path: "a", Manifest: a}, {Path: "b", Manifest: b}}); err != nil {
		t.Errorf("two window runs: %v", err)
	}
}
