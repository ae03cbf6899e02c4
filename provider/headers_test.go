package provider

import (
	"context"
	"testing"

	"niah/results"
)

// A suite variant's extra headers reach every request, and a body field
// given as an option (chat_template_kwargs) is sent as JSON.
func TestHeadersAndBodyFieldsAreSent(t *testing.T) {
	f := newFake(t, map[string][]scripted{
		"POST /v1/chat/completions": {{status: 200, body: `{"choices":[{"message":{"content":"ok"},"finish_reason":"stop"}]}`}},
	})
	defer f.Close()
	c, err := openSpec("vllm:m@"+f.URL+"/v1", Options{Headers: map[string]string{"X-Route": "niah"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Complete(context.Background(), Request{MaxTokens: 8, Messages: []results.Message{{Role: "user", Content: "q"}},
		Options: map[string]string{"chat_template_kwargs": `{"enable_thinking":false}`}})
	if err != nil {
		t.Fatal(err)
	}
	reqs := f.requests("/v1/chat/completions")
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	if got := reqs[0].Header.Get("X-Route"); got != "niah" {
		t.Errorf("X-Route %q", got)
	}
	kw, ok := reqs[0].Body["chat_template_kwargs"].(map[string]any)
	if !ok || kw["enable_thinking"] != false {
		t.Errorf("chat_template_kwargs %#v", reqs[0].Body["chat_template_kwargs"])
	}
}
