package sim

import (
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"niah/haystack"
	"niah/needle"
	"niah/provider"
	"niah/results"
)

func simPrompt(t *testing.T, fillerSentences int, depth float64) (string, []string) {
	t.Helper()
	task, _ := needle.ByName("single")
	tr := task.Make(rand.New(rand.NewPCG(1, 2)), depth, nil)
	filler := strings.Repeat(" The river bends past the old mill.", fillerSentences)
	at := int(float64(len(filler)) * depth / 100)
	at = strings.LastIndex(filler[:at+1], " ") // a sentence-opening space
	if at < 0 {
		at = 0
	}
	return tr.Instructions + filler[:at] + tr.Needles[0].Text + filler[at:] + tr.Question, tr.Expected
}

// open parses a spec and opens the simulation it names.
func open(t *testing.T, spec string) (provider.Client, error) {
	t.Helper()
	s, err := provider.ParseSpec(spec)
	if err != nil {
		t.Fatal(err)
	}
	return Open(s)
}

func TestSimIsLabelledAndDeterministic(t *testing.T) {
	c, err := open(t, "sim:32k")
	if err != nil {
		t.Fatal(err)
	}
	info, _ := c.Info(context.Background())
	if !info.Simulated || info.ContextLength != 32768 || c.Spec() != "sim:32768" {
		t.Fatalf("info %+v, spec %s", info, c.Spec())
	}
	prompt, expected := simPrompt(t, 300, 50)
	req := provider.Request{Messages: []results.Message{{Role: "user", Content: prompt}}, MaxTokens: 16}
	a, err := c.Complete(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := c.Complete(context.Background(), req)
	if a.Answer != b.Answer || *a.PromptTokens != haystack.SimCount(prompt) {
		t.Fatalf("answers %q / %q, counted %d", a.Answer, b.Answer, *a.PromptTokens)
	}
	// Far below the window (an eighth of it) the simulation always retrieves.
	if g := needle.Grade(a.Answer, expected, false); !g.Correct {
		t.Errorf("short prompt answered %q, want %v", a.Answer, expected)
	}
}

func TestSimWindowRejectsOrCuts(t *testing.T) {
	c, _ := open(t, "sim:1k")
	prompt, _ := simPrompt(t, 400, 50) // about 3,200 sim tokens
	req := provider.Request{Messages: []results.Message{{Role: "user", Content: prompt}}, MaxTokens: 16}
	_, err := c.Complete(context.Background(), req)
	if e, ok := err.(*provider.Error); !ok || e.Reason != results.ReasonContextExceeded || e.HTTPStatus != 400 {
		t.Fatalf("want context_exceeded, got %v", err)
	}
	req.Options = map[string]string{"truncate": "true"}
	resp, err := c.Complete(context.Background(), req)
	if err != nil || resp.PromptTokens == nil || *resp.PromptTokens > 1024+16 || *resp.PromptTokens < 900 {
		t.Fatalf("silent cut should keep about the window: %v %v", resp.PromptTokens, err)
	}
}

func TestSimRecallShape(t *testing.T) {
	const w = 1 << 18
	for _, d := range []float64{0, 0.5, 1} {
		if r := simRecall(w/8, w, d); r != 1 {
			t.Errorf("recall at an eighth of the window, depth %v = %v, want 1", d, r)
		}
	}
	if mid, edge := simRecall(w/2, w, 0.55), simRecall(w/2, w, 0.05); !(mid < edge && edge < 1) {
		t.Errorf("lost in the middle: middle %v should be below the edge %v, below 1", mid, edge)
	}
	if simRecall(w, w, 0.55) >= simRecall(w/2, w, 0.55) {
		t.Error("recall must fall with length")
	}
}

func TestNewSimRejectsBadWindow(t *testing.T) {
	if _, err := open(t, "sim:lots"); err == nil || !strings.Contains(err.Error(), "--model") {
		t.Fatalf("want an error naming --model, got %v", err)
	}
}
