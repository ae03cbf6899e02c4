package provider

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"niah/results"
)

const ollamaReply = `{"model":"qwen3:8b","created_at":"2026-01-01T00:00:00Z",
 "message":{"role":"assistant","content":"7734","thinking":"the needle said 7734"},
 "done":true,"done_reason":"stop","total_duration":41234000000,"prompt_eval_count":131012,"eval_count":3}`

func TestOllamaRequestBody(t *testing.T) {
	f := newFake(t, map[string][]scripted{"POST /api/chat": {{body: ollamaReply}}})
	c := client(t, "ollama:qwen3:8b", f.URL, Options{ContextHint: 140000})
	r, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 32, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"model": "qwen3:8b", "messages": jsonOf(t, userMsg), "stream": false,
		"truncate": false, "shift": false, "keep_alive": "30m",
		"options": map[string]any{"temperature": 0.0, "seed": 7.0, "top_k": 1.0, "num_predict": 32.0, "num_ctx": 140000.0},
	}
	if got := f.requests("/api/chat")[0].Body; !reflect.DeepEqual(got, want) {
		t.Fatalf("body\n got %v\nwant %v", got, want)
	}
	if r.Answer != "7734" || r.Reasoning != "the needle said 7734" || r.FinishReason != "stop" ||
		intp(r.PromptTokens) != 131012 || intp(r.CompletionTokens) != 3 || r.CachedTokens != nil {
		t.Fatalf("%+v", r)
	}
}

func TestOllamaUserOptions(t *testing.T) {
	f := newFake(t, map[string][]scripted{"POST /api/chat": {{body: ollamaReply}}})
	c := client(t, "ollama:q", f.URL+"/v1", Options{ContextHint: 140000}) // a copied /v1 base is forgiven
	opts := map[string]string{"num_ctx": "65536", "think": "false", "keep_alive": "-1", "stop": `["\n"]`}
	if _, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8, Options: opts}); err != nil {
		t.Fatal(err)
	}
	got := f.requests("/api/chat")[0].Body
	o := got["options"].(map[string]any)
	if o["num_ctx"] != 65536.0 {
		t.Fatalf("user num_ctx must win over ContextHint: %v", o)
	}
	if got["think"] != false || got["keep_alive"] != -1.0 || o["think"] != nil {
		t.Fatalf("think/keep_alive belong at top level: %v", got)
	}
	if stop, _ := o["stop"].([]any); len(stop) != 1 || stop[0] != "\n" {
		t.Fatalf("stop: %v", o["stop"])
	}
	for _, k := range []string{"truncate", "shift"} {
		_, err := c.Complete(context.Background(), Request{Messages: userMsg, Options: map[string]string{k: "true"}})
		if err == nil || !strings.Contains(err.Error(), "--option "+k) {
			t.Fatalf("%s=true must be refused: %v", k, err)
		}
	}
}

func TestOllamaWithoutHintSendsNoNumCtx(t *testing.T) {
	f := newFake(t, map[string][]scripted{"POST /api/chat": {{body: ollamaReply}}})
	c := client(t, "ollama:q", f.URL, Options{})
	if _, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8}); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.requests("/api/chat")[0].Body["options"].(map[string]any)["num_ctx"]; ok {
		t.Fatal("num_ctx sent without ContextHint or user option")
	}
}

func TestOllamaMissingCountsAreUnknown(t *testing.T) {
	f := newFake(t, map[string][]scripted{"POST /api/chat": {{
		body: `{"model":"q","message":{"role":"assistant","content":"hi"},"done":true,"done_reason":"length","eval_count":8,"prompt_eval_cached_count":4096}`}}})
	c := client(t, "ollama:q", f.URL, Options{})
	r, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8})
	if err != nil {
		t.Fatal(err)
	}
	if r.PromptTokens != nil || intp(r.CachedTokens) != 4096 || r.FinishReason != "length" {
		t.Fatalf("absent prompt_eval_count must stay nil: %+v", r)
	}
}

func TestOllamaInfo(t *testing.T) {
	f := newFake(t, map[string][]scripted{
		"GET /api/version": {{body: `{"version":"0.17.4"}`}},
		"POST /api/show": {{body: `{"parameters":"temperature 0.7\nnum_ctx 32768","details":{"family":"qwen2"},
			"model_info":{"general.architecture":"qwen2","qwen2.context_length":131072,"qwen2.rope.freq_base":1000000}}`}},
		"GET /api/ps": {{body: `{"models":[{"name":"qwen2.5:7b","model":"qwen2.5:7b","context_length":65536}]}`}},
	})
	c := client(t, "ollama:qwen2.5:7b", f.URL, Options{ContextHint: 262144})
	info, err := c.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.Kind != "ollama" || info.Version != "0.17.4" || info.ContextLength != 131072 ||
		info.ContextSource != "api/show model_info.qwen2.context_length" || info.HasTokenizer {
		t.Fatalf("%+v", info)
	}
	if info.Extra["modelfile_num_ctx"] != "32768" || info.Extra["loaded_context_length"] != "65536" ||
		!strings.Contains(info.Extra["warning"], "exceeds the model's trained context") {
		t.Fatalf("extra %v", info.Extra)
	}
	if f.requests("/api/show")[0].Body["model"] != "qwen2.5:7b" {
		t.Fatal("api/show body")
	}
}

func TestOllamaInfoUnknownModel(t *testing.T) {
	f := newFake(t, map[string][]scripted{
		"GET /api/version": {{body: `{"version":"0.17.4"}`}},
		"POST /api/show":   {{status: 404, body: `{"error":"model 'nope' not found"}`}},
	})
	_, err := client(t, "ollama:nope", f.URL, Options{}).Info(context.Background())
	pe := classOf(t, err)
	if pe.Reason != results.ReasonBadRequest || !strings.Contains(pe.Message, "ollama pull nope") {
		t.Fatalf("%+v", pe)
	}
}

// A model named without a tag is listed by /api/ps as NAME:latest.
func TestOllamaInfoLoadedContextOfUntaggedModel(t *testing.T) {
	f := newFake(t, map[string][]scripted{
		"GET /api/version": {{body: `{"version":"0.17.4"}`}},
		"POST /api/show":   {{body: `{"model_info":{"general.architecture":"llama","llama.context_length":32768}}`}},
		"GET /api/ps": {{body: `{"models":[{"name":"other:latest","model":"other:latest","context_length":2048},
			{"name":"tiny:latest","model":"tiny:latest","context_length":4096}]}`}},
	})
	info, err := client(t, "ollama:tiny", f.URL, Options{}).Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Extra["loaded_context_length"]; got != "4096" {
		t.Fatalf("loaded_context_length %q, want 4096 (tiny is tiny:latest)", got)
	}
	for name, want := range map[string]string{"tiny": "tiny:latest", "tiny:latest": "tiny:latest", "qwen3:8b": "qwen3:8b",
		"me/model": "me/model:latest", "hf.co/u/repo:Q4_K_M": "hf.co/u/repo:Q4_K_M", "host:5000/lib/m": "host:5000/lib/m:latest"} {
		if got := ollamaTagged(name); got != want {
			t.Errorf("ollamaTagged(%q) = %q, want %q", name, got, want)
		}
	}
}

// A key named with --api-key-env is sent (ollama.com, authenticating
// proxies) and never shows in errors or records; without one, none is sent.
func TestOllamaSendsTheKeyItWasGiven(t *testing.T) {
	const key = "ok-secret-42"
	t.Setenv("NIAH_OLLAMA_KEY", key)
	t.Setenv("OPENAI_API_KEY", "sk-hosted")
	f := newFake(t, map[string][]scripted{"POST /api/chat": {{body: ollamaReply},
		{status: 401, body: `{"error":"unauthorized key ok-secret-42"}`}}})
	c := client(t, "ollama:q", f.URL, Options{APIKeyEnv: "NIAH_OLLAMA_KEY"})
	if _, err := c.Complete(context.Background(), Request{Messages: userMsg}); err != nil {
		t.Fatal(err)
	}
	if got := f.requests("/api/chat")[0].Header.Get("Authorization"); got != "Bearer "+key {
		t.Fatalf("Authorization %q", got)
	}
	r, err := c.Complete(context.Background(), Request{Messages: userMsg})
	if pe := classOf(t, err); pe.Reason != results.ReasonAuth || strings.Contains(pe.Message, key) || strings.Contains(string(r.Raw), key) {
		t.Fatalf("%+v raw %s", pe, r.Raw)
	}
	g := newFake(t, map[string][]scripted{"POST /api/chat": {{body: ollamaReply}}})
	if _, err := client(t, "ollama:q", g.URL, Options{}).Complete(context.Background(), Request{Messages: userMsg}); err != nil {
		t.Fatal(err)
	}
	if got := g.requests("/api/chat")[0].Header.Get("Authorization"); got != "" {
		t.Fatalf("a local Ollama got Authorization %q", got)
	}
}
