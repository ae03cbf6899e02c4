package provider

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"niah/results"
)

// anthropicErrorStatus is the HTTP status the Messages API sends each of
// its error types with. An error event inside a stream carries only the
// type; with this it is classified exactly as the same error sent whole.
var anthropicErrorStatus = map[string]int{
	"invalid_request_error": 400,
	"authentication_error":  401,
	"billing_error":         402,
	"permission_error":      403,
	"not_found_error":       404,
	"request_too_large":     413,
	"rate_limit_error":      429,
	"api_error":             500,
	"timeout_error":         504,
	"overloaded_error":      529,
}

// anthropicError classifies an error body found after HTTP 200, inside a
// stream or a whole answer: {"type":"error","error":{"type":..,"message":..}}.
func anthropicError(c *conn, status int, body []byte) *Error {
	var e struct {
		Error json.RawMessage `json:"error"`
	}
	_ = json.Unmarshal(body, &e)
	var typed struct {
		Type string `json:"type"`
	}
	_ = json.Unmarshal(e.Error, &typed)
	class := classifyEmbedded(e.Error)
	if code, ok := anthropicErrorStatus[typed.Type]; ok {
		class = classifyStatus(code, body)
	}
	what := serverMessage(body)
	if typed.Type != "" {
		what = typed.Type + ": " + what
	}
	return c.fail(class, status, "error inside the HTTP %d answer: %s", status, what)
}

// anthropicUsage is the usage object of message_start's message and of
// message_delta. Counts are cumulative; an absent one stays as it was.
type anthropicUsage struct {
	InputTokens         *int `json:"input_tokens"`
	CacheCreationTokens *int `json:"cache_creation_input_tokens"`
	CacheReadTokens     *int `json:"cache_read_input_tokens"`
	OutputTokens        *int `json:"output_tokens"`
}

func (u *anthropicUsage) merge(from *anthropicUsage) {
	if from == nil {
		return
	}
	for _, f := range []struct{ dst, src **int }{
		{&u.InputTokens, &from.InputTokens}, {&u.CacheCreationTokens, &from.CacheCreationTokens},
		{&u.CacheReadTokens, &from.CacheReadTokens}, {&u.OutputTokens, &from.OutputTokens},
	} {
		if *f.src != nil {
			*f.dst = *f.src
		}
	}
}

// anthropicEvent is the data of one Messages stream event.
type anthropicEvent struct {
	Type    string `json:"type"`
	Message *struct {
		Type  string          `json:"type"`
		Usage *anthropicUsage `json:"usage"`
	} `json:"message"` // message_start
	ContentBlock *struct {
		Type     string `json:"type"`
		Text     string `json:"text"`
		Thinking string `json:"thinking"`
	} `json:"content_block"` // content_block_start
	Delta *struct {
		Type       string `json:"type"` // text_delta, thinking_delta, signature_delta, input_json_delta
		Text       string `json:"text"`
		Thinking   string `json:"thinking"`
		StopReason string `json:"stop_reason"` // message_delta
	} `json:"delta"`
	Usage *anthropicUsage `json:"usage"` // message_delta
	Error json.RawMessage `json:"error"`
}

// completeAnthropicStream reads the Messages API's server-sent events:
// message_start (usage with the input and cache counts), per content block
// a content_block_start, content_block_deltas (text_delta is the answer,
// thinking_delta the reasoning) and a content_block_stop, then message_delta
// (stop_reason, output_tokens) and message_stop; pings anywhere. An error
// event can arrive at any point after HTTP 200.
func completeAnthropicStream(ctx context.Context, c *conn, body map[string]any) (Response, *Error) {
	httpResp, r, e := c.start(ctx, "POST", "/v1/messages", body)
	if e != nil {
		return c.response(r), e
	}
	defer httpResp.Body.Close()

	var (
		resp             = Response{HTTPStatus: r.status}
		events           []json.RawMessage
		rawKept          int
		answer, thinking streamText
		usage            anthropicUsage
		started, stopped bool
	)
	e = c.eachEvent(ctx, httpResp.Body, func(ev sseEvent) (bool, *Error) {
		if len(strings.TrimSpace(string(ev.data))) == 0 {
			return false, nil
		}
		events = keepRaw(events, &rawKept, c.rawJSON(ev.data))
		var d anthropicEvent
		if err := json.Unmarshal(ev.data, &d); err != nil {
			return true, c.fail(results.ReasonBadResponse, r.status, "stream event %q is not JSON (%s): %s", ev.name, oneLine(err.Error()), oneLine(string(ev.data)))
		}
		typ := d.Type
		if typ == "" {
			typ = ev.name
		}
		switch typ {
		case "error":
			return true, anthropicError(c, r.status, ev.data)
		case "message_start":
			if d.Message != nil {
				started = true
				usage.merge(d.Message.Usage)
			}
		case "content_block_start":
			if b := d.ContentBlock; b != nil {
				answer.WriteString(b.Text) // empty in practice: the text follows in deltas
				thinking.WriteString(b.Thinking)
			}
		case "content_block_delta":
			if dl := d.Delta; dl != nil {
				switch dl.Type {
				case "text_delta":
					answer.WriteString(dl.Text)
				case "thinking_delta":
					thinking.WriteString(dl.Thinking)
				}
			}
		case "message_delta":
			if d.Delta != nil && d.Delta.StopReason != "" {
				resp.FinishReason = d.Delta.StopReason
			}
			usage.merge(d.Usage)
		case "message_stop":
			stopped = true
			return true, nil
		}
		return false, nil
	})
	resp.Latency = time.Since(r.began)
	resp.Raw, _ = json.Marshal(events)
	resp.Answer, resp.Reasoning = answer.String(), thinking.String()
	resp.CompletionTokens, resp.CachedTokens = usage.OutputTokens, usage.CacheReadTokens
	resp.CacheWriteTokens = usage.CacheCreationTokens
	if usage.InputTokens != nil {
		computed := *usage.InputTokens + deref(usage.CacheCreationTokens)
		resp.ComputedTokens = &computed
		// input_tokens excludes cached tokens: the prompt is all three
		total := *usage.InputTokens + deref(usage.CacheCreationTokens) + deref(usage.CacheReadTokens)
		resp.PromptTokens = &total
	}
	switch {
	case e != nil:
		return resp, e
	case !started:
		return resp, c.fail(results.ReasonBadResponse, r.status, "/v1/messages: stream of %d events has no message_start", len(events))
	case !stopped && resp.FinishReason == "":
		return resp, c.fail(results.ReasonBadResponse, r.status, "/v1/messages: stream ended after %d events without a stop_reason or message_stop", len(events))
	}
	return resp, nil
}
