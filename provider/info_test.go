package provider

import (
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"niah/results"
)

var (
	llamaProps  = `{"default_generation_settings":{"n_ctx":131072,"temperature":0.8},"total_slots":1,"model_path":"/m/q.gguf","build_info":"b6500-00dc805"}`
	llamaModels = `{"object":"list","data":[{"id":"q.gguf","object":"model","owned_by":"llamacpp","meta":{"n_ctx_train":262144,"n_vocab":151936}}]}`
	vllmModels  = `{"object":"list","data":[{"id":"Qwen/Qwen3-8B","object":"model","owned_by":"vllm","root":"Qwen/Qwen3-8B","max_model_len":131072}]}`
)

func TestInfoPerOpenAICompatibleServer(t *testing.T) {
	cases := []struct {
		name, spec     string
		routes         map[string][]scripted
		kind           Kind
		version        string
		ctx            int
		source         string
		tokenizer      bool
		extraKey, extr string
	}{
		{"llama.cpp", "llamacpp:q", map[string][]scripted{
			"GET /v1/models": {{body: llamaModels}}, "GET /props": {{body: llamaProps}}},
			"llamacpp", "b6500-00dc805", 131072, "props.default_generation_settings.n_ctx", true, "n_ctx_train", "262144"},
		{"vLLM", "vllm:Qwen/Qwen3-8B", map[string][]scripted{
			"GET /v1/models": {{body: vllmModels}}, "GET /version": {{body: `{"version":"0.11.0"}`}}},
			"vllm", "0.11.0", 131072, "models.max_model_len", true, "", ""},
		{"SGLang", "sglang:Qwen/Qwen3-8B", map[string][]scripted{
			"GET /v1/models": {{body: strings.ReplaceAll(vllmModels, `"vllm"`, `"sglang"`)}}},
			"sglang", "", 131072, "models.max_model_len", true, "", ""},
		{"TGI", "tgi:tgi", map[string][]scripted{
			"GET /info": {{body: `{"model_id":"meta-llama/Llama-3.1-8B-Instruct","max_input_tokens":131071,"max_total_tokens":131072,"router":"text-generation-router","version":"3.3.4"}`}}},
			"tgi", "3.3.4", 131072, "info.max_total_tokens", true, "max_input_tokens", "131071"},
		{"LM Studio loaded", "lmstudio:qwen3-8b", map[string][]scripted{
			"GET /v1/models":     {{body: `{"data":[{"id":"qwen3-8b","object":"model","owned_by":"organization_owner"}]}`}},
			"GET /api/v0/models": {{body: `{"data":[{"id":"qwen3-8b","state":"loaded","max_context_length":131072,"loaded_context_length":32768}]}`}}},
			"lmstudio", "", 32768, "api/v0/models.loaded_context_length", false, "max_context_length", "131072"},
		{"LM Studio not loaded", "lmstudio:qwen3-8b", map[string][]scripted{
			"GET /api/v0/models": {{body: `{"data":[{"id":"qwen3-8b","state":"not-loaded","max_context_length":131072}]}`}}},
			"lmstudio", "", 131072, "api/v0/models.max_context_length", false, "warning", "model not loaded: it will load with LM Studio's default context length, which may be smaller"},
		{"vllm alias that is really llama.cpp", "vllm:q", map[string][]scripted{
			"GET /v1/models": {{body: llamaModels}}, "GET /props": {{body: llamaProps}}},
			"llamacpp", "b6500-00dc805", 131072, "props.default_generation_settings.n_ctx", true, "kind_note", "the spec says vllm but the server answers as llamacpp"},
		{"openai alias that is really Ollama", "openai:qwen3:8b", map[string][]scripted{
			"GET /api/version": {{body: `{"version":"0.17.4"}`}},
			"POST /api/show":   {{body: `{"model_info":{"general.architecture":"qwen3","qwen3.context_length":40960}}`}}},
			"ollama", "0.17.4", 40960, "api/show model_info.qwen3.context_length", false, "kind_note", "the spec says openai but the server answers as ollama"},
		{"unknown compatible server", "openai:m", map[string][]scripted{
			"GET /v1/models": {{body: `{"data":[{"id":"m"}]}`}}},
			"openai", "", 0, "", false, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, tc.routes)
			c := client(t, tc.spec, f.URL+"/v1", Options{})
			info, err := c.Info(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if info.Kind != tc.kind || info.Version != tc.version || info.ContextLength != tc.ctx ||
				info.ContextSource != tc.source || info.HasTokenizer != tc.tokenizer {
				t.Fatalf("%+v", info)
			}
			if tc.extraKey != "" && info.Extra[tc.extraKey] != tc.extr {
				t.Fatalf("extra %v", info.Extra)
			}
		})
	}
}

func TestDetectedKindChangesTheRequestExtras(t *testing.T) {
	f := newFake(t, map[string][]scripted{"GET /v1/models": {{body: llamaModels}}, "GET /props": {{body: llamaProps}},
		"POST /v1/chat/completions": {{body: vllmAnswer}}})
	c := client(t, "vllm:q", f.URL+"/v1", Options{})
	if _, err := c.Info(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Complete(context.Background(), Request{Messages: userMsg}); err != nil {
		t.Fatal(err)
	}
	if f.requests("/v1/chat/completions")[0].Body["cache_prompt"] != true {
		t.Fatal("a server detected as llama.cpp should get cache_prompt")
	}
}

func TestInfoRejectsModelTheServerDoesNotServe(t *testing.T) {
	f := newFake(t, map[string][]scripted{"GET /v1/models": {{body: `{"data":[{"id":"a","max_model_len":8192},{"id":"b","max_model_len":8192}]}`}}})
	_, err := client(t, "vllm:typo", f.URL+"/v1", Options{}).Info(context.Background())
	pe := classOf(t, err)
	if pe.Reason != results.ReasonBadRequest || !strings.Contains(pe.Message, `"typo"`) || !strings.Contains(pe.Message, "a, b") {
		t.Fatalf("%+v", pe)
	}
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

func TestUnreachableServerFailsAtOnceAsNetwork(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "k")
	t.Setenv("GEMINI_API_KEY", "k")
	base := closedPort(t)
	for _, spec := range []string{"vllm:m", "llamacpp:m", "ollama:q", "anthropic:c", "gemini:g", "lmstudio:m"} {
		clk := &clock{}
		c := client(t, spec, base, Options{Sleep: clk.sleep})
		_, err := c.Info(context.Background())
		pe := classOf(t, err)
		if pe.Reason != results.ReasonNetwork || len(clk.got()) != 0 || !strings.Contains(pe.Message, base) || strings.Contains(pe.Message, "\n") {
			t.Fatalf("%s: %+v waits %v", spec, pe, clk.got())
		}
	}
	// Complete retries network errors, within MaxRetries
	clk := &clock{}
	_, err := client(t, "vllm:m", base, Options{Sleep: clk.sleep, MaxRetries: 2}).Complete(context.Background(), Request{Messages: userMsg})
	if pe := classOf(t, err); pe.Reason != results.ReasonNetwork || pe.Attempts != 3 {
		t.Fatalf("%+v", pe)
	}
}

func TestCountTokensPerServer(t *testing.T) {
	cases := []struct {
		spec, answer string
		want         int
		wantBody     map[string]any
	}{
		{"llamacpp:m", `{"tokens":[1,2,3,4]}`, 4, map[string]any{"content": "hello", "add_special": false}},
		{"vllm:m", `{"count":5,"max_model_len":131072,"tokens":[1,2,3,4,5]}`, 5, map[string]any{"model": "m", "prompt": "hello", "add_special_tokens": false}},
		{"sglang:m", `{"count":6,"tokens":[1,2,3,4,5,6],"max_model_len":131072}`, 6, map[string]any{"model": "m", "prompt": "hello", "add_special_tokens": false}},
	}
	for _, tc := range cases {
		f := newFake(t, map[string][]scripted{"POST /tokenize": {{body: tc.answer}}})
		c := client(t, tc.spec, f.URL+"/v1", Options{})
		n, err := c.(Tokenizing).CountTokens(context.Background(), "hello")
		if err != nil || n != tc.want {
			t.Fatalf("%s: %d %v", tc.spec, n, err)
		}
		got := f.requests("/tokenize")[0].Body
		for k, v := range tc.wantBody {
			if got[k] != v {
				t.Fatalf("%s: body %v", tc.spec, got)
			}
		}
	}
	// TGI answers a list of token objects
	f := newFake(t, map[string][]scripted{"POST /tokenize": {{body: `[{"id":1,"text":"he","start":0,"stop":2},{"id":2,"text":"llo","start":2,"stop":5}]`}}})
	n, err := client(t, "tgi:m", f.URL+"/v1", Options{}).(Tokenizing).CountTokens(context.Background(), "hello")
	if err != nil || n != 2 || f.requests("/tokenize")[0].Body["inputs"] != "hello" {
		t.Fatalf("tgi: %d %v", n, err)
	}
	// servers without a tokenizer do not offer the interface
	if _, ok := client(t, "lmstudio:m", f.URL+"/v1", Options{}).(Tokenizing); ok {
		t.Fatal("lmstudio client claims a tokenizer")
	}
	if _, ok := client(t, "ollama:m", f.URL, Options{}).(Tokenizing); ok {
		t.Fatal("ollama client claims a tokenizer")
	}
}

// A /tokenize answer without its token list is a bad response, never a
// count of 0; an empty list is a real 0.
func TestCountTokensAnswerWithoutTokens(t *testing.T) {
	for _, tc := range []struct{ spec, answer string }{
		{"llamacpp:m", `{}`}, {"llamacpp:m", `{"tokens":null}`}, {"llamacpp:m", `{"tokens":{}}`},
		{"tgi:m", `null`}, {"vllm:m", `{"tokens":[1,2]}`},
	} {
		f := newFake(t, map[string][]scripted{"POST /tokenize": {{body: tc.answer}}})
		n, err := client(t, tc.spec, f.URL+"/v1", Options{}).(Tokenizing).CountTokens(context.Background(), "hello")
		if pe := classOf(t, err); pe.Reason != results.ReasonBadResponse || n != 0 {
			t.Fatalf("%s answering %s: %d %+v", tc.spec, tc.answer, n, pe)
		}
	}
	for _, tc := range []struct{ spec, answer string }{
		{"llamacpp:m", `{"tokens":[]}`}, {"tgi:m", `[]`},
	} {
		f := newFake(t, map[string][]scripted{"POST /tokenize": {{body: tc.answer}}})
		n, err := client(t, tc.spec, f.URL+"/v1", Options{}).(Tokenizing).CountTokens(context.Background(), "")
		if err != nil || n != 0 {
			t.Fatalf("%s answering %s: %d %v", tc.spec, tc.answer, n, err)
		}
	}
	// token objects (llama.cpp with_pieces) count like ids
	f := newFake(t, map[string][]scripted{"POST /tokenize": {{body: `{"tokens":[{"id":1,"piece":"he"},{"id":2,"piece":"llo"},null]}`}}})
	n, err := client(t, "llamacpp:m", f.URL+"/v1", Options{}).(Tokenizing).CountTokens(context.Background(), "hello")
	if err != nil || n != 3 {
		t.Fatalf("token objects: %d %v", n, err)
	}
}

// Info requests have their own short limit; a timeout names it, not the
// per-trial --timeout.
func TestInfoTimeoutNamesItsOwnLimit(t *testing.T) {
	f := newFake(t, nil)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	f.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := client(t, "ollama:q", f.URL, Options{Timeout: time.Hour}).Info(ctx)
	pe := classOf(t, err)
	if pe.Reason != results.ReasonTimeout || !strings.Contains(pe.Message, infoTimeout.String()) || strings.Contains(pe.Message, "1h0m0s") {
		t.Fatalf("%+v", pe)
	}
}

// An alias that reaches Ollama asks /api/version once; a model /api/show
// does not know still leaves the server known as Ollama.
func TestOpenAIAliasOnOllama(t *testing.T) {
	for _, show := range []scripted{
		{body: `{"model_info":{"general.architecture":"qwen3","qwen3.context_length":40960}}`},
		{status: 404, body: `{"error":"model 'm' not found"}`},
	} {
		f := newFake(t, map[string][]scripted{
			"GET /v1/models":   {{body: `{"data":[{"id":"m","owned_by":"library"}]}`}},
			"GET /api/version": {{body: `{"version":"0.17.4"}`}},
			"POST /api/show":   {show},
		})
		info, err := client(t, "openai:m", f.URL+"/v1", Options{}).Info(context.Background())
		if err != nil || info.Kind != "ollama" || info.Version != "0.17.4" {
			t.Fatalf("show HTTP %d: %+v %v", show.status, info, err)
		}
		if n := len(f.requests("/api/version")); n != 1 {
			t.Fatalf("/api/version asked %d times", n)
		}
		if wantCtx := map[int]int{0: 40960, 404: 0}[show.status]; info.ContextLength != wantCtx {
			t.Fatalf("show HTTP %d: context %d, want %d", show.status, info.ContextLength, wantCtx)
		}
	}
}

// Ollama's /api/show carries the GGUF's RoPE keys: Info keeps them, so a
// comparison can tell a scaled model from a plain one.
func TestOllamaInfoKeepsRopeFacts(t *testing.T) {
	f := newFake(t, map[string][]scripted{
		"GET /api/version": {{body: `{"version":"0.17.4"}`}},
		"POST /api/show": {{body: `{"model_info":{"general.architecture":"llama","llama.context_length":2048,` +
			`"llama.rope.freq_base":10000,"llama.rope.scaling.factor":2,"llama.rope.scaling.type":"linear","llama.embedding_length":816}}`}},
		"GET /api/ps": {{body: `{"models":[]}`}}})
	info, err := client(t, "ollama:ref", f.URL, Options{}).Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"freq_base": "10000", "scaling.factor": "2", "scaling.type": "linear"}
	if len(info.Rope) != len(want) {
		t.Fatalf("rope %v, want %v", info.Rope, want)
	}
	for k, v := range want {
		if info.Rope[k] != v {
			t.Errorf("rope %s = %q, want %q", k, info.Rope[k], v)
		}
	}
}
