package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"niah/results"
)

// rootURL strips a trailing /v1: the servers' own endpoints (/props,
// /tokenize, /info, /api/...) live at the root.
func rootURL(base string) string {
	if len(base) >= 3 && strings.EqualFold(base[len(base)-3:], "/v1") {
		return base[:len(base)-3]
	}
	return base
}

// at is a copy of c aimed at another base URL.
func (c *conn) at(base string) *conn {
	cp := *c
	cp.base = base
	return &cp
}

func (o *openAIClient) root() *conn { return o.c.at(rootURL(o.c.base)) }

// oaiModel is one /v1/models entry; vLLM and SGLang add max_model_len,
// llama.cpp adds meta.n_ctx_train.
type oaiModel struct {
	ID          string `json:"id"`
	OwnedBy     string `json:"owned_by"`
	MaxModelLen int    `json:"max_model_len"`
	Meta        *struct {
		NCtxTrain int `json:"n_ctx_train"`
	} `json:"meta"`
}

// Info asks GET /models first (every compatible server has it, so an
// unreachable server fails here, fast), then probes the server-specific
// endpoints, starting with what the models list suggests: an alias that
// points at a different server still gets that server's facts.
func (o *openAIClient) Info(ctx context.Context) (ServerInfo, error) {
	alias := o.serverKind()
	info := ServerInfo{Kind: alias, Model: o.spec.Model, Extra: map[string]string{}}
	var list struct {
		Data []oaiModel `json:"data"`
	}
	_, e := o.c.probe(ctx, "GET", "/models", nil, &list)
	if e != nil && (e.Reason == results.ReasonNetwork || e.Reason == results.ReasonTimeout || e.Reason == results.ReasonAuth) {
		return info, e
	}
	entry, found := findModel(list.Data, o.spec.Model)
	if openai, _ := Lookup("openai"); o.spec.BaseURL == openai.DefaultURL {
		return info, o.checkListed(e == nil, found, list.Data) // never probe odd paths on the hosted API
	}
	guess := alias
	switch {
	case entry.Meta != nil:
		guess = "llamacpp"
		info.Extra["n_ctx_train"] = strconv.Itoa(entry.Meta.NCtxTrain)
	case entry.MaxModelLen > 0 && (entry.OwnedBy == "sglang" || alias == "sglang"):
		guess = "sglang"
	case entry.MaxModelLen > 0:
		guess = "vllm"
	}
	for _, kind := range uniq(guess, alias, "llamacpp", "tgi", "lmstudio", "ollama", "vllm") {
		if o.probeKind(ctx, kind, entry, &info) {
			if kind != alias {
				info.Extra["kind_note"] = fmt.Sprintf("the spec says %s but the server answers as %s", alias, info.Kind)
				o.setServerKind(info.Kind)
			}
			break
		}
	}
	if info.Kind == "vllm" || info.Kind == "sglang" {
		if err := o.checkListed(e == nil, found, list.Data); err != nil {
			return info, err
		}
	}
	return info, nil
}

// probeKind tries one server kind's own endpoint; true if it answered as that kind.
func (o *openAIClient) probeKind(ctx context.Context, kind string, entry oaiModel, info *ServerInfo) bool {
	root := o.root()
	switch kind {
	case "llamacpp":
		var props struct {
			Settings struct {
				NCtx int `json:"n_ctx"`
			} `json:"default_generation_settings"`
			BuildInfo  string `json:"build_info"`
			TotalSlots int    `json:"total_slots"`
		}
		if _, e := root.probe(ctx, "GET", "/props", nil, &props); e != nil || props.Settings.NCtx == 0 {
			return false
		}
		info.Kind, info.Version, info.HasTokenizer = "llamacpp", props.BuildInfo, true
		info.ContextLength, info.ContextSource = props.Settings.NCtx, "props.default_generation_settings.n_ctx"
		info.Extra["total_slots"] = strconv.Itoa(props.TotalSlots)
	case "tgi":
		var ti struct {
			ModelID        string `json:"model_id"`
			MaxInputTokens int    `json:"max_input_tokens"`
			MaxTotalTokens int    `json:"max_total_tokens"`
			Version        string `json:"version"`
		}
		if _, e := root.probe(ctx, "GET", "/info", nil, &ti); e != nil || ti.MaxTotalTokens == 0 {
			return false
		}
		info.Kind, info.Version, info.HasTokenizer = "tgi", ti.Version, true
		info.ContextLength, info.ContextSource = ti.MaxTotalTokens, "info.max_total_tokens"
		info.Extra["max_input_tokens"] = strconv.Itoa(ti.MaxInputTokens)
		info.Extra["model_id"] = ti.ModelID
	case "lmstudio":
		return o.probeLMStudio(ctx, info)
	case "ollama":
		root.kind = "ollama"
		oc := o.nativeOllama()
		oi, err := oc.Info(ctx) // asks /api/version first: no version, no Ollama
		if oi.Version == "" {
			return false
		}
		if err != nil { // Ollama, but /api/show failed: keep what /models said
			info.Kind, info.Version = "ollama", oi.Version
			break
		}
		oi.Extra["warning"] = "Ollama's OpenAI-compatible API cannot set num_ctx and truncates long prompts silently; use --model ollama:" + o.spec.Model
		*info = oi
	case "vllm", "sglang":
		if entry.MaxModelLen == 0 {
			return false
		}
		info.Kind, info.HasTokenizer = kind, true
		info.ContextLength, info.ContextSource = entry.MaxModelLen, "models.max_model_len"
		var v struct {
			Version string `json:"version"`
		}
		if _, e := root.probe(ctx, "GET", "/version", nil, &v); e == nil {
			info.Version = v.Version
		}
	default:
		return false
	}
	return true
}

func (o *openAIClient) probeLMStudio(ctx context.Context, info *ServerInfo) bool {
	var list struct {
		Data []struct {
			ID            string `json:"id"`
			State         string `json:"state"`
			MaxContext    int    `json:"max_context_length"`
			LoadedContext int    `json:"loaded_context_length"`
		} `json:"data"`
	}
	if _, e := o.root().probe(ctx, "GET", "/api/v0/models", nil, &list); e != nil || len(list.Data) == 0 {
		return false
	}
	info.Kind = "lmstudio"
	for _, m := range list.Data {
		if m.ID != o.spec.Model {
			continue
		}
		info.Extra["max_context_length"] = strconv.Itoa(m.MaxContext)
		if m.LoadedContext > 0 {
			info.ContextLength, info.ContextSource = m.LoadedContext, "api/v0/models.loaded_context_length"
		} else {
			info.ContextLength, info.ContextSource = m.MaxContext, "api/v0/models.max_context_length"
			info.Extra["warning"] = "model not loaded: it will load with LM Studio's default context length, which may be smaller"
		}
	}
	return true
}

// checkListed fails fast when the server lists its models and ours is not among them.
func (o *openAIClient) checkListed(listed, found bool, models []oaiModel) error {
	if !listed || found || len(models) == 0 {
		return nil
	}
	ids := make([]string, 0, len(models))
	for _, m := range models {
		ids = append(ids, m.ID)
	}
	if len(ids) > 8 {
		ids = append(ids[:8], "…")
	}
	return o.c.fail(results.ReasonBadRequest, 0, "--model %s: model %q is not served here (it serves: %s)",
		o.spec, o.spec.Model, strings.Join(ids, ", "))
}

// findModel returns the entry for model, or the only entry when the server
// serves one model under another name (llama.cpp answers any name).
func findModel(models []oaiModel, model string) (oaiModel, bool) {
	for _, m := range models {
		if m.ID == model {
			return m, true
		}
	}
	if len(models) == 1 {
		return models[0], false
	}
	return oaiModel{}, false
}

func uniq(items ...string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range items {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// skipped is a JSON value that is counted, not kept: decoding a
// 1M-token /tokenize answer into []any costs 100 MB and 3x the time.
type skipped struct{}

func (*skipped) UnmarshalJSON([]byte) error { return nil }

// CountTokens asks the server's /tokenize for text's tokens, without
// special tokens, so the count is the text's own.
func (o *openAICounting) CountTokens(ctx context.Context, text string) (int, error) {
	root := o.root()
	switch kind := o.serverKind(); kind {
	case "llamacpp":
		var out struct {
			Tokens []skipped `json:"tokens"`
		}
		if err := root.call(ctx, "POST", "/tokenize", map[string]any{"content": text, "add_special": false}, &out); err != nil {
			return 0, err
		}
		if out.Tokens == nil { // absent or null; an empty text gives []
			return 0, root.fail(results.ReasonBadResponse, 200, "/tokenize answer has no tokens")
		}
		return len(out.Tokens), nil
	case "vllm", "sglang":
		var out struct {
			Count *int `json:"count"`
		}
		body := map[string]any{"model": o.spec.Model, "prompt": text, "add_special_tokens": false}
		if err := root.call(ctx, "POST", "/tokenize", body, &out); err != nil {
			return 0, err
		}
		if out.Count == nil {
			return 0, root.fail(results.ReasonBadResponse, 200, "/tokenize answer has no count")
		}
		return *out.Count, nil
	case "tgi":
		var out []skipped
		if err := root.call(ctx, "POST", "/tokenize", map[string]any{"inputs": text}, &out); err != nil {
			return 0, err
		}
		if out == nil {
			return 0, root.fail(results.ReasonBadResponse, 200, "/tokenize answer is null, not a token list")
		}
		return len(out), nil
	default:
		return 0, root.fail(results.ReasonBadRequest, 0, "this server has no tokenize endpoint")
	}
}
