package provider

import (
	"fmt"
	"net/url"
	"strings"
)

// Spec is a parsed model spec PROVIDER:MODEL[@BASE_URL].
type Spec struct {
	Provider string // e.g. "ollama", "vllm", "anthropic"
	Model    string // may contain colons and slashes ("qwen3:8b", "Qwen/Qwen3-8B")
	BaseURL  string // filled with the provider's default when the spec has none
}

// providerDefaults maps each provider name to its default base URL.
// TGI's default (8080) is the same as llama.cpp's: both images listen there.
var providerDefaults = map[string]string{
	"openai":             "https://api.openai.com/v1",
	"openai-completions": "https://api.openai.com/v1",
	"vllm":               "http://127.0.0.1:8000/v1",
	"llamacpp":           "http://127.0.0.1:8080/v1",
	"sglang":             "http://127.0.0.1:30000/v1",
	"lmstudio":           "http://127.0.0.1:1234/v1",
	"tgi":                "http://127.0.0.1:8080/v1",
	"ollama":             "http://127.0.0.1:11434",
	"anthropic":          "https://api.anthropic.com",
	"gemini":             "https://generativelanguage.googleapis.com/v1beta",
}

// ProviderNames lists the providers ParseSpec accepts, besides "sim".
func ProviderNames() []string {
	return []string{"openai", "openai-completions", "vllm", "llamacpp", "sglang",
		"lmstudio", "tgi", "ollama", "anthropic", "gemini"}
}

// ParseSpec parses PROVIDER:MODEL[@BASE_URL]. The last '@' that is followed
// by http:// or https:// starts the URL, so models may contain '@' too.
// "sim" (optionally "sim:NAME") is accepted for the built-in simulation.
func ParseSpec(spec string) (Spec, error) {
	spec = strings.TrimSpace(spec)
	if spec == "sim" {
		return Spec{Provider: "sim"}, nil
	}
	prov, rest, ok := strings.Cut(spec, ":")
	if !ok || prov == "" {
		return Spec{}, fmt.Errorf("--model %q: want PROVIDER:MODEL[@BASE_URL], e.g. ollama:qwen3:8b", spec)
	}
	prov = strings.ToLower(prov)
	if prov == "sim" {
		return Spec{Provider: "sim", Model: rest}, nil
	}
	def, known := providerDefaults[prov]
	if !known {
		return Spec{}, fmt.Errorf("--model %q: unknown provider %q (known: sim, %s)",
			spec, prov, strings.Join(ProviderNames(), ", "))
	}
	model, base := splitBaseURL(rest)
	if model == "" {
		return Spec{}, fmt.Errorf("--model %q: missing model name after %q", spec, prov+":")
	}
	if base == "" {
		base = def
	} else {
		u, err := url.Parse(base)
		if err != nil || u.Host == "" {
			return Spec{}, fmt.Errorf("--model %q: bad base URL %q", spec, redactURL(base))
		}
		base = strings.TrimRight(base, "/")
	}
	return Spec{Provider: prov, Model: model, BaseURL: base}, nil
}

// splitBaseURL finds the last '@' followed by an http(s) scheme.
func splitBaseURL(rest string) (model, base string) {
	for i := strings.LastIndex(rest, "@"); i >= 0; i = strings.LastIndex(rest[:i], "@") {
		tail := strings.ToLower(rest[i+1:])
		if strings.HasPrefix(tail, "http://") || strings.HasPrefix(tail, "https://") {
			return rest[:i], rest[i+1:]
		}
	}
	return rest, ""
}

// String renders the spec without secrets (user:password and query strings are dropped).
func (s Spec) String() string {
	if s.Provider == "sim" {
		if s.Model == "" {
			return "sim"
		}
		return "sim:" + s.Model
	}
	out := s.Provider + ":" + s.Model
	if s.BaseURL != "" {
		out += "@" + redactURL(s.BaseURL)
	}
	return out
}

// redactURL drops user info, query and fragment: they are where URL secrets live.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable URL)"
	}
	u.User = nil
	u.RawQuery = ""
	u.Fragment = ""
	return strings.TrimRight(u.String(), "/")
}
