package provider

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"niah/results"
)

const anthropicReply = `{"id":"msg_1","type":"message","role":"assistant",
 "content":[{"type":"thinking","thinking":"scan the text","signature":"x"},{"type":"text","text":"77"},{"type":"text","text":"34"}],
 "stop_reason":"end_turn","stop_sequence":null,
 "usage":{"input_tokens":12,"cache_creation_input_tokens":20,"cache_read_input_tokens":130980,"output_tokens":9,"service_tier":"standard"}}`

func TestAnthropicRequestAndResponse(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "ak-secret")
	f := newFake(t, map[string][]scripted{"POST /v1/messages": {{body: anthropicReply}}})
	c := client(t, "anthropic:claude-x", f.URL, Options{})
	r, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 32, Seed: 9,
		Options: map[string]string{"anthropic-beta": "context-1m-2025-08-07", "top_k": "1"}})
	if err != nil {
		t.Fatal(err)
	}
	req := f.requests("/v1/messages")[0]
	want := map[string]any{"model": "claude-x", "max_tokens": 32.0, "temperature": 0.0, "top_k": 1.0,
		"system":   "Answer briefly.",
		"messages": []any{map[string]any{"role": "user", "content": "What is the secret number?"}}}
	if !reflect.DeepEqual(req.Body, want) {
		t.Fatalf("body\n got %v\nwant %v", req.Body, want)
	}
	if req.Header.Get("x-api-key") != "ak-secret" || req.Header.Get("anthropic-version") != "2023-06-01" ||
		req.Header.Get("anthropic-beta") != "context-1m-2025-08-07" {
		t.Fatalf("headers %v", req.Header)
	}
	if r.Answer != "7734" || r.Reasoning != "scan the text" || r.FinishReason != "end_turn" {
		t.Fatalf("%+v", r)
	}
	// the prompt is input + cache creation + cache read
	if intp(r.PromptTokens) != 12+20+130980 || intp(r.CachedTokens) != 130980 || intp(r.CompletionTokens) != 9 {
		t.Fatalf("counts %v %v %v", intp(r.PromptTokens), intp(r.CachedTokens), intp(r.CompletionTokens))
	}
	if c.Spec() != "anthropic:claude-x@"+f.URL || strings.Contains(string(r.Raw), "ak-secret") {
		t.Fatalf("spec %s", c.Spec())
	}
}

func TestAnthropicOverloadedIsRetried(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "k")
	f := newFake(t, map[string][]scripted{"POST /v1/messages": {
		{status: 529, body: `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`},
		{status: 429, header: map[string]string{"retry-after": "3"}, body: `{"type":"error","error":{"type":"rate_limit_error","message":"slow"}}`},
		{body: anthropicReply}}})
	clk := &clock{}
	r, err := client(t, "anthropic:c", f.URL, Options{Sleep: clk.sleep}).Complete(context.Background(), Request{Messages: userMsg})
	if err != nil || r.Attempts != 3 {
		t.Fatalf("%+v %v", r, err)
	}
	if w := clk.got(); len(w) != 2 || w[1] != 3*time.Second {
		t.Fatalf("waits %v", w)
	}
}

func TestAnthropicInfoAndCount(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "k")
	f := newFake(t, map[string][]scripted{
		"GET /v1/models/claude-x":        {{body: `{"id":"claude-x","type":"model","max_input_tokens":1000000,"max_tokens":64000}`}},
		"POST /v1/messages/count_tokens": {{body: `{"input_tokens":42}`}},
	})
	c := client(t, "anthropic:claude-x", f.URL+"/v1", Options{}) // a copied /v1 base is forgiven
	info, err := c.Info(context.Background())
	if err != nil || info.ContextLength != 1000000 || info.ContextSource != "models.max_input_tokens" || !info.HasTokenizer || info.Extra["max_tokens"] != "64000" {
		t.Fatalf("%+v %v", info, err)
	}
	n, err := c.(Tokenizing).CountTokens(context.Background(), "hello")
	if err != nil || n != 42 {
		t.Fatalf("%d %v", n, err)
	}
	body := f.requests("/v1/messages/count_tokens")[0].Body
	if _, ok := body["max_tokens"]; ok || body["model"] != "claude-x" {
		t.Fatalf("count body %v", body)
	}
}

const geminiReply = `{"candidates":[{"content":{"role":"model","parts":[{"text":"looking","thought":true},{"text":"7734"}]},"finishReason":"STOP"}],
 "usageMetadata":{"promptTokenCount":1000,"cachedContentTokenCount":900,"candidatesTokenCount":3,"thoughtsTokenCount":40,"totalTokenCount":1043}}`

func TestGeminiRequestAndResponse(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "gk-secret")
	f := newFake(t, map[string][]scripted{"POST /v1beta/models/gemini-2.5-flash:generateContent": {{body: geminiReply}}})
	c := client(t, "gemini:models/gemini-2.5-flash", f.URL, Options{})
	r, err := c.Complete(context.Background(), Request{Messages: append(userMsg, results.Message{Role: "assistant", Content: "ok"}), MaxTokens: 64, Seed: 3,
		Options: map[string]string{"thinkingConfig": `{"thinkingBudget":0}`, "safetySettings": `[]`}})
	if err != nil {
		t.Fatal(err)
	}
	req := f.requests("/v1beta/models/gemini-2.5-flash:generateContent")[0]
	want := map[string]any{
		"contents": []any{
			map[string]any{"role": "user", "parts": []any{map[string]any{"text": "What is the secret number?"}}},
			map[string]any{"role": "model", "parts": []any{map[string]any{"text": "ok"}}}},
		"systemInstruction": map[string]any{"parts": []any{map[string]any{"text": "Answer briefly."}}},
		"generationConfig": map[string]any{"temperature": 0.0, "seed": 3.0, "maxOutputTokens": 64.0,
			"thinkingConfig": map[string]any{"thinkingBudget": 0.0}},
		"safetySettings": []any{},
	}
	if !reflect.DeepEqual(req.Body, want) {
		t.Fatalf("body\n got %v\nwant %v", req.Body, want)
	}
	if req.Header.Get("x-goog-api-key") != "gk-secret" {
		t.Fatal("key header")
	}
	if r.Answer != "7734" || r.Reasoning != "looking" || r.FinishReason != "STOP" ||
		intp(r.PromptTokens) != 1000 || intp(r.CachedTokens) != 900 || intp(r.CompletionTokens) != 43 {
		t.Fatalf("%+v", r)
	}
}

func TestGeminiBlockedPromptAndEmpty(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "k")
	f := newFake(t, map[string][]scripted{"POST /v1beta/models/g:generateContent": {
		{body: `{"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":10}}`},
		{body: `{}`}}})
	c := client(t, "gemini:g", f.URL, Options{})
	r, err := c.Complete(context.Background(), Request{Messages: userMsg})
	if err != nil || r.FinishReason != "PROMPT_BLOCKED:SAFETY" || r.Answer != "" {
		t.Fatalf("%+v %v", r, err)
	}
	_, err = c.Complete(context.Background(), Request{Messages: userMsg})
	if pe := classOf(t, err); pe.Reason != results.ReasonBadResponse {
		t.Fatalf("%+v", pe)
	}
}

func TestGeminiInfoAndCount(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "k")
	f := newFake(t, map[string][]scripted{
		"GET /v1beta/models/g":              {{body: `{"name":"models/g","version":"2.5","inputTokenLimit":1048576,"outputTokenLimit":65536}`}},
		"POST /v1beta/models/g:countTokens": {{body: `{"totalTokens":17,"promptTokensDetails":[{"modality":"TEXT","tokenCount":17}]}`}},
	})
	c := client(t, "gemini:g", f.URL, Options{})
	info, err := c.Info(context.Background())
	if err != nil || info.ContextLength != 1048576 || info.ContextSource != "models.inputTokenLimit" || info.Version != "2.5" {
		t.Fatalf("%+v %v", info, err)
	}
	n, err := c.(Tokenizing).CountTokens(context.Background(), "hello")
	if err != nil || n != 17 {
		t.Fatalf("%d %v", n, err)
	}
}
