package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"niah/results"
)

// sseEvents renders (event, data) pairs as the Messages API streams them.
func sseEvents(pairs ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(pairs); i += 2 {
		fmt.Fprintf(&b, "event: %s\ndata: %s\n\n", pairs[i], pairs[i+1])
	}
	return b.String()
}

const anthropicMessageStart = `{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude-x","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":12,"cache_creation_input_tokens":20,"cache_read_input_tokens":130980,"output_tokens":1,"service_tier":"standard"}}}`

// anthropicStream is the documented event sequence of an answer with a
// thinking block and a text block.
var anthropicStream = sseEvents(
	"message_start", anthropicMessageStart,
	"content_block_start", `{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}`,
	"content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"scan the "}}`,
	"content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"text"}}`,
	"content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM"}}`,
	"content_block_stop", `{"type":"content_block_stop","index":0}`,
	"content_block_start", `{"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}`,
	"ping", `{"type":"ping"}`,
	"content_block_delta", `{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"77"}}`,
	"content_block_delta", `{"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"34"}}`,
	"content_block_stop", `{"type":"content_block_stop","index":1}`,
	"message_delta", `{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":9}}`,
	"message_stop", `{"type":"message_stop"}`,
)

// TestAnthropicStreamRequestAndResponse: --stream adds "stream": true to
// the same body and assembles the answer, the thinking as reasoning, the
// stop reason and the counts from message_start and message_delta.
func TestAnthropicStreamRequestAndResponse(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "ak-secret")
	f := newFake(t, map[string][]scripted{"POST /v1/messages": {{
		header: map[string]string{"Content-Type": "text/event-stream"}, body: ": comment\n\n" + anthropicStream}}})
	c := client(t, "anthropic:claude-x", f.URL, Options{Stream: true})
	r, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 32, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	if r.Answer != "7734" || r.Reasoning != "scan the text" || r.FinishReason != "end_turn" || r.HTTPStatus != 200 {
		t.Fatalf("%q %q %q %d", r.Answer, r.Reasoning, r.FinishReason, r.HTTPStatus)
	}
	if intp(r.PromptTokens) != 12+20+130980 || intp(r.CachedTokens) != 130980 || intp(r.CompletionTokens) != 9 {
		t.Fatalf("counts %v %v %v", intp(r.PromptTokens), intp(r.CachedTokens), intp(r.CompletionTokens))
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(r.Raw, &raw); err != nil || len(raw) != 13 || strings.Contains(string(r.Raw), "ak-secret") {
		t.Fatalf("raw must hold the 13 events: %v %s", err, r.Raw)
	}
	req := f.requests("/v1/messages")[0]
	want := map[string]any{"model": "claude-x", "max_tokens": 32.0, "temperature": 0.0, "stream": true,
		"system":   "Answer briefly.",
		"messages": []any{map[string]any{"role": "user", "content": "What is the secret number?"}}}
	if !reflect.DeepEqual(req.Body, want) {
		t.Fatalf("body\n got %v\nwant %v", req.Body, want)
	}
	if req.Header.Get("x-api-key") != "ak-secret" || req.Header.Get("anthropic-version") != "2023-06-01" {
		t.Fatalf("headers %v", req.Header)
	}
}

// TestAnthropicStreamUsageInMessageDelta: newer servers repeat the input
// and cache counts in message_delta (cumulative); the last ones win.
func TestAnthropicStreamUsageInMessageDelta(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "k")
	f := newFake(t, map[string][]scripted{"POST /v1/messages": {{body: sseEvents(
		"message_start", `{"type":"message_start","message":{"type":"message","usage":{"input_tokens":5,"output_tokens":1}}}`,
		"content_block_start", `{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}`,
		"content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"ok"}}`,
		"content_block_stop", `{"type":"content_block_stop","index":0}`,
		"message_delta", `{"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"input_tokens":7,"cache_read_input_tokens":100,"output_tokens":2}}`,
		"message_stop", `{"type":"message_stop"}`)}}})
	r, err := client(t, "anthropic:c", f.URL, Options{Stream: true}).Complete(context.Background(), Request{Messages: userMsg})
	if err != nil || r.Answer != "ok" || r.FinishReason != "max_tokens" ||
		intp(r.PromptTokens) != 107 || intp(r.CachedTokens) != 100 || intp(r.CompletionTokens) != 2 {
		t.Fatalf("%+v %v", r, err)
	}
}

// anthropicErrors are the Messages API's error bodies with the HTTP status
// each comes with when sent whole.
var anthropicErrors = []struct {
	name   string
	status int
	body   string
	class  results.Reason
}{
	{"overloaded", 529, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`, results.ReasonRateLimited},
	{"rate limit", 429, `{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}`, results.ReasonRateLimited},
	{"api error", 500, `{"type":"error","error":{"type":"api_error","message":"Internal server error"}}`, results.ReasonServerError},
	{"timeout", 504, `{"type":"error","error":{"type":"timeout_error","message":"Request timed out"}}`, results.ReasonTimeout},
	{"too long", 400, `{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 208656 tokens > 200000 maximum"}}`, results.ReasonContextExceeded},
	{"body too large", 413, `{"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}`, results.ReasonContextExceeded},
	{"invalid", 400, `{"type":"error","error":{"type":"invalid_request_error","message":"temperature: range: 0..1"}}`, results.ReasonBadRequest},
	{"auth", 401, `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`, results.ReasonAuth},
	{"permission", 403, `{"type":"error","error":{"type":"permission_error","message":"not allowed"}}`, results.ReasonAuth},
	{"not found", 404, `{"type":"error","error":{"type":"not_found_error","message":"model: claude-x"}}`, results.ReasonBadRequest},
}

// TestAnthropicStreamErrorIsClassifiedLikeWhole: an error event after
// message_start and some text gets the class the same body gets when sent
// whole with its HTTP status; so does the body inside a whole 200 answer.
func TestAnthropicStreamErrorIsClassifiedLikeWhole(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "ak-secret")
	for _, tc := range anthropicErrors {
		t.Run(tc.name, func(t *testing.T) {
			stream := sseEvents(
				"message_start", anthropicMessageStart,
				"content_block_start", `{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}`,
				"content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"77"}}`,
				"error", tc.body,
				"message_stop", `{"type":"message_stop"}`)
			f := newFake(t, map[string][]scripted{"POST /v1/messages": {
				{status: tc.status, body: tc.body}, {body: tc.body}, {body: stream}}})
			opts := Options{MaxRetries: -1}
			_, wholeErr := client(t, "anthropic:c", f.URL, opts).Complete(context.Background(), Request{Messages: userMsg})
			_, in200Err := client(t, "anthropic:c", f.URL, opts).Complete(context.Background(), Request{Messages: userMsg})
			opts.Stream = true
			r, streamErr := client(t, "anthropic:c", f.URL, opts).Complete(context.Background(), Request{Messages: userMsg})
			whole, in200, streamed := classOf(t, wholeErr), classOf(t, in200Err), classOf(t, streamErr)
			if whole.Reason != tc.class || in200.Reason != tc.class || streamed.Reason != tc.class {
				t.Fatalf("whole %q, in a 200 answer %q, streamed %q, want %q (%s)", whole.Reason, in200.Reason, streamed.Reason, tc.class, streamed.Message)
			}
			if streamed.HTTPStatus != 200 || r.Answer != "77" || strings.Contains(streamed.Message, "\n") ||
				!strings.Contains(streamed.Message, f.URL) || strings.Contains(streamed.Message, "ak-secret") {
				t.Fatalf("%+v answer %q", streamed, r.Answer)
			}
		})
	}
}

// TestAnthropicStreamOverloadedIsRetried: a transient error event is
// retried like the whole 529, and the retry's answer is used.
func TestAnthropicStreamOverloadedIsRetried(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "k")
	clk := &clock{}
	f := newFake(t, map[string][]scripted{"POST /v1/messages": {
		{body: sseEvents("message_start", anthropicMessageStart,
			"error", `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`)},
		{body: anthropicStream}}})
	r, err := client(t, "anthropic:c", f.URL, Options{Stream: true, Sleep: clk.sleep}).Complete(context.Background(), Request{Messages: userMsg})
	if err != nil || r.Answer != "7734" || r.Attempts != 2 || len(clk.got()) != 1 {
		t.Fatalf("%+v %v", r, err)
	}
}

// TestAnthropicStreamCutShort: no message_start, or no stop_reason and no
// message_stop, is a bad response.
func TestAnthropicStreamCutShort(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "k")
	f := newFake(t, map[string][]scripted{"POST /v1/messages": {
		{body: sseEvents("content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"77"}}`,
			"message_stop", `{"type":"message_stop"}`)},
		{body: sseEvents("message_start", anthropicMessageStart,
			"content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"77"}}`)},
		{body: `{"id":"msg_1","type":"message"}`},
	}})
	c := client(t, "anthropic:c", f.URL, Options{Stream: true})
	for i := range 3 {
		_, err := c.Complete(context.Background(), Request{Messages: userMsg})
		if pe := classOf(t, err); pe.Reason != results.ReasonBadResponse {
			t.Fatalf("answer %d: %+v", i, pe)
		}
	}
}
