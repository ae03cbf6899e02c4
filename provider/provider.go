// Package provider holds one client per server protocol (OpenAI-compatible,
// Ollama native, Anthropic, Gemini) and the registry of server kinds.
// Clients speak plain net/http, send exact bodies and keep raw responses.
// The built-in simulation, which has no server, is package sim.
package provider

import (
	"context"
	"encoding/json"
	"time"

	"niah/haystack"
	"niah/results"
)

// Request is one trial's request. Sampling is pinned by the client:
// temperature 0, Seed where the protocol has one, MaxTokens always.
type Request struct {
	Messages  []results.Message
	MaxTokens int
	Seed      int64
	// Options are the user's --option KEY=VALUE pairs, passed to the server
	// (e.g. num_ctx for Ollama, top_k for vLLM). Values are parsed as JSON
	// when they parse (numbers, booleans), else sent as strings.
	Options map[string]string
	// Stream is the runner's worker stream that sends the request, stable
	// for the run: requests of one stream follow each other in prefix
	// order, so a client with replicas should keep a stream on one.
	Stream int
}

// Response is what one request yielded. Counts the server did not report are nil.
type Response struct {
	Answer       string
	Reasoning    string // separate reasoning text, if the server gives one
	FinishReason string
	// Refusal says, in one line, why nothing was measured although the
	// server answered: it blocked the prompt (Gemini's blockReason), the
	// model declined (Anthropic's stop reason "refusal") or a content
	// filter withheld the answer (refusal.go). "" otherwise.
	Refusal      string
	PromptTokens *int // prompt tokens as the server counted them
	CachedTokens *int // prompt tokens the server took from its cache
	// ComputedTokens are the prompt tokens the server computed (prefill),
	// when it says so (llama.cpp timings.prompt_n, Anthropic's uncached
	// input); the runner derives prompt − cached when only those are known.
	ComputedTokens *int
	// CacheWriteTokens are prompt tokens written to a cache (Anthropic).
	CacheWriteTokens *int
	// PrefillMS is the server's own prompt-processing time in milliseconds
	// (llama.cpp timings.prompt_ms, Ollama prompt_eval_duration).
	PrefillMS        *float64
	CompletionTokens *int
	Latency          time.Duration
	HTTPStatus       int
	Raw              json.RawMessage // the raw response body (last attempt)
	Attempts         int
}

// Error is a classified request failure.
type Error struct {
	Reason     results.Reason // why: the same vocabulary trial records use
	HTTPStatus int
	Message    string        // one line: server and what it said
	RetryAfter time.Duration // from a Retry-After header, if any
	Attempts   int
}

func (e *Error) Error() string { return e.Message }

// ServerInfo is what a client learned about its server before the first trial.
type ServerInfo struct {
	Kind          Kind   `json:"kind"` // a registry row's name: what the server answered as
	Version       string `json:"version,omitempty"`
	Model         string `json:"model,omitempty"`
	ContextLength int    `json:"context_length,omitempty"` // as the server reports it; 0 = unknown
	ContextSource string `json:"context_source,omitempty"` // which field it came from
	HasTokenizer  bool   `json:"has_tokenizer,omitempty"`  // offers a tokenize/count endpoint
	Simulated     bool   `json:"simulated,omitempty"`
	// TotalSlots is how many slots the server splits its context into
	// (llama-server's -np: each request gets ContextLength); 0 = not said.
	TotalSlots int `json:"total_slots,omitempty"`
	// Rope is the model's RoPE settings as the server reports them (Ollama:
	// the GGUF's <arch>.rope.* keys, e.g. "freq_base", "scaling.factor"),
	// so a comparison can tell whether a scaling setting reached the model.
	Rope map[string]string `json:"rope,omitempty"`
	// Extra holds other facts the server reported that matter for a run
	// (trained context, build, loaded context, warnings), by field name.
	Extra map[string]string `json:"extra,omitempty"`
}

// Client talks to one model on one server.
type Client interface {
	// Spec is the model spec without secrets, e.g. "ollama:qwen3:8b@http://127.0.0.1:11434".
	Spec() string
	// Info checks that the server answers and reads what it says about the model.
	Info(ctx context.Context) (ServerInfo, error)
	// Complete sends one request, retrying transient failures.
	Complete(ctx context.Context, req Request) (Response, error)
}

// Tokenizing is implemented by clients whose server can count tokens
// exactly (llama.cpp, vLLM, SGLang, TGI /tokenize; Anthropic count_tokens;
// Gemini countTokens). Count returns the tokens of text as the model sees
// it inside a user message, without chat-template overhead.
type Tokenizing interface {
	CountTokens(ctx context.Context, text string) (int, error)
}

// VocabularySource is implemented by clients that can hand over the
// model's exact tokenizer (Ollama serves the GGUF's vocabulary through
// /api/show), for servers with no tokenize endpoint.
type VocabularySource interface {
	Tokenizer(ctx context.Context) (haystack.Tokenizer, error)
}
