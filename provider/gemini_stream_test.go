package provider

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"niah/results"
)

// geminiSSE renders chunks as streamGenerateContent?alt=sse sends them:
// "data: {chunk}" events separated by CRLF blank lines.
func geminiSSE(chunks ...string) string {
	var b strings.Builder
	for _, c := range chunks {
		b.WriteString("data: " + c + "\r\n\r\n")
	}
	return b.String()
}

var geminiStreamChunks = []string{
	`{"candidates":[{"content":{"role":"model","parts":[{"text":"looking ","thought":true}]},"index":0}],"usageMetadata":{"promptTokenCount":1000,"totalTokenCount":1000},"modelVersion":"gemini-2.5-flash","responseId":"r1"}`,
	`{"candidates":[{"content":{"role":"model","parts":[{"text":"closely","thought":true}]},"index":0}],"usageMetadata":{"promptTokenCount":1000,"totalTokenCount":1000},"modelVersion":"gemini-2.5-flash","responseId":"r1"}`,
	`{"candidates":[{"content":{"role":"model","parts":[{"text":"77"}]},"index":0}],"usageMetadata":{"promptTokenCount":1000,"totalTokenCount":1000},"modelVersion":"gemini-2.5-flash","responseId":"r1"}`,
	`{"candidates":[{"content":{"role":"model","parts":[{"text":"34"}]},"finishReason":"STOP","index":0}],"usageMetadata":{"promptTokenCount":1000,"cachedContentTokenCount":900,"candidatesTokenCount":3,"thoughtsTokenCount":40,"totalTokenCount":1043,"promptTokensDetails":[{"modality":"TEXT","tokenCount":1000}]},"modelVersion":"gemini-2.5-flash","responseId":"r1"}`,
}

// TestGeminiStreamRequestAndResponse: --stream posts the same body to
// :streamGenerateContent?alt=sse and assembles text, thoughts, the last
// finishReason and the last chunk's usageMetadata.
func TestGeminiStreamRequestAndResponse(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "gk-secret")
	f := newFake(t, map[string][]scripted{
		"POST /v1beta/models/gemini-2.5-flash:streamGenerateContent": {{
			header: map[string]string{"Content-Type": "text/event-stream"}, body: geminiSSE(geminiStreamChunks...)}},
		"POST /v1beta/models/gemini-2.5-flash:generateContent": {{body: geminiReply}},
	})
	req := Request{Messages: userMsg, MaxTokens: 64, Seed: 3}
	r, err := client(t, "gemini:gemini-2.5-flash", f.URL, Options{Stream: true}).Complete(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if r.Answer != "7734" || r.Reasoning != "looking closely" || r.FinishReason != "STOP" || r.HTTPStatus != 200 {
		t.Fatalf("%q %q %q %d", r.Answer, r.Reasoning, r.FinishReason, r.HTTPStatus)
	}
	if intp(r.PromptTokens) != 1000 || intp(r.CachedTokens) != 900 || intp(r.CompletionTokens) != 43 {
		t.Fatalf("counts %v %v %v", intp(r.PromptTokens), intp(r.CachedTokens), intp(r.CompletionTokens))
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(r.Raw, &raw); err != nil || len(raw) != 4 || strings.Contains(string(r.Raw), "gk-secret") {
		t.Fatalf("raw must hold the 4 chunks: %v %s", err, r.Raw)
	}
	got := f.requests("/v1beta/models/gemini-2.5-flash:streamGenerateContent")
	if len(got) != 1 || got[0].Query != "alt=sse" || got[0].Header.Get("x-goog-api-key") != "gk-secret" {
		t.Fatalf("streaming request %+v", got)
	}
	want := map[string]any{
		"contents":          []any{map[string]any{"role": "user", "parts": []any{map[string]any{"text": "What is the secret number?"}}}},
		"systemInstruction": map[string]any{"parts": []any{map[string]any{"text": "Answer briefly."}}},
		"generationConfig":  map[string]any{"temperature": 0.0, "seed": 3.0, "maxOutputTokens": 64.0},
	}
	if !reflect.DeepEqual(got[0].Body, want) {
		t.Fatalf("streaming body\n got %v\nwant %v", got[0].Body, want)
	}
	// the same request without --stream: the same body on :generateContent
	if _, err := client(t, "gemini:gemini-2.5-flash", f.URL, Options{}).Complete(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	whole := f.requests("/v1beta/models/gemini-2.5-flash:generateContent")
	if len(whole) != 1 || whole[0].Query != "" || !reflect.DeepEqual(whole[0].Body, want) {
		t.Fatalf("whole request %+v", whole)
	}
}

// geminiErrors are Google error bodies with the HTTP status they come with.
var geminiErrors = []struct {
	name   string
	status int
	body   string
	class  results.Reason
}{
	{"too long", 400, `{"error":{"code":400,"message":"The input token count (1196265) exceeds the maximum number of tokens allowed (1048575).","status":"INVALID_ARGUMENT"}}`, results.ReasonContextExceeded},
	{"bad argument", 400, `{"error":{"code":400,"message":"Invalid value at 'generation_config.temperature'","status":"INVALID_ARGUMENT"}}`, results.ReasonBadRequest},
	{"quota", 429, `{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}`, results.ReasonRateLimited},
	{"quota without code", 429, `{"error":{"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}`, results.ReasonRateLimited},
	{"internal", 500, `{"error":{"code":500,"message":"An internal error has occurred.","status":"INTERNAL"}}`, results.ReasonServerError},
	{"unavailable", 503, `{"error":{"code":503,"message":"The model is overloaded. Please try again later.","status":"UNAVAILABLE"}}`, results.ReasonServerError},
	{"deadline", 504, `{"error":{"code":504,"message":"Deadline expired before operation could complete.","status":"DEADLINE_EXCEEDED"}}`, results.ReasonTimeout},
	{"denied", 403, `{"error":{"code":403,"message":"Method doesn't allow unregistered callers.","status":"PERMISSION_DENIED"}}`, results.ReasonAuth},
}

// TestGeminiStreamErrorIsClassifiedLikeWhole: an error chunk after some
// text gets the class the same body gets when sent whole with its status.
func TestGeminiStreamErrorIsClassifiedLikeWhole(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "gk-secret")
	for _, tc := range geminiErrors {
		t.Run(tc.name, func(t *testing.T) {
			errObj := tc.body[len(`{"error":`) : len(tc.body)-1]
			f := newFake(t, map[string][]scripted{
				"POST /v1beta/models/g:generateContent": {{status: tc.status, body: tc.body}},
				"POST /v1beta/models/g:streamGenerateContent": {{body: geminiSSE(
					`{"candidates":[{"content":{"role":"model","parts":[{"text":"77"}]},"index":0}]}`,
					`{"error":`+errObj+`}`,
					`{"candidates":[{"content":{"role":"model","parts":[{"text":"never read"}]},"finishReason":"STOP","index":0}]}`)}},
			})
			opts := Options{MaxRetries: -1}
			_, wholeErr := client(t, "gemini:g", f.URL, opts).Complete(context.Background(), Request{Messages: userMsg})
			opts.Stream = true
			r, streamErr := client(t, "gemini:g", f.URL, opts).Complete(context.Background(), Request{Messages: userMsg})
			whole, streamed := classOf(t, wholeErr), classOf(t, streamErr)
			if whole.Reason != tc.class || streamed.Reason != tc.class {
				t.Fatalf("whole %q, streamed %q, want %q (%s)", whole.Reason, streamed.Reason, tc.class, streamed.Message)
			}
			if streamed.HTTPStatus != 200 || r.Answer != "77" || strings.Contains(streamed.Message, "\n") ||
				!strings.Contains(streamed.Message, f.URL) || strings.Contains(streamed.Message, "gk-secret") {
				t.Fatalf("%+v answer %q", streamed, r.Answer)
			}
		})
	}
}

// TestGeminiStreamCutShortOrBlocked: a stream that ends without a
// finishReason (or has no chunk) is a bad response; a blocked prompt is an answer.
func TestGeminiStreamCutShortOrBlocked(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "k")
	clk := &clock{}
	f := newFake(t, map[string][]scripted{"POST /v1beta/models/g:streamGenerateContent": {
		{body: geminiSSE(`{"candidates":[{"content":{"role":"model","parts":[{"text":"77"}]},"index":0}]}`)},
		{body: ""},
		{body: geminiSSE(`{"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":10,"totalTokenCount":10}}`)},
	}})
	c := client(t, "gemini:g", f.URL, Options{Stream: true, Sleep: clk.sleep})
	for range 2 {
		_, err := c.Complete(context.Background(), Request{Messages: userMsg})
		if pe := classOf(t, err); pe.Reason != results.ReasonBadResponse || pe.Attempts != 1 {
			t.Fatalf("%+v", pe)
		}
	}
	r, err := c.Complete(context.Background(), Request{Messages: userMsg})
	if err != nil || r.FinishReason != "PROMPT_BLOCKED:SAFETY" || r.Answer != "" || intp(r.PromptTokens) != 10 {
		t.Fatalf("%+v %v", r, err)
	}
}
