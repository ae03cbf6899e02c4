package runner

import (
	"context"
	"errors"
	"testing"

	"niah/results"
)

// A length is the window a trial occupies by default: the prompt (as the
// server counts it) plus the answer budget fill it without passing it, so
// the simulation with a window of W answers every trial at W; counted as
// the prompt alone, the same length overflows that window by the budget.
func TestWindowLengthsFitAWindowOfTheirSize(t *testing.T) {
	for _, c := range []struct {
		counts   string
		valid16K bool
	}{{results.CountsWindow, true}, {results.CountsPrompt, false}} {
		dir := t.TempDir()
		run, err := Open(context.Background(), Plan{
			Grid:   Grid{Lengths: []int{4096, 16384}, Depths: []float64{0, 50, 100}, Trials: 2},
			Models: []ModelSpec{{Spec: "sim:16k"}}, MaxTokens: 200, LengthCounts: c.counts, Out: dir, Cache: testCache,
		})
		if err != nil {
			t.Fatal(err)
		}
		res, err := run.Execute(context.Background(), Hooks{})
		run.Close()
		if err != nil {
			t.Fatal(err)
		}
		if got := run.Dir.Manifest.Counts(); got != c.counts {
			t.Errorf("%s: the manifest says %q", c.counts, got)
		}
		for _, r := range res.Records {
			budget := 200
			if c.counts == results.CountsPrompt {
				budget = 0
			}
			if r.LengthCounts != c.counts {
				t.Errorf("%s: record %s counts %q", c.counts, r.ID, r.LengthCounts)
			}
			// Within the tolerance a server count is held to (1%, at least 8
			// tokens), never over the window's share for the prompt.
			if d := r.Length - budget - r.PromptTokens; d < 0 && c.counts == results.CountsWindow || max(d, -d) > max(8, r.Length/100) {
				t.Errorf("%s: %s has %d prompt tokens for a length of %d", c.counts, r.ID, r.PromptTokens, r.Length)
			}
			if r.Length == 16384 && r.Valid() != c.valid16K {
				t.Errorf("%s: at the window's own length %s is %s %s", c.counts, r.ID, r.Status, r.Reason)
			}
		}
	}
}

// RULER's advice for reasoning models, 112K of prompt and 16K of answer
// for a 128K model, is what a 128K length gives with --max-tokens 16384.
func TestReasoningBudgetTakesItsShareOfTheWindow(t *testing.T) {
	pr, err := Prompts(context.Background(), Plan{Grid: Grid{Lengths: []int{131072}, Depths: []float64{50}, Trials: 1},
		Tokenizer: "sim", MaxTokens: 16384, Cache: testCache})
	if err != nil {
		t.Fatal(err)
	}
	p, err := pr.Build("", Item{Length: 131072, Depth: 50})
	if err != nil {
		t.Fatal(err)
	}
	if n := p.Layout.Tokens; n > 131072-16384 || n < 131072-16384-8 {
		t.Errorf("a 128K window with a 16K answer budget holds a prompt of %d tokens, want about 112K (114,688)", n)
	}
}

// Ollama's num_ctx still holds the longest prompt and its answer: under
// the window meaning that is the longest length and a margin.
func TestContextHintHoldsTheWindow(t *testing.T) {
	p, err := Plan{Grid: Grid{Lengths: []int{4096, 65536}}, Models: []ModelSpec{{Spec: "sim"}}, MaxTokens: 1000}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	hint := p.clientOptions().ContextHint
	if hint < 65536 || hint > 65536+65536/20+1000 {
		t.Errorf("num_ctx %d for a 64K window with a 1000-token answer", hint)
	}
	p.LengthCounts = results.CountsPrompt
	if hint := p.clientOptions().ContextHint; hint < 65536+1000 {
		t.Errorf("num_ctx %d cannot hold a 64K prompt and its 1000-token answer", hint)
	}
}

// A run directory keeps one meaning: resuming it with the other would mix
// two prompts under one length.
func TestResumeRefusesTheOtherLengthMeaning(t *testing.T) {
	dir := t.TempDir()
	plan := Plan{Grid: Grid{Lengths: []int{4096}, Depths: []float64{50}, Trials: 1}, Models: []ModelSpec{{Spec: "sim"}}, Out: dir, Cache: testCache}
	run, err := Open(context.Background(), plan)
	if err != nil {
		t.Fatal(err)
	}
	run.Close()
	plan.LengthCounts = results.CountsPrompt
	_, err = Open(context.Background(), plan)
	var mm *MismatchError
	if !errors.As(err, &mm) || mm.What != "lengths counting" {
		t.Fatalf("resuming with the other meaning: %v", err)
	}
}

func TestLengthCountsSettingIsChecked(t *testing.T) {
	for _, c := range []struct {
		plan    Plan
		setting string
	}{
		{Plan{LengthCounts: "tokens"}, "length-counts"},
		{Plan{Grid: Grid{Lengths: []int{4096}}, MaxTokens: 4096}, "lengths"},
	} {
		var se *SettingError
		if _, err := c.plan.withDefaults(); !errors.As(err, &se) || se.Setting != c.setting {
			t.Errorf("%+v: %v, want a %s error", c.plan, err, c.setting)
		}
	}
	if _, err := (Plan{Grid: Grid{Lengths: []int{4096}}, MaxTokens: 4096, LengthCounts: results.CountsPrompt}).withDefaults(); err != nil {
		t.Errorf("a prompt length may be shorter than the answer budget: %v", err)
	}
}
