package provider

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"niah/results"
)

// geminiTopLevel are --option keys that belong beside generationConfig.
var geminiTopLevel = map[string]bool{
	"safetySettings": true, "cachedContent": true, "tools": true, "toolConfig": true, "labels": true,
}

// geminiClient speaks generateContent, or streamGenerateContent with
// --stream. The key travels in a header, never in the URL, so no URL we
// print can leak it.
type geminiClient struct {
	spec   Spec
	c      *conn  // base URL ends in the API version
	res    string // the model's resource: models/NAME or tunedModels/NAME
	model  string // res without a "models/" prefix
	stream bool
}

func buildGemini(_ Registry, spec Spec, c *conn, opts Options) (Client, error) {
	g, err := newGemini(spec, c, opts)
	if err != nil {
		return nil, err
	}
	return g, nil
}

func newGemini(spec Spec, c *conn, opts Options) (*geminiClient, error) {
	res, err := geminiResource(spec)
	if err != nil {
		return nil, err
	}
	if c.base, err = geminiBase(spec); err != nil {
		return nil, err
	}
	if c.secret != "" {
		c.header.Set("x-goog-api-key", c.secret)
	}
	return &geminiClient{spec: spec, c: c, res: res, model: strings.TrimPrefix(res, "models/"), stream: opts.Stream}, nil
}

func (g *geminiClient) Spec() string { return g.spec.String() }

type geminiPart struct {
	Text    string `json:"text"`
	Thought bool   `json:"thought,omitempty"`
}

type geminiContent struct {
	Role  string       `json:"role,omitempty"`
	Parts []geminiPart `json:"parts"`
}

// contents maps chat messages to Gemini's roles: assistant is "model",
// system messages become systemInstruction.
func geminiContents(msgs []results.Message) (system *geminiContent, contents []geminiContent) {
	sys, rest := splitSystem(msgs)
	if sys != "" {
		system = &geminiContent{Parts: []geminiPart{{Text: sys}}}
	}
	for _, m := range rest {
		role := m.Role
		if role == "assistant" {
			role = "model"
		}
		contents = append(contents, geminiContent{Role: role, Parts: []geminiPart{{Text: m.Content}}})
	}
	return system, contents
}

// body pins temperature 0, seed and maxOutputTokens in generationConfig;
// user options go there too unless they are top-level request fields;
// thinking_budget becomes thinkingConfig.thinkingBudget.
func (g *geminiClient) body(req Request) (map[string]any, error) {
	cfg := map[string]any{"temperature": 0, "seed": req.Seed}
	if req.MaxTokens > 0 {
		cfg["maxOutputTokens"] = req.MaxTokens
	}
	system, contents := geminiContents(req.Messages)
	b := map[string]any{"contents": contents}
	if system != nil {
		b["systemInstruction"] = system
	}
	for k, v := range req.Options {
		if err := streamOption(k); err != nil {
			return nil, err
		}
		switch {
		case k == thinkingBudgetOption:
		case geminiTopLevel[k]:
			setOption(b, k, v)
		default:
			setOption(cfg, k, v)
		}
	}
	if err := geminiThinking(cfg, req.Options); err != nil {
		return nil, err
	}
	b["generationConfig"] = cfg
	return b, nil
}

type geminiAnswer struct {
	Candidates []struct {
		Content      geminiContent `json:"content"`
		FinishReason string        `json:"finishReason"`
	} `json:"candidates"`
	PromptFeedback *struct {
		BlockReason string `json:"blockReason"`
	} `json:"promptFeedback"`
	UsageMetadata *struct {
		PromptTokenCount        *int `json:"promptTokenCount"` // includes cached tokens
		CachedContentTokenCount *int `json:"cachedContentTokenCount"`
		CandidatesTokenCount    *int `json:"candidatesTokenCount"`
		ThoughtsTokenCount      *int `json:"thoughtsTokenCount"`
	} `json:"usageMetadata"`
	Error json.RawMessage `json:"error"`
}

// Complete sends one request with retries.
func (g *geminiClient) Complete(ctx context.Context, req Request) (Response, error) {
	body, err := g.body(req)
	if err != nil {
		return Response{}, err
	}
	path := "/" + g.res + ":generateContent"
	return g.c.withRetries(ctx, func(actx context.Context) (Response, *Error) {
		if g.stream {
			return g.completeStream(actx, body)
		}
		r, e := g.c.send(actx, "POST", path, body)
		resp := g.c.response(r)
		if e != nil {
			return resp, e
		}
		var a geminiAnswer
		if err := json.Unmarshal(r.body, &a); err != nil {
			return resp, g.c.badJSON(r, path, err)
		}
		if hasValue(a.Error) {
			return resp, g.c.embedded(r.status, a.Error)
		}
		switch {
		case len(a.Candidates) > 0:
			cand := a.Candidates[0]
			var text, thought strings.Builder
			for _, p := range cand.Content.Parts {
				if p.Thought {
					thought.WriteString(p.Text)
				} else {
					text.WriteString(p.Text)
				}
			}
			resp.Answer, resp.Reasoning, resp.FinishReason = text.String(), thought.String(), cand.FinishReason
		case a.PromptFeedback != nil && a.PromptFeedback.BlockReason != "":
			resp.FinishReason = geminiBlockedPrefix + a.PromptFeedback.BlockReason // an answer, though empty
		default:
			return resp, g.c.fail(results.ReasonBadResponse, r.status, "%s: answer has no candidates: %s", path, oneLine(string(r.body)))
		}
		a.usageInto(&resp)
		resp.Refusal = geminiRefusal(resp.FinishReason, resp.Answer)
		return resp, nil
	})
}

// Info reads GET models/{m}: inputTokenLimit is the context window.
func (g *geminiClient) Info(ctx context.Context) (ServerInfo, error) {
	info := ServerInfo{Kind: KindGemini, Model: g.model, HasTokenizer: true, Extra: map[string]string{}}
	var m struct {
		Name             string `json:"name"`
		Version          string `json:"version"`
		InputTokenLimit  int    `json:"inputTokenLimit"`
		OutputTokenLimit int    `json:"outputTokenLimit"`
	}
	if _, e := g.c.probe(ctx, "GET", "/"+g.res, nil, &m); e != nil {
		return info, e
	}
	info.Version = m.Version
	if m.InputTokenLimit > 0 {
		info.ContextLength, info.ContextSource = m.InputTokenLimit, "models.inputTokenLimit"
	}
	if m.OutputTokenLimit > 0 {
		info.Extra["outputTokenLimit"] = strconv.Itoa(m.OutputTokenLimit)
	}
	return info, nil
}

// CountTokens uses :countTokens on text as one user turn.
func (g *geminiClient) CountTokens(ctx context.Context, text string) (int, error) {
	var out struct {
		TotalTokens *int `json:"totalTokens"`
	}
	body := map[string]any{"contents": []geminiContent{{Role: "user", Parts: []geminiPart{{Text: text}}}}}
	if err := g.c.call(ctx, "POST", "/"+g.res+":countTokens", body, &out); err != nil {
		return 0, err
	}
	if out.TotalTokens == nil {
		return 0, g.c.fail(results.ReasonBadResponse, 200, ":countTokens answer has no totalTokens")
	}
	return *out.TotalTokens, nil
}
