package provider

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"niah/results"
)

const vllmAnswer = `{"id":"chatcmpl-1","object":"chat.completion","model":"m",
 "choices":[{"index":0,"message":{"role":"assistant","content":"7734","reasoning_content":"the number is 7734"},"finish_reason":"stop"}],
 "usage":{"prompt_tokens":131012,"completion_tokens":3,"total_tokens":131015,"prompt_tokens_details":{"cached_tokens":130992}}}`

func chatRoute(body string) map[string][]scripted {
	return map[string][]scripted{"POST /v1/chat/completions": {{body: body}}}
}

// jsonOf round-trips v so it compares with a decoded request body.
func jsonOf(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestOpenAICompatibleRequestBodies(t *testing.T) {
	msgs := jsonOf(t, userMsg)
	cases := []struct {
		spec string
		want map[string]any
	}{
		{"vllm:Qwen/Qwen3-8B", map[string]any{"model": "Qwen/Qwen3-8B", "messages": msgs, "temperature": 0.0,
			"seed": 42.0, "max_tokens": 32.0, "stream": false, "top_k": 1.0}},
		{"sglang:m", map[string]any{"model": "m", "messages": msgs, "temperature": 0.0,
			"seed": 42.0, "max_tokens": 32.0, "stream": false, "top_k": 1.0}},
		{"llamacpp:m", map[string]any{"model": "m", "messages": msgs, "temperature": 0.0,
			"seed": 42.0, "max_tokens": 32.0, "stream": false, "top_k": 1.0, "cache_prompt": true}},
		{"tgi:m", map[string]any{"model": "m", "messages": msgs, "temperature": 0.0,
			"seed": 42.0, "max_tokens": 32.0, "stream": false}},
		{"openai:gpt-4.1", map[string]any{"model": "gpt-4.1", "messages": msgs, "temperature": 0.0,
			"seed": 42.0, "max_tokens": 32.0, "stream": false}},
		// reasoning models refuse temperature 0 and max_tokens
		{"openai:o3-mini", map[string]any{"model": "o3-mini", "messages": msgs,
			"seed": 42.0, "max_completion_tokens": 32.0, "stream": false}},
	}
	for _, tc := range cases {
		t.Run(tc.spec, func(t *testing.T) {
			f := newFake(t, chatRoute(vllmAnswer))
			c := client(t, tc.spec, f.URL+"/v1", Options{})
			if _, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 32, Seed: 42}); err != nil {
				t.Fatal(err)
			}
			got := f.requests("/v1/chat/completions")[0].Body
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("body\n got %v\nwant %v", got, tc.want)
			}
			if _, ok := got["truncate_prompt_tokens"]; ok {
				t.Fatal("truncate_prompt_tokens sent")
			}
		})
	}
}

func TestOpenAIUserOptionsMerge(t *testing.T) {
	f := newFake(t, chatRoute(vllmAnswer))
	c := client(t, "vllm:m", f.URL+"/v1", Options{})
	opts := map[string]string{"top_k": "5", "min_p": "0.1", "chat_template_kwargs": `{"enable_thinking":false}`,
		"cache_salt": "run-42", "temperature": "null", "max_completion_tokens": "64"}
	if _, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 32, Options: opts}); err != nil {
		t.Fatal(err)
	}
	got := f.requests("/v1/chat/completions")[0].Body
	if got["top_k"] != 5.0 || got["min_p"] != 0.1 || got["cache_salt"] != "run-42" || got["max_completion_tokens"] != 64.0 {
		t.Fatalf("options not merged as JSON/strings: %v", got)
	}
	if kw, _ := got["chat_template_kwargs"].(map[string]any); kw["enable_thinking"] != false {
		t.Fatalf("JSON object option: %v", got["chat_template_kwargs"])
	}
	if _, ok := got["temperature"]; ok {
		t.Fatal("temperature=null must remove the field")
	}
	if _, ok := got["max_tokens"]; ok {
		t.Fatal("max_tokens sent together with max_completion_tokens")
	}

	_, err := c.Complete(context.Background(), Request{Messages: userMsg, Options: map[string]string{"truncate_prompt_tokens": "1000"}})
	if err == nil || !strings.Contains(err.Error(), "--option truncate_prompt_tokens") {
		t.Fatalf("truncate_prompt_tokens must be refused naming the flag: %v", err)
	}
	if n := len(f.requests("/v1/chat/completions")); n != 1 {
		t.Fatalf("refused request reached the server (%d requests)", n)
	}
}

func TestOpenAIResponseParsing(t *testing.T) {
	cases := []struct {
		name                     string
		body                     string
		answer, reasoning, finis string
		prompt, cached, compl    any
	}{
		{"vLLM with cached tokens and reasoning_content", vllmAnswer, "7734", "the number is 7734", "stop", 131012, 130992, 3},
		{"vLLM null details is unknown, not 0",
			`{"choices":[{"message":{"content":"x","reasoning":"think"},"finish_reason":"length"}],"usage":{"prompt_tokens":10,"completion_tokens":2,"prompt_tokens_details":null}}`,
			"x", "think", "length", 10, nil, 2},
		{"llama.cpp timings.cache_n fallback",
			`{"choices":[{"message":{"content":"y"},"finish_reason":"stop"}],"usage":{"prompt_tokens":131000,"completion_tokens":9},"timings":{"cache_n":120310,"prompt_n":10690}}`,
			"y", "", "stop", 131000, 120310, 9},
		{"no usage at all", `{"choices":[{"message":{"content":null},"finish_reason":"stop"}]}`, "", "", "stop", nil, nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, chatRoute(tc.body))
			c := client(t, "vllm:m", f.URL+"/v1", Options{})
			r, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8})
			if err != nil {
				t.Fatal(err)
			}
			if r.Answer != tc.answer || r.Reasoning != tc.reasoning || r.FinishReason != tc.finis {
				t.Fatalf("got %q %q %q", r.Answer, r.Reasoning, r.FinishReason)
			}
			if intp(r.PromptTokens) != tc.prompt || intp(r.CachedTokens) != tc.cached || intp(r.CompletionTokens) != tc.compl {
				t.Fatalf("counts %v %v %v", intp(r.PromptTokens), intp(r.CachedTokens), intp(r.CompletionTokens))
			}
			if r.HTTPStatus != 200 || r.Attempts != 1 || !json.Valid(r.Raw) {
				t.Fatalf("status %d attempts %d raw %s", r.HTTPStatus, r.Attempts, r.Raw)
			}
		})
	}
}

func TestPlainCompletionsRoute(t *testing.T) {
	f := newFake(t, map[string][]scripted{"POST /v1/completions": {{body: `{"choices":[{"text":" 7734","finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2}}`}}})
	c := client(t, "openai-completions:m", f.URL+"/v1", Options{})
	r, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8})
	if err != nil || r.Answer != " 7734" {
		t.Fatalf("%q %v", r.Answer, err)
	}
	body := f.requests("/v1/completions")[0].Body
	if body["prompt"] != "Answer briefly.\n\nWhat is the secret number?" || body["messages"] != nil {
		t.Fatalf("body %v", body)
	}
}

func TestRateLimitHonoursRetryAfter(t *testing.T) {
	date := time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)
	f := newFake(t, map[string][]scripted{"POST /v1/chat/completions": {scripted{status: 429, header: map[string]string{"Retry-After": "7"}, body: `{"error":{"message":"slow down"}}`},
		scripted{status: 529, header: map[string]string{"Retry-After": date}, body: `{"error":{"type":"overloaded_error"}}`},
		scripted{body: vllmAnswer}}})
	clk := &clock{}
	c := client(t, "vllm:m", f.URL+"/v1", Options{Sleep: clk.sleep})
	r, err := c.Complete(context.Background(), Request{Messages: userMsg})
	if err != nil {
		t.Fatal(err)
	}
	waits := clk.got()
	if r.Attempts != 3 || len(waits) != 2 || waits[0] != 7*time.Second {
		t.Fatalf("attempts %d waits %v", r.Attempts, waits)
	}
	// an HTTP date an hour away is honoured up to the 10-minute cap
	if waits[1] != retryAfterCap {
		t.Fatalf("date Retry-After wait %v, want %v", waits[1], retryAfterCap)
	}
}

func TestServerErrorsRetriedWithBackoffThenSucceed(t *testing.T) {
	f := newFake(t, map[string][]scripted{"POST /v1/chat/completions": {scripted{status: 503, body: `{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}`},
		scripted{status: 500, body: `oops`},
		scripted{body: vllmAnswer}}})
	clk := &clock{}
	c := client(t, "llamacpp:m", f.URL+"/v1", Options{Sleep: clk.sleep})
	r, err := c.Complete(context.Background(), Request{Messages: userMsg})
	if err != nil || r.Answer != "7734" || r.Attempts != 3 {
		t.Fatalf("%+v %v", r, err)
	}
	w := clk.got()
	// jittered exponential: retry n waits within [base*2^(n-1)/2, base*2^(n-1)]
	if len(w) != 2 || w[0] < 500*time.Millisecond || w[0] > time.Second || w[1] < time.Second || w[1] > 2*time.Second {
		t.Fatalf("waits %v", w)
	}
}

func TestRetriesAreBounded(t *testing.T) {
	f := newFake(t, map[string][]scripted{"POST /v1/chat/completions": {scripted{status: 502, body: "bad gateway"}}})
	clk := &clock{}
	c := client(t, "vllm:m", f.URL+"/v1", Options{Sleep: clk.sleep, MaxRetries: 2})
	r, err := c.Complete(context.Background(), Request{Messages: userMsg})
	pe := classOf(t, err)
	if pe.Reason != results.ReasonServerError || pe.Attempts != 3 || r.Attempts != 3 || len(clk.got()) != 2 {
		t.Fatalf("class %s attempts %d/%d waits %v", pe.Reason, pe.Attempts, r.Attempts, clk.got())
	}
	if string(r.Raw) != `"bad gateway"` {
		t.Fatalf("non-JSON body must be kept as a JSON string, got %s", r.Raw)
	}
	// retry n waits within [w/2, w], w = base*2^(n-1) capped
	for attempt := 1; attempt <= 12; attempt++ {
		w := min(backoffBase<<min(attempt-1, 7), backoffCap)
		if d := (&conn{}).backoff(attempt, 0); d < w/2 || d > w {
			t.Fatalf("backoff(%d) = %v, want within [%v, %v]", attempt, d, w/2, w)
		}
	}
}

func TestAuthNotRetriedAndKeyNeverLeaks(t *testing.T) {
	const key = "sk-secret-123456"
	t.Setenv("OPENAI_API_KEY", key)
	f := newFake(t, map[string][]scripted{"POST /v1/chat/completions": {scripted{status: 401,
		body: `{"error":{"message":"Incorrect API key provided: sk-secret-123456.","type":"invalid_request_error","code":"invalid_api_key"}}`}}})
	clk := &clock{}
	c := client(t, "openai:gpt-4.1", f.URL+"/v1", Options{Sleep: clk.sleep})
	r, err := c.Complete(context.Background(), Request{Messages: userMsg})
	pe := classOf(t, err)
	if pe.Reason != results.ReasonAuth || pe.Attempts != 1 || len(clk.got()) != 0 {
		t.Fatalf("%+v", pe)
	}
	for _, s := range []string{pe.Message, string(r.Raw), c.Spec()} {
		if strings.Contains(s, key) {
			t.Fatalf("key leaked: %s", s)
		}
	}
	if got := f.requests("/v1/chat/completions")[0].Header.Get("Authorization"); got != "Bearer "+key {
		t.Fatalf("Authorization header %q", got)
	}
}

func TestTimeoutIsClassifiedAndRetried(t *testing.T) {
	f := newFake(t, nil)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) }) // runs before the server's Close
	f.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		select { // never answers: the client's per-attempt timeout must fire
		case <-r.Context().Done():
		case <-release:
		}
	})
	clk := &clock{}
	c := client(t, "vllm:m", f.URL+"/v1", Options{Sleep: clk.sleep, Timeout: 50 * time.Millisecond, MaxRetries: 1})
	_, err := c.Complete(context.Background(), Request{Messages: userMsg})
	pe := classOf(t, err)
	if pe.Reason != results.ReasonTimeout || pe.Attempts != 2 || !strings.Contains(pe.Message, "--timeout") {
		t.Fatalf("%+v", pe)
	}
}

func TestCallerCancellationStopsRetries(t *testing.T) {
	f := newFake(t, map[string][]scripted{"POST /v1/chat/completions": {scripted{status: 503, body: "busy"}}})
	ctx, cancel := context.WithCancel(context.Background())
	c := client(t, "vllm:m", f.URL+"/v1", Options{Sleep: func(context.Context, time.Duration) error { cancel(); return context.Canceled }})
	_, err := c.Complete(ctx, Request{Messages: userMsg})
	if err != context.Canceled {
		t.Fatalf("want context.Canceled, got %v", err)
	}
}
