package provider

import (
	"fmt"

	"niah/results"
)

// What servers do with a prompt longer than their context, and what to
// change about it: the knowledge behind the advice niah run and niah
// probe print. A kind with nothing of its own gets the general advice.

// TruncatedAdvice says what to change when trials of a run on models
// were cut to fit a context window.
func TruncatedAdvice(models []results.ModelInfo) string {
	kinds := map[Kind]bool{}
	slots := 0 // the most slots a llama-server of the run splits its context into
	for _, m := range models {
		kinds[Kind(m.Kind)] = true
		if Kind(m.Kind) == KindLlamaCpp {
			slots = max(slots, m.TotalSlots)
		}
	}
	switch {
	case kinds[KindLlamaCpp]:
		return llamaCutAdvice(slots)
	case kinds[KindOllama]:
		return "the server cut the prompt; raise num_ctx (--option num_ctx=N) and use the native ollama: provider, not Ollama's /v1 API (it cannot set num_ctx)"
	}
	return "the server cut the prompt to fit its context window; start it with a larger context (llama.cpp -c, vLLM --max-model-len, LM Studio context length) or test shorter lengths"
}

// llamaCutAdvice: llama-server cuts with its context shift (on by
// default), and its context is per slot: -c is divided by -np.
func llamaCutAdvice(slots int) string {
	a := "llama-server cut the prompt (context shift, on by default, keeps the end); its context is per slot, -c divided by -np: " +
		"start it with -np 1 and a larger -c, or with --no-context-shift to have over-long prompts rejected instead"
	if slots > 1 {
		a += fmt.Sprintf(" (this server has %d slots: -np %d)", slots, slots)
	}
	return a
}

// CutMechanism says why a server of kind cut a prompt just above its
// context, as a probe saw it do; "" when niah knows no more.
func CutMechanism(kind Kind) string {
	if kind == KindLlamaCpp {
		return "This is llama-server's context shift (on by default): it keeps the end of an over-long prompt, about half the context. " +
			"Start it with --no-context-shift to have such prompts rejected (HTTP 400) instead."
	}
	return ""
}

// CutFix says what to change when a probe saw a server of kind cut
// prompts silently to limit tokens.
func CutFix(kind Kind, limit int) string {
	switch {
	case kind == KindOllama || kind == KindOpenAI && limit == ollamaDefaultContext:
		return "on Ollama use the native provider (ollama:MODEL), which sets num_ctx and sends truncate:false; its /v1 API cannot set num_ctx"
	case kind == KindLlamaCpp:
		return "start llama-server with a larger -c (and -np 1: each of its slots gets -c divided by -np), or --no-context-shift to have over-long prompts rejected"
	}
	return "start the server with a larger context, or test only lengths below the limit"
}

// ollamaDefaultContext is Ollama's default num_ctx (v0.6.7 on, and on
// small GPUs since v0.15.5), which its /v1 API cannot change: an
// OpenAI-compatible server that cuts there is most likely Ollama's /v1.
const ollamaDefaultContext = 4096

// SlotsNote says how many slots the server splits its context into; ""
// when it does not say. llama-server's n_ctx is per slot: -np 4 -c 8192
// gives each request 2,048 tokens.
func SlotsNote(info ServerInfo) string {
	switch n := info.TotalSlots; {
	case n <= 0:
		return ""
	case n == 1:
		return "1 (total_slots): one request at a time gets the whole context"
	}
	return fmt.Sprintf("%d (total_slots): the context is per slot, %d tokens each of %d in all; start llama-server with -np 1 to give one slot the whole -c",
		info.TotalSlots, info.ContextLength, info.TotalSlots*info.ContextLength)
}

// SettingsHint says where a kind of server shows which settings it
// applied: for a comparison whose answers did not change at all, where
// the setting may never have reached the model.
func SettingsHint(kind string) string {
	switch Kind(kind) {
	case KindOllama:
		return `check what Ollama applied: its log's "server config" line (OLLAMA_KV_CACHE_TYPE, OLLAMA_FLASH_ATTENTION) and the runner's ` +
			`"load request" (KvCacheType, FlashAttention, KvSize) and llama_kv_cache lines, the context ` + "`ollama ps`" + ` shows, ` +
			"and the model's rope fields in /api/show (Ollama takes no RoPE flag: RoPE scaling comes from the GGUF)"
	case KindLlamaCpp:
		return "check what llama-server applied: its start-up log's rope lines (rope scaling, n_ctx_orig_yarn; freq_base, freq_scale, " +
			"flash_attn and the KV cache types of llama_context), /props (n_ctx per slot) and /v1/models (meta.n_ctx_train); " +
			"a YaRN flag it ignored leaves freq_scale at the model's own"
	case KindVLLM, KindSGLang:
		return "check what the server applied: the rope_scaling (or rope_parameters) and max_model_len in its start-up log, and max_model_len in /v1/models"
	case KindSim:
		return "the simulation reads only the options truncate, shape and boundary"
	}
	return "check the settings the server reports it applied (its start-up log, its info endpoint)"
}
