package provider

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"

	"niah/results"
)

const anthropicVersion = "2023-06-01"

// anthropicDefaultMaxTokens is sent when the caller gave none: the API
// requires max_tokens on every request.
const anthropicDefaultMaxTokens = 1024

// anthropicClient speaks the Messages API: a whole answer, or server-sent
// events with --stream.
type anthropicClient struct {
	spec   Spec
	c      *conn
	stream bool
	query  string // "?beta=true" with a beta, as the SDK's beta endpoints send
}

func buildAnthropic(_ Registry, spec Spec, c *conn, opts Options) (Client, error) {
	return newAnthropic(spec, c, opts), nil
}

func newAnthropic(spec Spec, c *conn, opts Options) *anthropicClient {
	c.base = rootURL(c.base) // paths carry /v1 themselves
	c.header.Set("anthropic-version", anthropicVersion)
	if c.secret != "" {
		c.header.Set("x-api-key", c.secret)
	}
	a := &anthropicClient{spec: spec, c: c, stream: opts.Stream}
	if beta := anthropicBeta(opts.RequestOptions); beta != "" {
		// Every request of the run carries the beta: the model's limits
		// (max_input_tokens) and its token counts may differ with it, as
		// with the 1M-context beta.
		c.header.Set("anthropic-beta", beta)
		a.query = "?beta=true"
	}
	return a
}

// anthropicBeta is the run's --option anthropic-beta=..., "" for none.
func anthropicBeta(opts map[string]string) string {
	for k, v := range opts {
		if strings.EqualFold(k, "anthropic-beta") {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func (a *anthropicClient) Spec() string { return a.spec.String() }

// splitSystem moves system messages to the top-level "system" field: the
// Messages API refuses a "system" role.
func splitSystem(msgs []results.Message) (system string, rest []results.Message) {
	var sys []string
	for _, m := range msgs {
		if m.Role == "system" {
			sys = append(sys, m.Content)
		} else {
			rest = append(rest, m)
		}
	}
	return strings.Join(sys, "\n\n"), rest
}

// body pins temperature 0 (the API has no seed). An "anthropic-beta"
// option becomes that header, e.g. for 1M context on older models (the
// run's own is on every request already: see newAnthropic);
// thinking_budget turns on extended thinking (see anthropicThinking).
func (a *anthropicClient) body(req Request) (map[string]any, *conn, error) {
	system, msgs := splitSystem(req.Messages)
	maxTokens := req.MaxTokens
	if maxTokens <= 0 {
		maxTokens = anthropicDefaultMaxTokens
	}
	b := map[string]any{"model": a.spec.Model, "max_tokens": maxTokens, "messages": msgs, "temperature": 0}
	if a.stream {
		b["stream"] = true
	}
	if system != "" {
		b["system"] = system
	}
	c := a.c
	for k, v := range req.Options {
		if err := streamOption(k); err != nil {
			return nil, nil, err
		}
		if strings.EqualFold(k, "anthropic-beta") {
			c = c.at(c.base)
			c.header = c.header.Clone()
			c.header.Set("anthropic-beta", v)
			continue
		}
		if k != thinkingBudgetOption {
			setOption(b, k, v)
		}
	}
	if err := anthropicThinking(b, req.Options); err != nil {
		return nil, nil, err
	}
	return b, c, nil
}

type anthropicAnswer struct {
	Type    string `json:"type"`
	Content []struct {
		Type     string `json:"type"`
		Text     string `json:"text"`
		Thinking string `json:"thinking"`
	} `json:"content"`
	StopReason string          `json:"stop_reason"`
	Usage      *anthropicUsage `json:"usage"`
	Error      json.RawMessage `json:"error"`
}

// Complete sends one request with retries.
func (a *anthropicClient) Complete(ctx context.Context, req Request) (Response, error) {
	body, c, err := a.body(req)
	if err != nil {
		return Response{}, err
	}
	return c.withRetries(ctx, func(actx context.Context) (Response, *Error) {
		if a.stream {
			return completeAnthropicStream(actx, c, "/v1/messages"+a.query, body)
		}
		r, e := c.send(actx, "POST", "/v1/messages"+a.query, body)
		resp := c.response(r)
		if e != nil {
			return resp, e
		}
		var ans anthropicAnswer
		if err := json.Unmarshal(r.body, &ans); err != nil {
			return resp, c.badJSON(r, "/v1/messages", err)
		}
		if hasValue(ans.Error) || ans.Type == "error" {
			return resp, anthropicError(c, r.status, r.body)
		}
		if ans.Type != "message" {
			return resp, c.fail(results.ReasonBadResponse, r.status, "/v1/messages: not a message: %s", oneLine(string(r.body)))
		}
		var text, thinking strings.Builder
		for _, blk := range ans.Content {
			switch blk.Type {
			case "text":
				text.WriteString(blk.Text)
			case "thinking":
				thinking.WriteString(blk.Thinking)
			}
		}
		resp.Answer, resp.Reasoning, resp.FinishReason = text.String(), thinking.String(), ans.StopReason
		resp.Refusal = anthropicRefusal(ans.StopReason)
		if ans.Usage != nil {
			ans.Usage.fill(&resp)
		}
		return resp, nil
	})
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// Info reads GET /v1/models/{id}: max_input_tokens is the context window.
func (a *anthropicClient) Info(ctx context.Context) (ServerInfo, error) {
	info := ServerInfo{Kind: KindAnthropic, Model: a.spec.Model, HasTokenizer: true, Extra: map[string]string{}}
	var m struct {
		ID             string `json:"id"`
		MaxInputTokens int    `json:"max_input_tokens"`
		MaxTokens      int    `json:"max_tokens"`
	}
	if _, e := a.c.probe(ctx, "GET", "/v1/models/"+url.PathEscape(a.spec.Model)+a.query, nil, &m); e != nil {
		return info, e
	}
	if m.MaxInputTokens > 0 {
		info.ContextLength, info.ContextSource = m.MaxInputTokens, "models.max_input_tokens"
	}
	if m.MaxTokens > 0 {
		info.Extra["max_tokens"] = strconv.Itoa(m.MaxTokens)
	}
	return info, nil
}

// CountTokens uses /v1/messages/count_tokens on text as one user message;
// the count includes the message framing (a few tokens).
func (a *anthropicClient) CountTokens(ctx context.Context, text string) (int, error) {
	var out struct {
		InputTokens *int `json:"input_tokens"`
	}
	body := map[string]any{"model": a.spec.Model, "messages": []results.Message{{Role: "user", Content: text}}}
	if err := a.c.call(ctx, "POST", "/v1/messages/count_tokens"+a.query, body, &out); err != nil {
		return 0, err
	}
	if out.InputTokens == nil {
		return 0, a.c.fail(results.ReasonBadResponse, 200, "/v1/messages/count_tokens answer has no input_tokens")
	}
	return *out.InputTokens, nil
}
