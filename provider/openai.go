package provider

import (
	"context"
	"encoding/json"
	"strings"
	"sync"

	"niah/results"
)

// openAIClient speaks OpenAI chat completions (or plain completions) to
// OpenAI itself and to the compatible servers: vLLM, llama.cpp, SGLang,
// LM Studio, TGI. What differs between them is their dialect, a column
// of the registry.
type openAIClient struct {
	spec        Spec
	c           *conn
	reg         Registry // where a detected kind's dialect is looked up
	stream      bool
	completions bool // POST /completions with one prompt string

	mu      sync.Mutex
	kind    Kind     // the server's kind: the alias until Info learns better
	dialect *dialect // kind's dialect
}

// openAICounting is an openAIClient whose server has a /tokenize endpoint.
type openAICounting struct{ *openAIClient }

func buildOpenAI(reg Registry, spec Spec, c *conn, opts Options) (Client, error) {
	return newOpenAI(reg, spec, c, opts), nil
}

func newOpenAI(reg Registry, spec Spec, c *conn, opts Options) Client {
	own := reg.dialectOf(spec.Provider)
	kind := spec.Provider
	if own.reportsAs != "" {
		kind = own.reportsAs
	}
	if c.secret != "" {
		c.header.Set("Authorization", "Bearer "+c.secret)
	}
	o := &openAIClient{spec: spec, c: c, reg: reg, stream: opts.Stream, completions: own.completions}
	o.setServerKind(kind)
	if o.dialect.tokenize != nil {
		return &openAICounting{o}
	}
	return o
}

func (o *openAIClient) Spec() string { return o.spec.String() }

// server is the server's kind and its dialect, as far as the client knows.
func (o *openAIClient) server() (Kind, *dialect) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.kind, o.dialect
}

func (o *openAIClient) serverKind() Kind {
	k, _ := o.server()
	return k
}

func (o *openAIClient) serverDialect() *dialect {
	_, d := o.server()
	return d
}

func (o *openAIClient) setServerKind(kind Kind) {
	d := o.reg.dialectOf(kind)
	o.mu.Lock()
	o.kind, o.dialect = kind, d // messages keep naming the alias: the user typed it
	o.mu.Unlock()
}

// body builds the exact request: greedy sampling pinned, the server's
// dialect's extras, then the user's --option fields on top.
func (o *openAIClient) body(req Request) (map[string]any, error) {
	if err := noThinkingBudget(o.spec.Provider, req.Options); err != nil {
		return nil, err
	}
	b := map[string]any{"model": o.spec.Model, "temperature": 0, "seed": req.Seed, "stream": o.stream}
	if o.completions {
		b["prompt"] = joinMessages(req.Messages)
	} else {
		b["messages"] = req.Messages
	}
	if req.MaxTokens > 0 {
		b["max_tokens"] = req.MaxTokens
	}
	if d := o.serverDialect(); d.body != nil {
		d.body(b, o, req)
	}
	if o.stream {
		b["stream_options"] = map[string]any{"include_usage": true}
	}
	for k, v := range req.Options {
		if err := pinnedOption(k, "truncate_prompt_tokens", "truncate"); err != nil {
			return nil, err
		}
		if err := streamOption(k); err != nil {
			return nil, err
		}
		setOption(b, k, v)
	}
	if _, ok := req.Options["max_completion_tokens"]; ok {
		delete(b, "max_tokens") // servers refuse both at once
	}
	return b, nil
}

// joinMessages renders chat messages as one prompt for plain completions.
func joinMessages(msgs []results.Message) string {
	parts := make([]string, len(msgs))
	for i, m := range msgs {
		parts[i] = m.Content
	}
	return strings.Join(parts, "\n\n")
}

func (o *openAIClient) path() string {
	if o.completions {
		return "/completions"
	}
	return "/chat/completions"
}

// Complete sends one request with retries.
func (o *openAIClient) Complete(ctx context.Context, req Request) (Response, error) {
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

// oaiMessage is a message or a streamed delta.
type oaiMessage struct {
	Content          *string `json:"content"`
	ReasoningContent string  `json:"reasoning_content"` // llama.cpp, vLLM (older), DeepSeek
	Reasoning        string  `json:"reasoning"`         // vLLM (newer), Ollama /v1, LM Studio
}

type oaiAnswer struct {
	Choices []struct {
		Message      oaiMessage `json:"message"`
		Delta        oaiMessage `json:"delta"`
		Text         string     `json:"text"` // plain completions
		FinishReason *string    `json:"finish_reason"`
	} `json:"choices"`
	Usage *struct {
		PromptTokens        *int `json:"prompt_tokens"`
		CompletionTokens    *int `json:"completion_tokens"`
		PromptTokensDetails *struct {
			CachedTokens *int `json:"cached_tokens"`
		} `json:"prompt_tokens_details"`
	} `json:"usage"`
	Timings *struct {
		CacheN   *int     `json:"cache_n"`  // llama.cpp builds without prompt_tokens_details
		PromptN  *int     `json:"prompt_n"` // prompt tokens computed (all builds)
		PromptMS *float64 `json:"prompt_ms"`
	} `json:"timings"`
	Error json.RawMessage `json:"error"`
}

// absorbUsage copies the token counts; null stays nil ("unknown", not 0).
func (a *oaiAnswer) absorbUsage(resp *Response) {
	if a.Usage != nil {
		resp.PromptTokens = a.Usage.PromptTokens
		resp.CompletionTokens = a.Usage.CompletionTokens
		if d := a.Usage.PromptTokensDetails; d != nil && d.CachedTokens != nil {
			resp.CachedTokens = d.CachedTokens
		}
	}
	t := a.Timings
	if t == nil {
		return
	}
	if resp.CachedTokens == nil && t.CacheN != nil {
		resp.CachedTokens = t.CacheN
	}
	resp.ComputedTokens, resp.PrefillMS = t.PromptN, t.PromptMS
	if resp.CachedTokens == nil && t.PromptN != nil && resp.PromptTokens != nil && *resp.PromptTokens >= *t.PromptN {
		// builds with prompt_n but no cache_n: what was not computed was reused
		reused := *resp.PromptTokens - *t.PromptN
		resp.CachedTokens = &reused
	}
}

func (o *openAIClient) completeOnce(ctx context.Context, body map[string]any) (Response, *Error) {
	r, e := o.c.send(ctx, "POST", o.path(), body)
	resp := o.c.response(r)
	if e != nil {
		return resp, e
	}
	var a oaiAnswer
	if err := json.Unmarshal(r.body, &a); err != nil {
		return resp, o.c.badJSON(r, o.path(), err)
	}
	if hasValue(a.Error) {
		return resp, o.c.embedded(r.status, a.Error)
	}
	if len(a.Choices) == 0 {
		return resp, o.c.fail(results.ReasonBadResponse, r.status, "%s: answer has no choices: %s", o.path(), oneLine(string(r.body)))
	}
	ch := a.Choices[0]
	if ch.Message.Content != nil {
		resp.Answer = *ch.Message.Content
	} else {
		resp.Answer = ch.Text
	}
	resp.Reasoning = firstNonEmpty(ch.Message.ReasoningContent, ch.Message.Reasoning)
	if ch.FinishReason != nil {
		resp.FinishReason = *ch.FinishReason
	} else if o.serverDialect().abortsQuietly {
		// Ollama's /v1 after a repetition abort: no finish reason, usage 0.
		resp.FinishReason = results.FinishRepetitionAbort
	}
	a.absorbUsage(&resp)
	resp.Refusal = openAIRefusal(resp.FinishReason)
	return resp, nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
