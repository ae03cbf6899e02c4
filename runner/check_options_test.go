package runner

import (
	"strings"
	"testing"
)

// TestCheckRefusesOptionsWithNoServer: Check finds an option a model's
// protocol refuses with no server and no key (a suite checks every
// variant before any server starts); a good option passes, and a missing
// key is left to Open.
func TestCheckRefusesOptionsWithNoServer(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "")
	plan := func(opts map[string]string) Plan {
		return Plan{Models: []ModelSpec{{Spec: "sim"}, {Spec: "anthropic:claude-x@http://127.0.0.1:1"}}, Options: opts, MaxTokens: 4096,
			Grid: Grid{Lengths: []int{16384}}, Cache: testCache}
	}
	err := Check(plan(map[string]string{"thinking_budget": "500"}))
	if err == nil || !strings.Contains(err.Error(), "--option thinking_budget=500") || !strings.Contains(err.Error(), "anthropic:claude-x") {
		t.Fatalf("want the refused option named, got %v", err)
	}
	if err := Check(plan(map[string]string{"thinking_budget": "2048"})); err != nil {
		t.Fatalf("a budget that fits must pass with no key set: %v", err)
	}
	vllm := Plan{Models: []ModelSpec{{Spec: "vllm:m@http://127.0.0.1:1/v1"}}, Options: map[string]string{"thinking_budget": "1"}, Cache: testCache}
	if err := Check(vllm); err == nil || !strings.Contains(err.Error(), "reasoning_effort") {
		t.Fatalf("thinking_budget on vLLM: %v", err)
	}
}
