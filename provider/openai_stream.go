package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"time"

	"niah/results"
)

// completeStream reads an SSE answer: "data: {chunk}" events, comment pings
// (":") during long prefills, "data: [DONE]" at the end. Errors can arrive
// inside the stream after HTTP 200 (llama.cpp context overflow does). An
// event the connection cut off is discarded (a network error), never
// parsed half.
func (o *openAIClient) completeStream(ctx context.Context, body map[string]any) (Response, *Error) {
	httpResp, r, e := o.c.start(ctx, "POST", o.path(), body)
	if e != nil {
		resp := o.c.response(r)
		return resp, e
	}
	defer httpResp.Body.Close()

	var (
		resp             = Response{HTTPStatus: r.status}
		chunks           []json.RawMessage
		rawKept          int
		answer, thinking streamText
		sawDone          bool
	)
	e = o.c.eachEvent(ctx, httpResp.Body, func(ev sseEvent) (bool, *Error) {
		data := bytes.TrimSpace(ev.data)
		if len(data) == 0 {
			return false, nil
		}
		if string(data) == "[DONE]" {
			sawDone = true
			return true, nil
		}
		chunks = keepRaw(chunks, &rawKept, o.c.rawJSON(data))
		var a oaiAnswer
		if err := json.Unmarshal(data, &a); err != nil {
			return true, o.c.fail(results.ReasonBadResponse, r.status, "stream chunk is not JSON (%s): %s", oneLine(err.Error()), oneLine(string(data)))
		}
		if hasValue(a.Error) {
			return true, o.c.embedded(r.status, a.Error)
		}
		for _, ch := range a.Choices {
			if ch.Delta.Content != nil {
				answer.WriteString(*ch.Delta.Content)
			}
			answer.WriteString(ch.Text)
			thinking.WriteString(ch.Delta.ReasoningContent)
			thinking.WriteString(ch.Delta.Reasoning)
			if ch.FinishReason != nil && *ch.FinishReason != "" {
				resp.FinishReason = *ch.FinishReason
			}
		}
		a.absorbUsage(&resp)
		return false, nil
	})
	resp.Latency = time.Since(r.began)
	resp.Raw, _ = json.Marshal(chunks)
	resp.Answer, resp.Reasoning = answer.String(), thinking.String()
	if e != nil {
		return resp, e
	}
	if !sawDone && resp.FinishReason == "" && o.serverDialect().abortsQuietly {
		// Ollama's /v1 after a repetition abort closes the stream cleanly
		// with neither a finish reason nor [DONE].
		resp.FinishReason = results.FinishRepetitionAbort
		return resp, nil
	}
	if !sawDone && resp.FinishReason == "" {
		return resp, o.c.fail(results.ReasonBadResponse, r.status, "stream ended after %d chunks without a finish reason or [DONE]", len(chunks))
	}
	resp.Refusal = openAIRefusal(resp.FinishReason)
	return resp, nil
}
