package provider

import (
	"fmt"
	"net/url"
	"strings"
)

// Spec is a parsed model spec PROVIDER:MODEL[@BASE_URL]. It is parsed once
// and travels as a value: to the client, and to the labels a run shows.
type Spec struct {
	Provider Kind   // a registry row: KindOllama, KindVLLM, ...
	Model    string // may contain colons and slashes ("qwen3:8b", "Qwen/Qwen3-8B")
	BaseURL  string // filled with the provider's default when the spec has none
	// Replicas are the base URLs of a model served several times
	// (vllm:M@URL1,URL2); BaseURL is the first. Nil for one server.
	Replicas []string
	// urlGiven: the spec named its server; BaseURL is not the default.
	urlGiven bool
}

// ParseSpec parses PROVIDER:MODEL[@BASE_URL] against niah's registry.
func ParseSpec(spec string) (Spec, error) { return registry.ParseSpec(spec) }

// ParseSpec parses PROVIDER:MODEL[@BASE_URL]. The last '@' that is followed
// by http:// or https:// starts the URL, so models may contain '@' too.
// A provider with no server (the simulation) is named alone ("sim") or
// with its model ("sim:32k"), and never has a URL.
func (r Registry) ParseSpec(spec string) (Spec, error) {
	spec = strings.TrimSpace(spec)
	if row, ok := r.Lookup(Kind(spec)); ok && row.DefaultURL == "" {
		return Spec{Provider: row.Name}, nil
	}
	name, rest, ok := strings.Cut(spec, ":")
	if !ok || name == "" {
		return Spec{}, fmt.Errorf("%q: want PROVIDER:MODEL[@BASE_URL], e.g. ollama:qwen3:8b", redactSpec(spec))
	}
	prov := Kind(strings.ToLower(name))
	row, known := r.Lookup(prov)
	if !known {
		return Spec{}, fmt.Errorf("%q: unknown provider %q (known: %s)",
			redactSpec(spec), prov, strings.Join(r.Names(), ", "))
	}
	if row.DefaultURL == "" {
		return Spec{Provider: prov, Model: rest}, nil
	}
	model, base := splitBaseURL(rest)
	if scheme := otherScheme(model); scheme != "" {
		return Spec{}, fmt.Errorf("%q: base URL scheme %q is not http or https", redactSpec(spec), scheme)
	}
	if model == "" {
		return Spec{}, fmt.Errorf("%q: missing model name after %q", redactSpec(spec), string(prov)+":")
	}
	if base == "" {
		return Spec{Provider: prov, Model: model, BaseURL: row.DefaultURL}, nil
	}
	var urls []string
	for _, b := range strings.Split(base, ",") {
		u, err := url.Parse(strings.TrimSpace(b))
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return Spec{}, fmt.Errorf("%q: bad base URL %q", redactSpec(spec), redactURL(b))
		}
		urls = append(urls, strings.TrimRight(strings.TrimSpace(b), "/"))
	}
	out := Spec{Provider: prov, Model: model, BaseURL: urls[0], urlGiven: true}
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

// otherScheme finds "@SCHEME://" with a scheme other than http(s) in what
// would be the model name: a URL the user meant, not part of the name.
func otherScheme(model string) string {
	for i := strings.Index(model, "@"); i >= 0; {
		tail := model[i+1:]
		if j := strings.Index(tail, "://"); j > 0 && validScheme(tail[:j]) {
			return tail[:j]
		}
		k := strings.Index(tail, "@")
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return ""
}

func validScheme(s string) bool {
	for i, c := range s {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// redactSpec renders a raw spec for messages with any URL secrets dropped.
func redactSpec(spec string) string {
	prov, rest, ok := strings.Cut(spec, ":")
	if !ok {
		return spec
	}
	i := strings.Index(rest, "://")
	if i < 0 {
		return spec
	}
	at := strings.LastIndex(rest[:i], "@")
	if at < 0 {
		return spec
	}
	return prov + ":" + rest[:at+1] + redactURL(rest[at+1:])
}

// String renders the spec without secrets (user:password and query
// strings are dropped), with the server's URL, the default one included:
// what a client calls itself.
func (s Spec) String() string {
	out := s.Label()
	switch {
	case len(s.Replicas) > 1:
		out += "@" + joinURLs(s.Replicas)
	case s.BaseURL != "":
		out += "@" + redactURL(s.BaseURL)
	}
	return out
}

// Label is the spec without its server: a model's default display label.
// A spec with no model (the simulation's "sim") is its provider alone.
func (s Spec) Label() string {
	if s.Model == "" && s.BaseURL == "" {
		return string(s.Provider)
	}
	return string(s.Provider) + ":" + s.Model
}

// LabelOf is Label of a spec as written, parsed or not: a suite labels
// its variants while their specs are templates ({placeholders} unfilled),
// not yet specs. It cuts the URL off where ParseSpec finds it.
func LabelOf(spec string) string {
	label, _ := splitBaseURL(spec)
	return label
}

// Written is the spec as it was given, without secrets: the server's URL
// only when the spec named one.
func (s Spec) Written() string {
	if !s.urlGiven {
		return s.Label()
	}
	return s.String()
}

// redactURL drops user info, query and fragment: they are where URL secrets live.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable URL)"
	}
	u.User = nil
	u.RawQuery, u.ForceQuery = "", false
	u.Fragment, u.RawFragment = "", ""
	return strings.TrimRight(u.String(), "/")
}
