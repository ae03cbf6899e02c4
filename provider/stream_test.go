package provider

import (
	"context"
	"encoding/json"
	"testing"

	"niah/results"
)

const sseAnswer = `: ping during prefill

data: {"choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"look "}}]}

data: {"choices":[{"index":0,"delta":{"reasoning_content":"again"}}]}

data: {"choices":[{"index":0,"delta":{"content":"77"}}]}

data: {"choices":[{"index":0,"delta":{"content":"34"},"finish_reason":"stop"}]}

data: {"choices":[],"usage":{"prompt_tokens":131000,"completion_tokens":3,"prompt_tokens_details":{"cached_tokens":120310}}}

data: [DONE]

`

func TestOpenAIStreamSuccess(t *testing.T) {
	f := newFake(t, map[string][]scripted{"POST /v1/chat/completions": {{
		header: map[string]string{"Content-Type": "text/event-stream"}, body: sseAnswer}}})
	c := client(t, "llamacpp:m", f.URL+"/v1", Options{Stream: true})
	r, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8})
	if err != nil {
		t.Fatal(err)
	}
	if r.Answer != "7734" || r.Reasoning != "look again" || r.FinishReason != "stop" {
		t.Fatalf("%q %q %q", r.Answer, r.Reasoning, r.FinishReason)
	}
	if intp(r.PromptTokens) != 131000 || intp(r.CachedTokens) != 120310 || intp(r.CompletionTokens) != 3 {
		t.Fatalf("counts %v %v %v", intp(r.PromptTokens), intp(r.CachedTokens), intp(r.CompletionTokens))
	}
	var chunks []json.RawMessage
	if err := json.Unmarshal(r.Raw, &chunks); err != nil || len(chunks) != 5 {
		t.Fatalf("raw must hold the 5 chunks: %v %s", err, r.Raw)
	}
	body := f.requests("/v1/chat/completions")[0].Body
	if body["stream"] != true || body["stream_options"].(map[string]any)["include_usage"] != true {
		t.Fatalf("stream body %v", body)
	}
}

func TestOpenAIStreamErrorAfter200(t *testing.T) {
	clk := &clock{}
	f := newFake(t, map[string][]scripted{"POST /v1/chat/completions": {{
		body: "data: {\"error\":{\"code\":400,\"message\":\"request (140213 tokens) exceeds the available context size (131072 tokens), try increasing it\",\"type\":\"exceed_context_size_error\"}}\n\n"}}})
	c := client(t, "llamacpp:m", f.URL+"/v1", Options{Stream: true, Sleep: clk.sleep})
	r, err := c.Complete(context.Background(), Request{Messages: userMsg})
	pe := classOf(t, err)
	if pe.Reason != results.ReasonContextExceeded || pe.HTTPStatus != 200 || pe.Attempts != 1 || r.HTTPStatus != 200 {
		t.Fatalf("%+v", pe)
	}
}

func TestOpenAIStreamTransientErrorIsRetried(t *testing.T) {
	clk := &clock{}
	f := newFake(t, map[string][]scripted{"POST /v1/chat/completions": {
		{body: "data: {\"error\":{\"message\":\"engine crashed\"}}\n\n"},
		{body: "data: {\"choices\":[{\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"}}})
	c := client(t, "vllm:m", f.URL+"/v1", Options{Stream: true, Sleep: clk.sleep})
	r, err := c.Complete(context.Background(), Request{Messages: userMsg})
	if err != nil || r.Answer != "ok" || r.Attempts != 2 || r.PromptTokens != nil {
		t.Fatalf("%+v %v", r, err)
	}
}

func TestOpenAIStreamCutShortIsBadResponse(t *testing.T) {
	f := newFake(t, map[string][]scripted{"POST /v1/chat/completions": {{body: "data: {\"choices\":[{\"delta\":{\"content\":\"77\"}}]}\n\n"}}})
	c := client(t, "vllm:m", f.URL+"/v1", Options{Stream: true})
	_, err := c.Complete(context.Background(), Request{Messages: userMsg})
	if pe := classOf(t, err); pe.Reason != results.ReasonBadResponse {
		t.Fatalf("%+v", pe)
	}
}

func TestOllamaStreamSuccessAndError(t *testing.T) {
	ndjson := `{"model":"q","message":{"role":"assistant","content":"","thinking":"hmm"},"done":false}
{"model":"q","message":{"role":"assistant","content":"77"},"done":false}
{"model":"q","message":{"role":"assistant","content":"34"},"done":false}
{"model":"q","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":4100,"eval_count":3}
`
	f := newFake(t, map[string][]scripted{"POST /api/chat": {{body: ndjson},
		{body: "{\"model\":\"q\",\"message\":{\"content\":\"x\"},\"done\":false}\n{\"error\":\"the input length exceeds the context length\"}\n"}}})
	c := client(t, "ollama:q", f.URL, Options{Stream: true})
	r, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8})
	if err != nil {
		t.Fatal(err)
	}
	if r.Answer != "7734" || r.Reasoning != "hmm" || r.FinishReason != "stop" || intp(r.PromptTokens) != 4100 || intp(r.CompletionTokens) != 3 {
		t.Fatalf("%+v", r)
	}
	if f.requests("/api/chat")[0].Body["stream"] != true {
		t.Fatal("stream flag not sent")
	}
	_, err = c.Complete(context.Background(), Request{Messages: userMsg})
	if pe := classOf(t, err); pe.Reason != results.ReasonContextExceeded || pe.Attempts != 1 {
		t.Fatalf("%+v", pe)
	}
}
