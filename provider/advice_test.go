package provider

import (
	"strings"
	"testing"

	"niah/results"
)

// The advice after cut trials is the server's own: llama-server's names
// its slots (and wins in a run that has both), Ollama's names num_ctx,
// any other server gets the general one.
func TestTruncatedAdviceFollowsTheRunsServers(t *testing.T) {
	llama := results.ModelInfo{Kind: string(KindLlamaCpp), TotalSlots: 4}
	ollama := results.ModelInfo{Kind: string(KindOllama)}
	vllm := results.ModelInfo{Kind: string(KindVLLM)}
	for _, c := range []struct {
		models    []results.ModelInfo
		want, not string
	}{
		{[]results.ModelInfo{ollama, llama}, "(this server has 4 slots: -np 4)", "num_ctx"},
		{[]results.ModelInfo{{Kind: string(KindLlamaCpp), TotalSlots: 1}}, "--no-context-shift", "slots: -np"},
		{[]results.ModelInfo{vllm, ollama}, "raise num_ctx (--option num_ctx=N)", "llama-server"},
		{[]results.ModelInfo{vllm}, "vLLM --max-model-len", "num_ctx"},
		{nil, "start it with a larger context", "num_ctx"},
	} {
		got := TruncatedAdvice(c.models)
		if !strings.Contains(got, c.want) || strings.Contains(got, c.not) {
			t.Errorf("%v: %q, want %q and not %q", c.models, got, c.want, c.not)
		}
	}
}

// What a probe says about a server that cut: llama-server's context shift
// by name; Ollama's fix for Ollama and for an OpenAI-compatible server
// that cut at Ollama's default 4096.
func TestCutKnowledgePerKind(t *testing.T) {
	if m := CutMechanism(KindLlamaCpp); !strings.Contains(m, "context shift") {
		t.Errorf("llama.cpp mechanism %q", m)
	}
	if m := CutMechanism(KindVLLM); m != "" {
		t.Errorf("vLLM mechanism %q, want none", m)
	}
	for _, c := range []struct {
		kind  Kind
		limit int
		want  string
	}{
		{KindOllama, 8192, "ollama:MODEL"},
		{KindOpenAI, 4096, "ollama:MODEL"},
		{KindOpenAI, 8192, "start the server with a larger context"},
		{KindLlamaCpp, 4096, "start llama-server with a larger -c"},
		{KindTGI, 4096, "start the server with a larger context"},
	} {
		if got := CutFix(c.kind, c.limit); !strings.Contains(got, c.want) {
			t.Errorf("CutFix(%s, %d) = %q, want %q", c.kind, c.limit, got, c.want)
		}
	}
	if SlotsNote(ServerInfo{}) != "" || !strings.HasPrefix(SlotsNote(ServerInfo{TotalSlots: 2, ContextLength: 4096}), "2 (total_slots): the context is per slot, 4096 tokens each of 8192 in all") {
		t.Errorf("slots notes %q / %q", SlotsNote(ServerInfo{}), SlotsNote(ServerInfo{TotalSlots: 2, ContextLength: 4096}))
	}
}

// Each kind that shows its applied settings somewhere is sent there; a
// kind with nothing of its own, and an unknown one, get the general line.
func TestSettingsHintNamesWhereEachServerShowsIt(t *testing.T) {
	for kind, want := range map[Kind]string{
		KindOllama:   `"load request" (KvCacheType, FlashAttention, KvSize)`,
		KindLlamaCpp: "/props (n_ctx per slot)",
		KindVLLM:     "max_model_len in /v1/models",
		KindSGLang:   "max_model_len in /v1/models",
		KindSim:      "the simulation reads only the options",
		KindOpenAI:   "check the settings the server reports it applied",
		"no-such":    "check the settings the server reports it applied",
	} {
		if got := SettingsHint(string(kind)); !strings.Contains(got, want) {
			t.Errorf("%s: %q lacks %q", kind, got, want)
		}
	}
}
