package provider

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"niah/results"
)

// usageInto copies usageMetadata's counts; absent counts stay nil.
func (a *geminiAnswer) usageInto(resp *Response) {
	u := a.UsageMetadata
	if u == nil {
		return
	}
	resp.PromptTokens, resp.CachedTokens = u.PromptTokenCount, u.CachedContentTokenCount
	if u.CandidatesTokenCount != nil || u.ThoughtsTokenCount != nil {
		// like OpenAI's completion_tokens, count the hidden thinking too
		n := deref(u.CandidatesTokenCount) + deref(u.ThoughtsTokenCount)
		resp.CompletionTokens = &n
	}
}

// googleStatus maps the canonical status names of a Google error body
// ({"error":{"code":400,"message":..,"status":"INVALID_ARGUMENT"}}) to the
// HTTP status the API sends them with, for an error object that has no code.
var googleStatus = map[string]int{
	"INVALID_ARGUMENT": 400, "FAILED_PRECONDITION": 400, "OUT_OF_RANGE": 400,
	"UNAUTHENTICATED": 401, "PERMISSION_DENIED": 403, "NOT_FOUND": 404,
	"RESOURCE_EXHAUSTED": 429, "CANCELLED": 499, "INTERNAL": 500, "UNKNOWN": 500,
	"UNAVAILABLE": 503, "DEADLINE_EXCEEDED": 504,
}

// streamError classifies an error object that arrived inside a
// stream exactly as the same object sent whole with its HTTP status.
func (g *geminiClient) streamError(status int, errObj json.RawMessage) *Error {
	var e struct {
		Code   int    `json:"code"`
		Status string `json:"status"`
	}
	_ = json.Unmarshal(errObj, &e)
	whole := []byte(`{"error":` + string(errObj) + `}`)
	code := e.Code
	if code < 400 || code >= 600 {
		code = googleStatus[e.Status]
	}
	class := classifyEmbedded(errObj)
	if code != 0 {
		class = classifyStatus(code, whole)
	}
	return g.c.fail(class, status, "error inside the HTTP %d stream: %s", status, serverMessage(whole))
}

// completeStream reads streamGenerateContent?alt=sse: each "data:" event is
// one GenerateContentResponse chunk. Text parts are concatenated, parts
// marked thought are reasoning, the finishReason is the last one given and
// usageMetadata comes from the last chunk that has it. An error object can
// arrive after HTTP 200 as a chunk, or as plain JSON over several lines
// with no "data:" prefix (the SDK reads both); either is classified as the
// same error sent whole.
func (g *geminiClient) completeStream(ctx context.Context, body map[string]any) (Response, *Error) {
	path := "/" + g.res + ":streamGenerateContent?alt=sse"
	httpResp, r, e := g.c.start(ctx, "POST", path, body)
	if e != nil {
		return g.c.response(r), e
	}
	defer httpResp.Body.Close()

	var (
		resp          = Response{HTTPStatus: r.status}
		chunks        []json.RawMessage
		rawKept       int
		text, thought streamText
		blocked       string
		plain         plainJSON
	)
	chunk := func(data []byte) (bool, *Error) {
		chunks = keepRaw(chunks, &rawKept, g.c.rawJSON(data))
		var a geminiAnswer
		if err := json.Unmarshal(data, &a); err != nil {
			return true, g.c.fail(results.ReasonBadResponse, r.status, "stream chunk is not JSON (%s): %s", oneLine(err.Error()), oneLine(string(data)))
		}
		if hasValue(a.Error) {
			return true, g.streamError(r.status, a.Error)
		}
		if len(a.Candidates) > 0 {
			cand := a.Candidates[0]
			for _, p := range cand.Content.Parts {
				if p.Thought {
					thought.WriteString(p.Text)
				} else {
					text.WriteString(p.Text)
				}
			}
			if cand.FinishReason != "" {
				resp.FinishReason = cand.FinishReason
			}
		}
		if a.PromptFeedback != nil && a.PromptFeedback.BlockReason != "" {
			blocked = a.PromptFeedback.BlockReason
		}
		if a.UsageMetadata != nil {
			a.usageInto(&resp)
		}
		return false, nil
	}
	other := func(line []byte) (bool, *Error) {
		whole, done := plain.add(line)
		if !done {
			return false, nil
		}
		return chunk(firstObject(whole))
	}
	e = g.c.readEvents(ctx, httpResp.Body, other, func(ev sseEvent) (bool, *Error) {
		if len(strings.TrimSpace(string(ev.data))) == 0 {
			return false, nil
		}
		return chunk(ev.data)
	})
	if e == nil && plain.pending() {
		e = g.c.cutMidEvent() // the connection closed inside a plain JSON object
	}
	resp.Latency = time.Since(r.began)
	resp.Raw, _ = json.Marshal(chunks)
	resp.Answer, resp.Reasoning = text.String(), thought.String()
	if e != nil {
		return resp, e
	}
	if resp.FinishReason == "" && blocked != "" {
		resp.FinishReason = geminiBlockedPrefix + blocked // an answer, though empty
	}
	if resp.FinishReason == "" {
		return resp, g.c.fail(results.ReasonBadResponse, r.status, "%s: stream ended after %d chunks without a finishReason", path, len(chunks))
	}
	resp.Refusal = geminiRefusal(resp.FinishReason, resp.Answer)
	return resp, nil
}
