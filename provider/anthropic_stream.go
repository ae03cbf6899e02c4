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

// fill sets resp's token counts from the usage. input_tokens excludes
// the cached tokens: the prompt is all three counts, and the server
// computed the uncached input plus what it wrote to the cache.
func (u *anthropicUsage) fill(resp *Response) {
	resp.CompletionTokens = u.OutputTokens
	resp.CachedTokens, resp.CacheWriteTokens = u.CacheReadTokens, u.CacheCreationTokens
	if u.InputTokens != nil {
		computed := *u.InputTokens + deref(u.CacheCreationTokens)
		resp.ComputedTokens = &computed
		total := computed + deref(u.CacheReadTokens)
		resp.PromptTokens = &total
	}
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
func completeAnthropicStream(ctx context.Context, c *conn, path string, body map[string]any) (Response, *Error) {
	httpResp, r, e := c.start(ctx, "POST", path, body)
	if e != nil {
		return c.response(r), e
	}
	defer httpResp.Body.Close()

	st := &anthropicStreamState{resp: Response{HTTPStatus: r.status}}
	e = c.eachEvent(ctx, httpResp.Body, func(ev sseEvent) (bool, *Error) {
		if len(strings.TrimSpace(string(ev.data))) == 0 {
			return false, nil
		}
		st.events = keepRaw(st.events, &st.rawKept, c.rawJSON(ev.data))
		var d anthropicEvent
		if err := json.Unmarshal(ev.data, &d); err != nil {
			return true, c.fail(results.ReasonBadResponse, r.status, "stream event %q is not JSON (%s): %s", ev.name, oneLine(err.Error()), oneLine(string(ev.data)))
		}
		if d.Type == "" {
			d.Type = ev.name
		}
		if d.Type == "error" {
			return true, anthropicError(c, r.status, ev.data)
		}
		return st.apply(&d), nil
	})
	resp := st.resp
	resp.Latency = time.Since(r.began)
	resp.Raw, _ = json.Marshal(st.events)
	resp.Answer, resp.Reasoning = st.answer.String(), st.thinking.String()
	st.usage.fill(&resp)
	switch {
	case e != nil:
		return resp, e
	case !st.started:
		return resp, c.fail(results.ReasonBadResponse, r.status, "/v1/messages: stream of %d events has no message_start", len(st.events))
	case !st.stopped && resp.FinishReason == "":
		return resp, c.fail(results.ReasonBadResponse, r.status, "/v1/messages: stream ended after %d events without a stop_reason or message_stop", len(st.events))
	}
	resp.Refusal = anthropicRefusal(resp.FinishReason)
	return resp, nil
}

// anthropicStreamState is what a Messages stream has said so far.
type anthropicStreamState struct {
	resp             Response // its stop reason, so far
	events           []json.RawMessage
	rawKept          int
	answer, thinking streamText
	usage            anthropicUsage
	started, stopped bool
}

// apply takes one event in; it reports whether the stream is over.
func (st *anthropicStreamState) apply(d *anthropicEvent) bool {
	switch d.Type {
	case "message_start":
		if d.Message != nil {
			st.started = true
			st.usage.merge(d.Message.Usage)
		}
	case "content_block_start":
		if b := d.ContentBlock; b != nil {
			st.answer.WriteString(b.Text) // empty in practice: the text follows in deltas
			st.thinking.WriteString(b.Thinking)
		}
	case "content_block_delta":
		if dl := d.Delta; dl != nil {
			switch dl.Type {
			case "text_delta":
				st.answer.WriteString(dl.Text)
			case "thinking_delta":
				st.thinking.WriteString(dl.Thinking)
			}
		}
	case "message_delta":
		if d.Delta != nil && d.Delta.StopReason != "" {
			st.resp.FinishReason = d.Delta.StopReason
		}
		st.usage.merge(d.Usage)
	case "message_stop":
		st.stopped = true
		return true
	}
	return false
}
