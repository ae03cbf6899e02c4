package provider

import (
	"context"
	"strings"
	"testing"
)

// acme is a made-up OpenAI-compatible server: its own GET /stats says its
// context and build, and its /tokenize speaks vLLM's dialect.
const acme Kind = "acme"

var acmeRow = Provider{Name: acme, DefaultURL: "http://127.0.0.1:7000/v1", Protocol: "OpenAI-compatible chat, /tokenize",
	Tokens: TokensEndpoint, Help: "Acme: acme:m", build: buildOpenAI,
	dialect: &dialect{body: greedyTopK, tokenize: vllmTokenize,
		detect: endpoint{path: "/stats", context: "limits.context", version: "build"}.detect}}

func acmeServer(t *testing.T) *fake {
	return newFake(t, map[string][]scripted{
		"GET /v1/models":            {{body: `{"object":"list","data":[{"id":"m","object":"model","owned_by":"acme"}]}`}},
		"GET /stats":                {{body: `{"limits":{"context":65536,"batch":512},"build":"acme-1.2"}`}},
		"POST /v1/chat/completions": {{body: vllmAnswer}},
		"POST /tokenize":            {{body: `{"count":3,"tokens":[7,8,9]}`}},
	})
}

// Adding an OpenAI-compatible server is one registry row: a registry with
// acme's row parses its specs, detects it, sends its request fields and
// counts through its /tokenize; niah's own registry is left as it was.
func TestNewCompatibleServerIsOneRow(t *testing.T) {
	reg := append(Default(), acmeRow)
	f := acmeServer(t)
	spec, err := reg.ParseSpec("acme:m@" + f.URL + "/v1")
	if err != nil {
		t.Fatal(err)
	}
	c, err := reg.Open(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	info, err := c.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.Kind != acme || info.Version != "acme-1.2" || info.ContextLength != 65536 ||
		info.ContextSource != "stats.limits.context" || !info.HasTokenizer {
		t.Fatalf("info %+v", info)
	}
	if _, err := c.Complete(ctx, Request{Messages: userMsg, MaxTokens: 8}); err != nil {
		t.Fatal(err)
	}
	body := f.requests("/v1/chat/completions")[0].Body
	if body["top_k"] != 1.0 || body["temperature"] != 0.0 || body["max_tokens"] != 8.0 || body["cache_prompt"] != nil {
		t.Fatalf("request body %v", body)
	}
	n, err := c.(Tokenizing).CountTokens(ctx, "hello")
	if err != nil || n != 3 {
		t.Fatalf("count %d, %v", n, err)
	}
	tb := f.requests("/tokenize")[0].Body
	if tb["model"] != "m" || tb["prompt"] != "hello" || tb["add_special_tokens"] != false {
		t.Fatalf("tokenize body %v", tb)
	}
	id, err := c.(VocabularyIdentifying).VocabularyID(ctx)
	if err != nil || !strings.HasPrefix(id, "acme-vocab-") {
		t.Fatalf("vocabulary id %q, %v", id, err)
	}
	if _, err := ParseSpec("acme:m"); err == nil {
		t.Fatal("niah's registry learned acme from a test's copy")
	}
}

// A spec that names another kind still finds acme by its row's probe, and
// from then on speaks its dialect.
func TestAliasDetectsNewCompatibleServer(t *testing.T) {
	reg := append(Default(), acmeRow)
	f := acmeServer(t)
	spec, err := reg.ParseSpec("lmstudio:m@" + f.URL + "/v1")
	if err != nil {
		t.Fatal(err)
	}
	c, err := reg.Open(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	info, err := c.Info(context.Background())
	if err != nil || info.Kind != acme || info.ContextLength != 65536 || info.Extra["kind_note"] != "the spec says lmstudio but the server answers as acme" {
		t.Fatalf("info %+v, %v", info, err)
	}
}

// The usage table's token column and the dialects agree: a kind counts
// through an endpoint exactly when its dialect has a /tokenize.
func TestRegistryTokenColumnMatchesDialects(t *testing.T) {
	for _, p := range registry {
		if p.dialect == nil {
			continue
		}
		if (p.dialect.tokenize != nil) != (p.Tokens == TokensEndpoint) {
			t.Errorf("%s: Tokens %v but tokenize dialect %v", p.Name, p.Tokens, p.dialect.tokenize != nil)
		}
	}
}
