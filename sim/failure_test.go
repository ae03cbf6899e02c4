package sim

import (
	"context"
	"strings"
	"testing"

	"niah/needle"
	"niah/provider"
	"niah/results"
)

func TestSimFailureSpecs(t *testing.T) {
	for spec, want := range map[string]string{
		"sim:32k:window=8k": "sim:32768:window=8192", "sim:32k:keepend=4k": "sim:32768:keepend=4096",
		"sim:128k:middle": "sim:131072:middle", "sim:32k:misses=0.05": "sim:32768:misses=0.05", "sim:32k": "sim:32768",
	} {
		c, err := openSpec(spec)
		if err != nil || c.Spec() != want {
			t.Errorf("%s: spec %v, err %v; want %s", spec, c, err, want)
		}
	}
	for _, bad := range []string{"sim:32k:window=x", "sim:32k:middle=1", "sim:32k:sideways", "sim:32k:misses=2"} {
		if _, err := openSpec(bad); err == nil || !strings.Contains(err.Error(), "--model") {
			t.Errorf("%s: error %v, want one naming --model", bad, err)
		}
	}
}

// window=N: found only when the needle starts within the last N tokens;
// keepend=N also hides the prompt count.
func TestSimFailureWindow(t *testing.T) {
	ask := func(spec string, depth float64) (bool, provider.Response) {
		c, err := openSpec(spec)
		if err != nil {
			t.Fatal(err)
		}
		prompt, expected := simPrompt(t, 400, depth) // about 3,200 sim tokens
		resp, err := c.Complete(context.Background(), provider.Request{Messages: []results.Message{{Role: "user", Content: prompt}}, MaxTokens: 16})
		if err != nil {
			t.Fatal(err)
		}
		return needle.Grade(resp.Answer, expected, false).Correct, resp
	}
	if ok, _ := ask("sim:32k:window=1k", 90); !ok {
		t.Error("a needle near the question was missed")
	}
	if ok, _ := ask("sim:32k:window=1k", 10); ok {
		t.Error("a needle 2,800 tokens back was found through a 1K window")
	}
	if ok, resp := ask("sim:32k:keepend=1k", 10); ok || resp.PromptTokens != nil {
		t.Errorf("keepend: found %v, prompt count %v", ok, resp.PromptTokens)
	}
}

// openSpec parses spec and opens the simulation, as runner.OpenClient does.
func openSpec(spec string) (provider.Client, error) {
	s, err := provider.ParseSpec(spec)
	if err != nil {
		return nil, err
	}
	return Open(s)
}
