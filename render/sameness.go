package render

import (
	"fmt"
	"strconv"
	"strings"

	"niah/results"
	"niah/stats"
	"niah/units"
)

// samenessLines say when a setting may not have reached the model (every
// answer byte-identical, the servers reporting the same facts), or
// changed the words but no score.
func samenessLines(s stats.Sameness, ia, ib *results.ModelInfo) []string {
	switch {
	case s.Identical():
		facts := stats.FactsOf(ia, ib)
		head := fmt.Sprintf("the answers are byte-identical in all %d shared trials", s.Matched)
		if differ := stats.FactsDiffer(facts); len(differ) > 0 {
			return []string{head + fmt.Sprintf(", though the servers reported different facts (%s): the setting reached the server and changed no answer",
				factList(differ))}
		}
		known := "both servers reported the same facts (" + factList(facts) + ")"
		switch {
		case ia == nil && ib == nil:
			known = "no manifest records what the servers reported"
		case ia == nil || ib == nil:
			known = "only one run's manifest records what its server reported"
		}
		return []string{head + " and " + known + ": the setting may not have reached the model; " + checkHint(ia, ib)}
	case s.WordsOnly():
		return []string{fmt.Sprintf("the answers differ in %d of %d shared trials but every score is the same: the setting changed the words, not what was retrieved",
			s.Matched-s.SameAnswer, s.Matched)}
	}
	return nil
}

// factList writes facts as "context 2K vs 4K" when they differ, "ollama
// 0.17.4, context 2K" when they agree.
func factList(fs []stats.Fact) string {
	var parts []string
	for _, f := range fs {
		a, b := factValue(f.Name, f.A), factValue(f.Name, f.B)
		switch {
		case f.A != f.B:
			parts = append(parts, fmt.Sprintf("%s %s vs %s", f.Name, a, b))
		case f.Name == "context source":
		default:
			parts = append(parts, f.Name+" "+a)
		}
	}
	return strings.Join(parts, ", ")
}

func factValue(name, v string) string {
	if v == "" {
		return "unreported"
	}
	if name == "context" {
		if n, err := strconv.Atoi(v); err == nil {
			return units.FormatLength(n)
		}
	}
	return v
}

// checkHint names where each kind of server says which settings it
// applied.
func checkHint(ia, ib *results.ModelInfo) string {
	kind := ""
	for _, mi := range []*results.ModelInfo{ia, ib} {
		if mi != nil && mi.Kind != "" {
			kind = mi.Kind
			break
		}
	}
	switch kind {
	case "ollama":
		return `check what Ollama applied: its log's "server config" line (OLLAMA_KV_CACHE_TYPE, OLLAMA_FLASH_ATTENTION) and the runner's ` +
			`"load request" (KvCacheType, FlashAttention, KvSize) and llama_kv_cache lines, the context ` + "`ollama ps`" + ` shows, ` +
			"and the model's rope fields in /api/show (Ollama takes no RoPE flag: RoPE scaling comes from the GGUF)"
	case "llamacpp":
		return "check what llama-server applied: its start-up log's rope lines (rope scaling, n_ctx_orig_yarn; freq_base, freq_scale, " +
			"flash_attn and the KV cache types of llama_context), /props (n_ctx per slot) and /v1/models (meta.n_ctx_train); " +
			"a YaRN flag it ignored leaves freq_scale at the model's own"
	case "vllm", "sglang":
		return "check what the server applied: the rope_scaling (or rope_parameters) and max_model_len in its start-up log, and max_model_len in /v1/models"
	case "sim":
		return "the simulation reads only the options truncate, shape and boundary"
	}
	return "check the settings the server reports it applied (its start-up log, its info endpoint)"
}
