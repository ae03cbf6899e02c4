package provider

import (
	"fmt"
	"slices"
	"strings"
)

// Kind names a kind of server: a spec's provider, and what a client found
// its server to be. The constants are the registry's rows; they are the
// only place a kind is spelled.
type Kind string

const (
	KindOllama            Kind = "ollama"
	KindLlamaCpp          Kind = "llamacpp"
	KindVLLM              Kind = "vllm"
	KindSGLang            Kind = "sglang"
	KindLMStudio          Kind = "lmstudio"
	KindTGI               Kind = "tgi"
	KindOpenAI            Kind = "openai"
	KindOpenAICompletions Kind = "openai-completions"
	KindAnthropic         Kind = "anthropic"
	KindGemini            Kind = "gemini"
	KindSim               Kind = "sim"
)

// TokenSource says where a provider's exact prompt lengths come from, which
// is how --tokenizer auto picks the planning tokenizer.
type TokenSource int

const (
	// TokensStandIn: the server offers no tokenizer; o200k stands in,
	// calibrated against the prompt counts of two probe requests.
	TokensStandIn TokenSource = iota
	// TokensEndpoint: the server counts exactly (/tokenize): the haystack
	// is counted once and cached.
	TokensEndpoint
	// TokensVocabulary: the server hands over the model's vocabulary
	// (Ollama's /api/show carries the GGUF tokenizer).
	TokensVocabulary
	// TokensHostedCounter: a hosted counter, rate-limited: o200k plans,
	// calibrated by two counts of large samples.
	TokensHostedCounter
	// TokensTiktoken: tiktoken's encodings are the model's own (OpenAI).
	TokensTiktoken
	// TokensSimulated: the simulation's own tokenizer.
	TokensSimulated
)

// Provider is one row of the registry: everything niah knows about a kind
// of server before it talks to it. A server with its own protocol is one
// row here and one file with its client; an OpenAI-compatible server is
// one row here, its dialect made of parts (dialect.go: request fields and
// what the models list says; openai_info.go: how a kind is detected and
// its facts read; tokenize.go: the /tokenize variants).
type Provider struct {
	Name       Kind
	DefaultURL string // "" for the simulation, which runs in-process
	Protocol   string // what niah speaks to it, for the usage table
	Tokens     TokenSource
	// KeyEnv is the environment variable the API key comes from by
	// default; "" for local servers, which get a key only through
	// --api-key-env, so a hosted key is never sent to them.
	KeyEnv string
	// KeyRequired: a hosted API that always needs a key.
	KeyRequired bool
	Help        string // one line for the usage text
	// build makes the client; nil for the simulation, which package sim
	// opens (provider knows its spec, not its model).
	build func(reg Registry, spec Spec, c *conn, opts Options) (Client, error)
	// dialect is how the kind behaves behind an OpenAI-compatible API;
	// nil for a kind that is never met there.
	dialect *dialect
}

// Registry is the providers niah knows, in the order the usage text shows
// them. Default is niah's own; a test may extend a copy of it.
type Registry []Provider

// registry lists every provider. TGI's default (8080) is the same as
// llama.cpp's: both images listen there.
var registry = Registry{
	{Name: KindOllama, DefaultURL: "http://127.0.0.1:11434", Protocol: "native /api/chat (num_ctx, truncate:false)",
		Tokens: TokensVocabulary, Help: "Ollama: ollama:qwen3:8b", build: buildOllama,
		dialect: &dialect{detect: detectOllama, vocabulary: nativeVocabulary, abortsQuietly: true}},
	{Name: KindLlamaCpp, DefaultURL: "http://127.0.0.1:8080/v1", Protocol: "OpenAI-compatible chat, /tokenize",
		Tokens: TokensEndpoint, Help: "llama.cpp llama-server: llamacpp:any", build: buildOpenAI,
		dialect: &dialect{claims: listsTrainedContext, body: llamaCachePrompt, tokenize: llamaTokenize,
			detect: endpoint{path: "/props", context: "default_generation_settings.n_ctx", version: "build_info", slots: "total_slots"}.detect}},
	{Name: KindVLLM, DefaultURL: "http://127.0.0.1:8000/v1", Protocol: "OpenAI-compatible chat, /tokenize",
		Tokens: TokensEndpoint, Help: "vLLM: vllm:Qwen/Qwen3-8B@http://gpu1:8000/v1", build: buildOpenAI,
		dialect: &dialect{claims: listsMaxModelLen(false), detect: detectMaxModelLen, listsAll: true, body: greedyTopK, tokenize: vllmTokenize}},
	{Name: KindSGLang, DefaultURL: "http://127.0.0.1:30000/v1", Protocol: "OpenAI-compatible chat, /tokenize",
		Tokens: TokensEndpoint, Help: "SGLang: sglang:Qwen/Qwen3-8B", build: buildOpenAI,
		dialect: &dialect{claims: listsMaxModelLen(true), detect: detectMaxModelLen, listsAll: true, body: greedyTopK, tokenize: vllmTokenize}},
	{Name: KindLMStudio, DefaultURL: "http://127.0.0.1:1234/v1", Protocol: "OpenAI-compatible chat",
		Tokens: TokensStandIn, Help: "LM Studio: lmstudio:qwen3-8b", build: buildOpenAI,
		dialect: &dialect{detect: detectLMStudio, body: greedyTopK}},
	{Name: KindTGI, DefaultURL: "http://127.0.0.1:8080/v1", Protocol: "OpenAI-compatible chat, /tokenize",
		Tokens: TokensEndpoint, Help: "Text Generation Inference: tgi:tgi", build: buildOpenAI,
		dialect: &dialect{tokenize: tgiTokenize,
			detect: endpoint{path: "/info", context: "max_total_tokens", version: "version", extra: []string{"max_input_tokens", "model_id"}}.detect}},
	{Name: KindOpenAI, DefaultURL: "https://api.openai.com/v1", Protocol: "chat completions",
		Tokens: TokensTiktoken, KeyEnv: "OPENAI_API_KEY", Help: "OpenAI or any OpenAI-compatible URL: openai:gpt-4.1", build: buildOpenAI,
		dialect: &dialect{body: openAIReasoning}},
	{Name: KindOpenAICompletions, DefaultURL: "https://api.openai.com/v1", Protocol: "plain completions",
		Tokens: TokensTiktoken, KeyEnv: "OPENAI_API_KEY", Help: "an OpenAI-compatible /completions endpoint", build: buildOpenAI,
		dialect: &dialect{reportsAs: KindOpenAI, completions: true}},
	{Name: KindAnthropic, DefaultURL: "https://api.anthropic.com", Protocol: "Messages API, count_tokens",
		Tokens: TokensHostedCounter, KeyEnv: "ANTHROPIC_API_KEY", KeyRequired: true, Help: "Anthropic: anthropic:claude-sonnet-4-5", build: buildAnthropic},
	{Name: KindGemini, DefaultURL: "https://generativelanguage.googleapis.com/v1beta", Protocol: "generateContent, countTokens",
		Tokens: TokensHostedCounter, KeyEnv: "GEMINI_API_KEY", KeyRequired: true, Help: "Google Gemini: gemini:gemini-2.5-pro", build: buildGemini},
	{Name: KindSim, Protocol: "in-process", Tokens: TokensSimulated,
		Help: "the built-in simulation, no server: sim or sim:WINDOW (e.g. sim:32k)"},
}

// Default is niah's registry, as a copy: extending it changes nothing else.
func Default() Registry { return slices.Clone(registry) }

// Lookup finds a provider (or a server kind a client detected) in niah's registry.
func Lookup(kind Kind) (Provider, bool) { return registry.Lookup(kind) }

// Names lists the provider names a spec may start with.
func Names() []string { return registry.Names() }

// Usage is the providers' part of the usage text, one line each.
func Usage() string { return registry.Usage() }

// Lookup finds a provider (or a server kind a client detected) by name.
func (r Registry) Lookup(kind Kind) (Provider, bool) {
	for _, p := range r {
		if p.Name == kind {
			return p, true
		}
	}
	return Provider{}, false
}

// Names lists the provider names a spec may start with.
func (r Registry) Names() []string {
	out := make([]string, len(r))
	for i, p := range r {
		out[i] = string(p.Name)
	}
	return out
}

// Usage is the providers' part of the usage text, one line each.
func (r Registry) Usage() string {
	var b strings.Builder
	for _, p := range r {
		url := p.DefaultURL
		if url == "" {
			url = "-"
		}
		fmt.Fprintf(&b, "  %-19s %-49s %s\n", p.Name, url, p.Help)
	}
	return b.String()
}

// dialectOf is how a server of kind behaves behind an OpenAI-compatible
// API; a kind the registry gives no dialect behaves as plain OpenAI.
func (r Registry) dialectOf(kind Kind) *dialect {
	if p, ok := r.Lookup(kind); ok && p.dialect != nil {
		return p.dialect
	}
	return &dialect{}
}
