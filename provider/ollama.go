package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"niah/results"
)

// ollamaKeepAlive keeps the model loaded between trials: a reload costs
// load time and throws away the prompt cache.
const ollamaKeepAlive = "30m"

// ollamaTopLevel are --option keys that belong beside "options", not in it.
var ollamaTopLevel = map[string]bool{"keep_alive": true, "think": true, "format": true}

// ollamaClient speaks Ollama's native /api/chat: the only route that can set
// num_ctx per request and refuse (not truncate) an oversized prompt.
type ollamaClient struct {
	spec        Spec
	c           *conn
	stream      bool
	contextHint int
}

func buildOllama(_ Registry, spec Spec, c *conn, opts Options) (Client, error) {
	return newOllama(spec, c, opts), nil
}

func newOllama(spec Spec, c *conn, opts Options) *ollamaClient {
	// the native API lives at the root; forgive a copied ".../v1" base
	c.base = rootURL(c.base)
	if c.secret != "" { // --api-key-env: ollama.com, or a server behind an authenticating proxy
		c.header.Set("Authorization", "Bearer "+c.secret)
	}
	return &ollamaClient{spec: spec, c: c, stream: opts.Stream, contextHint: opts.ContextHint}
}

func (o *ollamaClient) Spec() string { return o.spec.String() }

// body pins greedy sampling and no truncation. num_ctx comes from the run's
// ContextHint, constant for the whole run, since a change reloads the model.
func (o *ollamaClient) body(req Request) (map[string]any, error) {
	if err := noThinkingBudget(KindOllama, req.Options); err != nil {
		return nil, err
	}
	opts := map[string]any{"temperature": 0, "seed": req.Seed, "top_k": 1}
	if req.MaxTokens > 0 {
		opts["num_predict"] = req.MaxTokens
	}
	if o.contextHint > 0 {
		opts["num_ctx"] = o.contextHint
	}
	b := map[string]any{
		"model": o.spec.Model, "messages": req.Messages, "stream": o.stream,
		"truncate": false, "shift": false, "keep_alive": ollamaKeepAlive,
	}
	for k, v := range req.Options {
		if err := pinnedOption(k, "truncate", "shift"); err != nil {
			return nil, err
		}
		if err := streamOption(k); err != nil {
			return nil, err
		}
		if ollamaTopLevel[k] {
			setOption(b, k, v)
		} else {
			setOption(opts, k, v)
		}
	}
	b["options"] = opts
	return b, nil
}

// ollamaAnswer is a /api/chat answer or one NDJSON line of it.
type ollamaAnswer struct {
	Message struct {
		Content  string `json:"content"`
		Thinking string `json:"thinking"`
	} `json:"message"`
	Done            bool            `json:"done"`
	DoneReason      string          `json:"done_reason"`
	PromptEvalCount *int            `json:"prompt_eval_count"` // omitempty upstream: absent = unknown
	EvalCount       *int            `json:"eval_count"`
	CachedCount     *int            `json:"prompt_eval_cached_count"` // newer builds only
	PromptEvalNS    *int64          `json:"prompt_eval_duration"`     // nanoseconds
	Error           json.RawMessage `json:"error"`
}

func (a *ollamaAnswer) into(resp *Response) {
	resp.FinishReason = a.DoneReason
	resp.PromptTokens, resp.CompletionTokens, resp.CachedTokens = a.PromptEvalCount, a.EvalCount, a.CachedCount
	if a.PromptEvalNS != nil {
		// v0.17.4 reports no cached count: prefix reuse shows only here
		ms := float64(*a.PromptEvalNS) / 1e6
		resp.PrefillMS = &ms
	}
}

// Complete sends one request with retries.
func (o *ollamaClient) Complete(ctx context.Context, req Request) (Response, error) {
	body, err := o.body(req)
	if err != nil {
		return Response{}, err
	}
	return o.c.withRetries(ctx, func(actx context.Context) (Response, *Error) {
		if o.stream {
			return o.completeStream(actx, body)
		}
		return o.completeOnce(actx, body)
	})
}

func (o *ollamaClient) completeOnce(ctx context.Context, body map[string]any) (Response, *Error) {
	r, e := o.c.send(ctx, "POST", "/api/chat", body)
	resp := o.c.response(r)
	if e != nil {
		return resp, e
	}
	var a ollamaAnswer
	if err := json.Unmarshal(r.body, &a); err != nil {
		return resp, o.c.badJSON(r, "/api/chat", err)
	}
	if hasValue(a.Error) {
		return resp, o.c.embedded(r.status, a.Error)
	}
	resp.Answer, resp.Reasoning = a.Message.Content, a.Message.Thinking
	if !a.Done {
		// Ollama's repetition abort: HTTP 200, the partial text, done:false,
		// no counts (llm/server.go "token repeat limit").
		resp.FinishReason = results.FinishRepetitionAbort
		return resp, nil
	}
	a.into(&resp)
	return resp, nil
}

// completeStream reads NDJSON: one object per line, the last with done:true
// and the counts; an error after HTTP 200 comes as a {"error":...} line.
func (o *ollamaClient) completeStream(ctx context.Context, body map[string]any) (Response, *Error) {
	httpResp, r, e := o.c.start(ctx, "POST", "/api/chat", body)
	if e != nil {
		return o.c.response(r), e
	}
	defer httpResp.Body.Close()
	resp := Response{HTTPStatus: r.status}
	var lines []json.RawMessage
	var rawKept int
	var answer, thinking streamText
	done := false
	e = o.c.eachLine(ctx, httpResp.Body, func(line []byte) (bool, *Error) {
		lines = keepRaw(lines, &rawKept, o.c.rawJSON(line))
		var a ollamaAnswer
		if err := json.Unmarshal(line, &a); err != nil {
			return true, o.c.fail(results.ReasonBadResponse, r.status, "stream line is not JSON (%s): %s", oneLine(err.Error()), oneLine(string(line)))
		}
		if hasValue(a.Error) {
			return true, o.c.embedded(r.status, a.Error)
		}
		answer.WriteString(a.Message.Content)
		thinking.WriteString(a.Message.Thinking)
		if a.Done {
			a.into(&resp)
			done = true
		}
		return a.Done, nil
	})
	resp.Latency = time.Since(r.began)
	resp.Raw, _ = json.Marshal(lines)
	resp.Answer, resp.Reasoning = answer.String(), thinking.String()
	if e == nil && !done {
		// The server closed the stream cleanly before done:true: Ollama's
		// repetition abort (a dropped connection is a transport error).
		resp.FinishReason = results.FinishRepetitionAbort
	}
	return resp, e
}

// Info reads /api/version, /api/show (trained context, Modelfile num_ctx)
// and /api/ps (the context the loaded model really has).
func (o *ollamaClient) Info(ctx context.Context) (ServerInfo, error) {
	info := ServerInfo{Kind: KindOllama, Model: o.spec.Model, Extra: map[string]string{}}
	var v struct {
		Version string `json:"version"`
	}
	if _, e := o.c.probe(ctx, "GET", "/api/version", nil, &v); e != nil {
		return info, e
	}
	info.Version = v.Version
	var show struct {
		Parameters string         `json:"parameters"`
		ModelInfo  map[string]any `json:"model_info"`
	}
	if _, e := o.c.probe(ctx, "POST", "/api/show", map[string]any{"model": o.spec.Model}, &show); e != nil {
		if e.HTTPStatus == 404 {
			e.Message += " (pull it first: ollama pull " + o.spec.Model + ")"
		}
		return info, e
	}
	arch, _ := show.ModelInfo["general.architecture"].(string)
	if n, ok := show.ModelInfo[arch+".context_length"].(float64); ok && arch != "" {
		info.ContextLength, info.ContextSource = int(n), "api/show model_info."+arch+".context_length"
	}
	info.Rope = ropeFacts(show.ModelInfo, arch)
	if n := modelfileNumCtx(show.Parameters); n > 0 {
		info.Extra["modelfile_num_ctx"] = strconv.Itoa(n)
	}
	if o.contextHint > 0 {
		info.Extra["num_ctx"] = strconv.Itoa(o.contextHint)
		if info.ContextLength > 0 && o.contextHint > info.ContextLength {
			info.Extra["warning"] = "num_ctx " + strconv.Itoa(o.contextHint) +
				" exceeds the model's trained context; Ollama caps it there silently"
		}
	}
	var ps struct {
		Models []struct {
			Name          string `json:"name"`
			Model         string `json:"model"`
			ContextLength int    `json:"context_length"`
		} `json:"models"`
	}
	if _, e := o.c.probe(ctx, "GET", "/api/ps", nil, &ps); e == nil {
		want := ollamaTagged(o.spec.Model)
		for _, m := range ps.Models {
			if (ollamaTagged(m.Name) == want || ollamaTagged(m.Model) == want) && m.ContextLength > 0 {
				info.Extra["loaded_context_length"] = strconv.Itoa(m.ContextLength)
			}
		}
	}
	return info, nil
}

// ollamaTagged names a model as /api/ps lists it: a name without a tag
// ("qwen3", "me/model") is Ollama's ":latest".
func ollamaTagged(name string) string {
	if name != "" && !strings.Contains(name[strings.LastIndex(name, "/")+1:], ":") {
		return name + ":latest"
	}
	return name
}

// modelfileNumCtx finds "num_ctx N" in /api/show's parameters text.
func modelfileNumCtx(params string) int {
	for _, line := range strings.Split(params, "\n") {
		f := strings.Fields(line)
		if len(f) == 2 && f[0] == "num_ctx" {
			if n, err := strconv.Atoi(f[1]); err == nil {
				return n
			}
		}
	}
	return 0
}

// ropeFacts are the <arch>.rope.* keys of a model's GGUF metadata, by the
// rest of their name, as text; nil when there are none.
func ropeFacts(modelInfo map[string]any, arch string) map[string]string {
	if arch == "" {
		return nil
	}
	prefix := arch + ".rope."
	var out map[string]string
	for k, v := range modelInfo {
		name, ok := strings.CutPrefix(k, prefix)
		if !ok {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		switch x := v.(type) {
		case float64:
			out[name] = strconv.FormatFloat(x, 'g', -1, 64)
		case string:
			out[name] = x
		default:
			out[name] = fmt.Sprint(x)
		}
	}
	return out
}
