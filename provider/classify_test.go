package provider

import (
	"context"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"niah/results"
)

// errorCase is one documented failure answer (model-servers.md) and the
// class the client must give it.
type errorCase struct {
	name     string
	provider string // spec prefix, e.g. "vllm:m"
	path     string // route the fake answers on
	status   int
	body     string
	class    results.Reason
}

var documentedErrors = []errorCase{
	{"llama.cpp overflow", "llamacpp:m", "/v1/chat/completions", 400,
		`{"error":{"code":400,"message":"request (140213 tokens) exceeds the available context size (131072 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":140213,"n_ctx":131072}}`,
		results.ReasonContextExceeded},
	{"llama.cpp overflow by type only", "llamacpp:m", "/v1/chat/completions", 400,
		`{"error":{"code":400,"message":"some future wording","type":"exceed_context_size_error"}}`, results.ReasonContextExceeded},
	{"llama.cpp 2024 overflow as 500", "llamacpp:m", "/v1/chat/completions", 500,
		`{"error":{"code":500,"message":"Input is too large to process. Either enable context shift or increase context length.","type":"server_error"}}`,
		results.ReasonContextExceeded},
	{"vLLM nested body", "vllm:m", "/v1/chat/completions", 400,
		`{"error":{"message":"This model's maximum context length is 131072 tokens. However, you requested 4096 output tokens and your prompt contains at least 131073 input tokens, for a total of at least 135169 tokens. Please reduce the length of the input prompt or the number of requested output tokens.","type":"BadRequestError","param":"input_tokens","code":400}}`,
		results.ReasonContextExceeded},
	{"vLLM flat body", "vllm:m", "/v1/chat/completions", 400,
		`{"object":"error","message":"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the completion). Please reduce the length of the messages or completion.","type":"BadRequestError","param":null,"code":400}`,
		results.ReasonContextExceeded},
	{"vLLM renderer wording", "vllm:m", "/v1/chat/completions", 400,
		`{"error":{"message":"You passed 140000 input tokens and requested 0 output tokens. However, the model's context length is only 131072 tokens, resulting in a maximum input length of 131072 tokens. Please reduce the length of the input prompt.","type":"BadRequestError","param":"input_tokens","code":400}}`,
		results.ReasonContextExceeded},
	{"SGLang input longer", "sglang:m", "/v1/chat/completions", 400,
		`{"object":"error","message":"The input (140000 tokens) is longer than the model's context length (131072 tokens).","type":"BadRequestError","param":null,"code":400}`,
		results.ReasonContextExceeded},
	{"SGLang requested total", "sglang:m", "/v1/chat/completions", 400,
		`{"object":"error","message":"Requested token count exceeds the model's maximum context length of 131072 tokens. You requested a total of 131200 tokens: 131000 tokens from the input messages and 200 tokens for the completion.","type":"BadRequestError","param":null,"code":400}`,
		results.ReasonContextExceeded},
	{"TGI total", "tgi:m", "/v1/chat/completions", 422,
		"{\"error\":\"Input validation error: `inputs` tokens + `max_new_tokens` must be <= 131072. Given: 131000 `inputs` tokens and 200 `max_new_tokens`\",\"error_type\":\"validation\"}",
		results.ReasonContextExceeded},
	{"TGI inputs", "tgi:m", "/v1/chat/completions", 422,
		"{\"error\":\"Input validation error: `inputs` must have less than 131071 tokens. Given: 140000\",\"error_type\":\"validation\"}",
		results.ReasonContextExceeded},
	{"TGI other validation", "tgi:m", "/v1/chat/completions", 422,
		`{"error":"Input validation error: temperature must be strictly positive","error_type":"validation"}`,
		results.ReasonBadRequest},
	{"OpenAI code", "openai:gpt-4.1", "/v1/chat/completions", 400,
		`{"error":{"message":"This model's maximum context length is 128000 tokens. However, your messages resulted in 130064 tokens. Please reduce the length of the messages.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}`,
		results.ReasonContextExceeded},
	{"OpenAI code only", "openai:gpt-4.1", "/v1/chat/completions", 400,
		`{"error":{"message":"Your input exceeds the limit.","type":"invalid_request_error","code":"context_length_exceeded"}}`,
		results.ReasonContextExceeded},
	{"LM Studio keep-first", "lmstudio:m", "/v1/chat/completions", 400,
		`{"error":"Trying to keep the first 111490 tokens when context the overflows. However, the model is loaded with context length of only 32768 tokens, which is not enough."}`,
		results.ReasonContextExceeded},
	{"LM Studio keep-first with HTTP 200", "lmstudio:m", "/v1/chat/completions", 200,
		`{"error":"Trying to keep the first 111490 tokens when context the overflows. However, the model is loaded with context length of only 32768 tokens."}`,
		results.ReasonContextExceeded},
	{"LM Studio n_keep", "lmstudio:m", "/v1/chat/completions", 400,
		`{"error":"Cannot truncate prompt with n_keep (15028) >= n_ctx (7424)"}`, results.ReasonContextExceeded},
	{"Anthropic too long", "anthropic:c", "/v1/messages", 400,
		`{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 208656 tokens > 200000 maximum"},"request_id":"req_1"}`,
		results.ReasonContextExceeded},
	{"Anthropic older wording", "anthropic:c", "/v1/messages", 400,
		"{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"input length and `max_tokens` exceed context limit: 189136 + 20000 > 204648, decrease input length or `max_tokens` and try again\"}}",
		results.ReasonContextExceeded},
	{"Anthropic body too large", "anthropic:c", "/v1/messages", 413,
		`{"type":"error","error":{"type":"request_too_large","message":"Request exceeds the maximum allowed number of bytes."}}`,
		results.ReasonContextExceeded},
	{"Gemini too long", "gemini:g", "/v1beta/models/g:generateContent", 400,
		`{"error":{"code":400,"message":"The input token count (1196265) exceeds the maximum number of tokens allowed (1048575).","status":"INVALID_ARGUMENT"}}`,
		results.ReasonContextExceeded},
	{"Ollama 400", "ollama:q", "/api/chat", 400, `{"error":"the input length exceeds the context length"}`, results.ReasonContextExceeded},
	{"Ollama v0.30 400", "ollama:q", "/api/chat", 400,
		`{"error":"the prompt is longer than the context length currently available to the model; shorten the prompt or adjust the context length in settings"}`,
		results.ReasonContextExceeded},
	{"Ollama unknown model", "ollama:q", "/api/chat", 404, `{"error":"model \"q\" not found, try pulling it first"}`, results.ReasonBadRequest},
	{"auth 401", "vllm:m", "/v1/chat/completions", 401, `{"error":{"message":"Unauthorized"}}`, results.ReasonAuth},
	{"auth 403", "gemini:g", "/v1beta/models/g:generateContent", 403, `{"error":{"code":403,"message":"denied","status":"PERMISSION_DENIED"}}`, results.ReasonAuth},
	{"bad JSON", "vllm:m", "/v1/chat/completions", 200, `{"choices":[{"message":`, results.ReasonBadResponse},
	{"empty body", "ollama:q", "/api/chat", 200, ``, results.ReasonBadResponse},
	{"no choices", "vllm:m", "/v1/chat/completions", 200, `{"choices":[]}`, results.ReasonBadResponse},
}

// TestDocumentedErrorsAreClassifiedAndNotRetried sends every documented
// failure through the real client and checks its class, that it names the
// server in one line, and that permanent classes are tried exactly once.
func TestDocumentedErrorsAreClassifiedAndNotRetried(t *testing.T) {
	t.Setenv("OPENAI_API_KEY", "sk-test")
	t.Setenv("ANTHROPIC_API_KEY", "ak-test")
	t.Setenv("GEMINI_API_KEY", "gk-test")
	for _, tc := range documentedErrors {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, map[string][]scripted{"POST " + tc.path: {{status: tc.status, body: tc.body}}})
			base := f.URL
			if strings.HasPrefix(tc.path, "/v1/chat") {
				base += "/v1"
			}
			clk := &clock{}
			c := client(t, tc.provider, base, Options{Sleep: clk.sleep})
			resp, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 32})
			pe := classOf(t, err)
			if pe.Reason != tc.class {
				t.Fatalf("class %q, want %q (%s)", pe.Reason, tc.class, pe.Message)
			}
			if pe.Attempts != 1 || resp.Attempts != 1 || len(clk.got()) != 0 {
				t.Fatalf("%s was retried: attempts %d, waits %v", pe.Reason, pe.Attempts, clk.got())
			}
			if !strings.Contains(pe.Message, f.URL) || strings.Contains(pe.Message, "\n") {
				t.Fatalf("message must be one line naming the server: %q", pe.Message)
			}
			if pe.HTTPStatus != tc.status || resp.HTTPStatus != tc.status {
				t.Fatalf("status %d/%d, want %d", pe.HTTPStatus, resp.HTTPStatus, tc.status)
			}
		})
	}
}

func TestClassifyStatus(t *testing.T) {
	cases := map[int]results.Reason{401: results.ReasonAuth, 403: results.ReasonAuth, 429: results.ReasonRateLimited, 529: results.ReasonRateLimited,
		500: results.ReasonServerError, 502: results.ReasonServerError, 503: results.ReasonServerError, 504: results.ReasonTimeout,
		413: results.ReasonContextExceeded, 400: results.ReasonBadRequest, 404: results.ReasonBadRequest}
	for status, want := range cases {
		if got := classifyStatus(status, []byte(`{"error":"x"}`)); got != want {
			t.Errorf("classifyStatus(%d) = %s, want %s", status, got, want)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	h := http.Header{}
	for in, want := range map[string]time.Duration{
		"7": 7 * time.Second, "0.5": 500 * time.Millisecond, "": 0, "soon": 0, "-3": 0,
		now.Add(90 * time.Second).Format(http.TimeFormat): 90 * time.Second,
		now.Add(-time.Minute).Format(http.TimeFormat):     0,
		// absurd values wait the cap, never overflow into a negative wait
		"1e10": retryAfterCap, "Inf": retryAfterCap, "NaN": 0,
		now.Add(48 * time.Hour).Format(http.TimeFormat): retryAfterCap,
	} {
		h.Set("Retry-After", in)
		if got := parseRetryAfter(h, now); got != want {
			t.Errorf("Retry-After %q = %v, want %v", in, got, want)
		}
	}
}

func TestServerMessageShapesAndLength(t *testing.T) {
	for body, want := range map[string]string{
		`{"error":{"message":"a  b\nc"}}`:  "a b c",
		`{"error":"plain"}`:                "plain",
		`{"object":"error","message":"m"}`: "m",
		`{"detail":"fastapi"}`:             "fastapi",
		"<html>bad gateway</html>":         "<html>bad gateway</html>",
		"":                                 "(empty body)",
	} {
		if got := serverMessage([]byte(body)); got != want {
			t.Errorf("serverMessage(%q) = %q, want %q", body, got, want)
		}
	}
	long := serverMessage([]byte(strings.Repeat("x", 5000)))
	if n := len([]rune(long)); n > 301 {
		t.Errorf("long body kept %d runes", n)
	}
}

func TestOneLineCutsAt300Runes(t *testing.T) {
	exact := strings.Repeat("é", 150) + " " + strings.Repeat("b", 149)
	for in, want := range map[string]string{
		exact:                         exact,
		" \n" + exact + "\t\n ":       exact,
		exact + "c":                   exact + "…",
		exact + " c":                  exact + "…",
		strings.Repeat("日", 5000):     strings.Repeat("日", 300) + "…",
		strings.Repeat("a   \n", 400): strings.Repeat("a ", 150) + "…",
	} {
		if got := oneLine(in); got != want {
			t.Errorf("oneLine(%.40q…) = %.40q… (%d runes), want %.40q… (%d runes)",
				in, got, len([]rune(got)), want, len([]rune(want)))
		}
	}
}

// A bad answer can be a whole body of hundreds of megabytes: the error
// line must not cost a copy (or four, as runes) of it.
func TestOneLineReadsOnlyWhatItKeeps(t *testing.T) {
	huge := strings.Repeat("token ", 8<<20) // 48 MiB
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got := oneLine(huge)
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("oneLine of 48 MiB allocated %d bytes", n)
	}
	if n := len([]rune(got)); n != 301 {
		t.Errorf("kept %d runes", n)
	}
}
