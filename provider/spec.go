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
	// Replicas are the base URLs of a model served several times
	// (vllm:M@URL1,URL2); BaseURL is the first. Nil for one server.
	Replicas []string
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
	row, known := Lookup(prov)
	if !known {
		return Spec{}, fmt.Errorf("--model %q: unknown provider %q (known: %s)",
			spec, prov, strings.Join(Names(), ", "))
	}
	model, base := splitBaseURL(rest)
	if model == "" {
		return Spec{}, fmt.Errorf("--model %q: missing model name after %q", spec, prov+":")
	}
	if base == "" {
		return Spec{Provider: prov, Model: model, BaseURL: row.DefaultURL}, nil
	}
	var urls []string
	for _, b := range strings.Split(base, ",") {
		u, err := url.Parse(strings.TrimSpace(b))
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return Spec{}, fmt.Errorf("--model %q: bad base URL %q", spec, redactURL(b))
		}
		urls = append(urls, strings.TrimRight(strings.TrimSpace(b), "/"))
	}
	out := Spec{Provider: prov, Model: model, BaseURL: urls[0]}
	if len(urls) > 1 {
		out.Replicas = urls
	}
	return out, nil
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
	switch {
	case len(s.Replicas) > 1:
		out += "@" + joinURLs(s.Replicas)
	case s.BaseURL != "":
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
