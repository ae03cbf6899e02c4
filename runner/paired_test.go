package runner

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"niah/corpora"
	"niah/haystack"
	"niah/needle"
)

// Trial t at depth d of a latent task draws the same pair, characters,
// distractors and lure at every length, so its length curve moves with
// length only; its prompt ids are the usual ones, one per length. Other
// tasks still draw afresh per length.
func TestLatentTrialsArePairedAcrossLengths(t *testing.T) {
	lengths := []int{2048, 8192, 32768}
	for _, task := range []string{"latent", "latent:literal", "latent:inverted", "latent:distract", "latent:2hop", "single", "hops:2"} {
		tk, _ := needle.ByName(task)
		pr, err := NewPrompter(tk, corpora.Builtin(0), haystack.Sim(), 7, 32768, testCache)
		if err != nil {
			t.Fatal(err)
		}
		paired := needle.PairedAcrossLengths(tk)
		differ := 0
		for _, depth := range []float64{0, 35, 100} {
			for trial := range 3 {
				var first *Prompt
				for _, l := range lengths {
					it := Item{Length: l, Depth: depth, Trial: trial}
					p, err := pr.Build("lab", it)
					if err != nil {
						t.Fatal(err)
					}
					if want := TrialID("lab", tk.Name(), 7, it); p.ID != want {
						t.Errorf("%s: id %q, want %q", task, p.ID, want)
					}
					if first == nil {
						first = p
						continue
					}
					same := reflect.DeepEqual(p.Content, first.Content)
					if paired && !same {
						t.Errorf("%s depth %g trial %d: %d draws %+v, %d drew %+v", task, depth, trial, l, p.Content, first.Length, first.Content)
					}
					if !same {
						differ++
					}
				}
			}
		}
		if !paired && differ == 0 {
			t.Errorf("%s draws the same needles at every length; expected it to draw afresh", task)
		}
	}
}

// The record of a latent trial names its pair, and the manifest counts the
// pairs the haystack left out.
func TestLatentRecordsPairAndManifestCountsLeftOut(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "hay.txt")
	// A user haystack that names Italy and a drum: pairs pointing there
	// are left out, and none of them is drawn.
	text := strings.Repeat("The Italian baker set out his loaves before dawn. A drum was heard across the square. Nobody came. ", 400)
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	corpus, err := corpora.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	tk, _ := needle.ByName("latent")
	pr, err := NewPrompter(tk, corpus, haystack.Sim(), 3, 4096, testCache)
	if err != nil {
		t.Fatal(err)
	}
	left, total, ok := pr.PairsLeftOut()
	if !ok || left < 16 || total < 100 {
		t.Fatalf("left out %d of %d (%v)", left, total, ok)
	}
	plan, err := Plan{Task: tk, Grid: Grid{Lengths: []int{4096}, Depths: []float64{50}, Trials: 1}}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	m := plan.manifest([]*Model{{Job: Job{Prompter: pr}}})
	if m.Pairs == nil || m.Pairs.LeftOut != left || m.Pairs.Total != total {
		t.Errorf("manifest pairs %+v, want %d of %d left out", m.Pairs, left, total)
	}
	for trial := range 20 {
		p, err := pr.Build("", Item{Length: 4096, Depth: 50, Trial: trial})
		if err != nil {
			t.Fatal(err)
		}
		rec := p.Record(pr)
		if rec.Pair == "" || rec.Pair != p.Content.Pair {
			t.Errorf("record pair %q, instance %q", rec.Pair, p.Content.Pair)
		}
		for _, bad := range []string{"Italy", "Rome", "woodwind", "brass", "string", "percussion", "Vesuvius", "lasagna"} {
			if strings.Contains(p.Text(), bad) {
				t.Errorf("trial %d draws %q from a haystack that names Italy and a drum", trial, bad)
			}
		}
	}
}
