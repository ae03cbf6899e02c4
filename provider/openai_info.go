package provider

import (
	"context"
	"fmt"
	"math"
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
// unreachable server fails here, fast), then asks the server whether it is
// each kind whose dialect can tell, starting with what the models list
// suggests: an alias that points at a different server still gets that
// server's facts.
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
	if o.hosted() {
		return info, o.checkListed(e == nil, found, list.Data) // never probe odd paths on a hosted API
	}
	if entry.Meta != nil {
		info.Extra["n_ctx_train"] = strconv.Itoa(entry.Meta.NCtxTrain)
	}
	guess := alias
	for _, p := range o.reg {
		if p.dialect != nil && p.dialect.claims != nil && p.dialect.claims(entry, alias) {
			guess = p.Name
			break
		}
	}
	kinds := []Kind{guess, alias}
	for _, p := range o.reg {
		if p.dialect != nil && p.dialect.detect != nil {
			kinds = append(kinds, p.Name)
		}
	}
	for _, kind := range uniq(kinds...) {
		d := o.reg.dialectOf(kind)
		if d.detect == nil || !d.detect(ctx, &detection{o: o, kind: kind, entry: entry, info: &info}) {
			continue
		}
		info.HasTokenizer = info.HasTokenizer || d.tokenize != nil
		if kind != alias {
			info.Extra["kind_note"] = fmt.Sprintf("the spec says %s but the server answers as %s", alias, info.Kind)
			o.setServerKind(info.Kind)
		}
		break
	}
	if o.reg.dialectOf(info.Kind).listsAll {
		if err := o.checkListed(e == nil, found, list.Data); err != nil {
			return info, err
		}
	}
	return info, nil
}

// hosted: the spec's URL is a hosted API's own (OpenAI's), which answers
// only its documented paths.
func (o *openAIClient) hosted() bool {
	for _, p := range o.reg {
		if p.dialect != nil && p.KeyEnv != "" && o.spec.BaseURL == p.DefaultURL {
			return true
		}
	}
	return false
}

// detection is one question to a server: is it this kind? A dialect's
// detect answers it and fills info.
type detection struct {
	o     *openAIClient
	kind  Kind
	entry oaiModel // the model's /models entry; zero when it has none
	info  *ServerInfo
}

// endpoint is a kind's own JSON document at the server's root and the
// fields niah reads from it (dotted paths).
type endpoint struct {
	path    string   // GET, at the root
	context string   // the context length: the server is this kind when it holds a positive number
	version string   // the server's version, if any
	slots   string   // how many slots the context is split into, if any
	extra   []string // further fields kept as text in ServerInfo.Extra
}

func (ep endpoint) detect(ctx context.Context, d *detection) bool {
	var doc map[string]any
	if _, e := d.o.root().probe(ctx, "GET", ep.path, nil, &doc); e != nil {
		return false
	}
	n, ok := field(doc, ep.context).(float64)
	if !ok || n <= 0 || n != math.Trunc(n) {
		return false
	}
	d.info.Kind = d.kind
	d.info.ContextLength, d.info.ContextSource = int(n), strings.TrimPrefix(ep.path, "/")+"."+ep.context
	if v, ok := field(doc, ep.version).(string); ok {
		d.info.Version = v
	}
	if s, ok := field(doc, ep.slots).(float64); ok && s > 0 && s == math.Trunc(s) {
		d.info.TotalSlots = int(s)
	}
	for _, k := range ep.extra {
		switch v := field(doc, k).(type) {
		case string:
			d.info.Extra[k] = v
		case float64:
			d.info.Extra[k] = strconv.FormatFloat(v, 'f', -1, 64)
		}
	}
	return true
}

// field is the value at a dotted path of a decoded JSON document; nil
// when the path is empty or absent.
func field(doc map[string]any, path string) any {
	if path == "" {
		return nil
	}
	var v any = doc
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// detectMaxModelLen: vLLM and SGLang say the context in the model's
// /models entry (max_model_len) and their version at /version.
func detectMaxModelLen(ctx context.Context, d *detection) bool {
	if d.entry.MaxModelLen == 0 {
		return false
	}
	d.info.Kind = d.kind
	d.info.ContextLength, d.info.ContextSource = d.entry.MaxModelLen, "models.max_model_len"
	var v struct {
		Version string `json:"version"`
	}
	if _, e := d.o.root().probe(ctx, "GET", "/version", nil, &v); e == nil {
		d.info.Version = v.Version
	}
	return true
}

// detectOllama asks the native API: no /api/version, no Ollama.
func detectOllama(ctx context.Context, d *detection) bool {
	oc := d.o.nativeOllama()
	oi, err := oc.Info(ctx) // asks /api/version first
	if oi.Version == "" {
		return false
	}
	if err != nil { // Ollama, but /api/show failed: keep what /models said
		d.info.Kind, d.info.Version = KindOllama, oi.Version
		return true
	}
	oi.Extra["warning"] = "Ollama's OpenAI-compatible API cannot set num_ctx and truncates long prompts silently; use --model ollama:" + d.o.spec.Model
	*d.info = oi
	return true
}

// detectLMStudio reads LM Studio's own model list: the context the model
// is loaded with, or the most it can load with.
func detectLMStudio(ctx context.Context, d *detection) bool {
	var list struct {
		Data []struct {
			ID            string `json:"id"`
			State         string `json:"state"`
			MaxContext    int    `json:"max_context_length"`
			LoadedContext int    `json:"loaded_context_length"`
		} `json:"data"`
	}
	if _, e := d.o.root().probe(ctx, "GET", "/api/v0/models", nil, &list); e != nil || len(list.Data) == 0 {
		return false
	}
	info := d.info
	info.Kind = d.kind
	for _, m := range list.Data {
		if m.ID != d.o.spec.Model {
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

func uniq(items ...Kind) []Kind {
	seen := map[Kind]bool{}
	var out []Kind
	for _, s := range items {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
