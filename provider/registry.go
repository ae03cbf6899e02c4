package provider

import (
	"fmt"
	"strings"
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
// of server before it talks to it. Adding a server is one row here and
// one file with its client.
type Provider struct {
	Name       string
	DefaultURL string // "" for the simulation
	Protocol   string // what niah speaks to it, for the usage table
	Tokens     TokenSource
	// KeyEnv is the environment variable the API key comes from by
	// default; "" for local servers, which get a key only through
	// --api-key-env, so a hosted key is never sent to them.
	KeyEnv string
	// KeyRequired: a hosted API that always needs a key.
	KeyRequired bool
	Help        string // one line for the usage text
	// build makes the client; c is nil for the simulation, which has no server.
	build func(spec Spec, c *conn, opts Options) (Client, error)
}

// registry lists every provider, in the order the usage text shows them.
// TGI's default (8080) is the same as llama.cpp's: both images listen there.
var registry = []Provider{
	{Name: "ollama", DefaultURL: "http://127.0.0.1:11434", Protocol: "native /api/chat (num_ctx, truncate:false)",
		Tokens: TokensVocabulary, Help: "Ollama: ollama:qwen3:8b", build: buildOllama},
	{Name: "llamacpp", DefaultURL: "http://127.0.0.1:8080/v1", Protocol: "OpenAI-compatible chat, /tokenize",
		Tokens: TokensEndpoint, Help: "llama.cpp llama-server: llamacpp:any", build: buildOpenAI},
	{Name: "vllm", DefaultURL: "http://127.0.0.1:8000/v1", Protocol: "OpenAI-compatible chat, /tokenize",
		Tokens: TokensEndpoint, Help: "vLLM: vllm:Qwen/Qwen3-8B@http://gpu1:8000/v1", build: buildOpenAI},
	{Name: "sglang", DefaultURL: "http://127.0.0.1:30000/v1", Protocol: "OpenAI-compatible chat, /tokenize",
		Tokens: TokensEndpoint, Help: "SGLang: sglang:Qwen/Qwen3-8B", build: buildOpenAI},
	{Name: "lmstudio", DefaultURL: "http://127.0.0.1:1234/v1", Protocol: "OpenAI-compatible chat",
		Tokens: TokensStandIn, Help: "LM Studio: lmstudio:qwen3-8b", build: buildOpenAI},
	{Name: "tgi", DefaultURL: "http://127.0.0.1:8080/v1", Protocol: "OpenAI-compatible chat, /tokenize",
		Tokens: TokensEndpoint, Help: "Text Generation Inference: tgi:tgi", build: buildOpenAI},
	{Name: "openai", DefaultURL: "https://api.openai.com/v1", Protocol: "chat completions",
		Tokens: TokensTiktoken, KeyEnv: "OPENAI_API_KEY", Help: "OpenAI or any OpenAI-compatible URL: openai:gpt-4.1", build: buildOpenAI},
	{Name: "openai-completions", DefaultURL: "https://api.openai.com/v1", Protocol: "plain completions",
		Tokens: TokensTiktoken, KeyEnv: "OPENAI_API_KEY", Help: "an OpenAI-compatible /completions endpoint", build: buildOpenAI},
	{Name: "anthropic", DefaultURL: "https://api.anthropic.com", Protocol: "Messages API, count_tokens",
		Tokens: TokensHostedCounter, KeyEnv: "ANTHROPIC_API_KEY", KeyRequired: true, Help: "Anthropic: anthropic:claude-sonnet-4-5", build: buildAnthropic},
	{Name: "gemini", DefaultURL: "https://generativelanguage.googleapis.com/v1beta", Protocol: "generateContent, countTokens",
		Tokens: TokensHostedCounter, KeyEnv: "GEMINI_API_KEY", KeyRequired: true, Help: "Google Gemini: gemini:gemini-2.5-pro", build: buildGemini},
	{Name: "sim", Protocol: "in-process", Tokens: TokensSimulated,
		Help: "the built-in simulation, no server: sim or sim:WINDOW (e.g. sim:32k)", build: buildSim},
}

// Lookup finds a provider (or a server kind a client detected) by name.
func Lookup(name string) (Provider, bool) {
	for _, p := range registry {
		if p.Name == name {
			return p, true
		}
	}
	return Provider{}, false
}

// Names lists the provider names a spec may start with.
func Names() []string {
	out := make([]string, len(registry))
	for i, p := range registry {
		out[i] = p.Name
	}
	return out
}

// Usage is the providers' part of the usage text, one line each.
func Usage() string {
	var b strings.Builder
	for _, p := range registry {
		url := p.DefaultURL
		if url == "" {
			url = "-"
		}
		fmt.Fprintf(&b, "  %-19s %-49s %s\n", p.Name, url, p.Help)
	}
	return b.String()
}
