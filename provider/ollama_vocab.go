package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"niah/gguf"
	"niah/haystack"
)

// Tokenizer hands over the model's exact tokenizer: Ollama has no tokenize
// endpoint, but /api/show with verbose:true returns the GGUF's tokenizer
// metadata (vocabulary, merges, pre-tokenizer), which is all it takes.
func (o *ollamaClient) Tokenizer(ctx context.Context) (haystack.Tokenizer, error) {
	var show struct {
		ModelInfo map[string]json.RawMessage `json:"model_info"`
	}
	body := map[string]any{"model": o.spec.Model, "verbose": true}
	if _, e := o.c.probe(ctx, "POST", "/api/show", body, &show); e != nil {
		return nil, e
	}
	f := &gguf.File{KV: map[string]any{}}
	h := sha256.New()
	for _, key := range []string{"tokenizer.ggml.model", "tokenizer.ggml.pre", "tokenizer.ggml.tokens",
		"tokenizer.ggml.token_type", "tokenizer.ggml.merges", "tokenizer.ggml.scores", "tokenizer.ggml.add_space_prefix"} {
		raw, ok := show.ModelInfo[key]
		if !ok {
			continue
		}
		h.Write([]byte(key))
		h.Write(raw)
		v, err := ggufValue(key, raw)
		if err != nil {
			return nil, fmt.Errorf("%s /api/show: %s: %w", o.Spec(), key, err)
		}
		f.KV[key] = v
		f.Keys = append(f.Keys, key)
	}
	if _, ok := f.KV["tokenizer.ggml.tokens"]; !ok {
		return nil, fmt.Errorf("%s /api/show gave no tokenizer vocabulary", o.Spec())
	}
	name := "gguf:" + hex.EncodeToString(h.Sum(nil))[:12]
	return haystack.FromGGUF(f, o.Spec()+" /api/show", name)
}

// ggufValue turns a JSON model_info value into the Go type the GGUF reader
// would have produced for it.
func ggufValue(key string, raw json.RawMessage) (any, error) {
	switch {
	case strings.HasSuffix(key, ".tokens"), strings.HasSuffix(key, ".merges"):
		var v []string
		return v, json.Unmarshal(raw, &v)
	case strings.HasSuffix(key, ".token_type"):
		var v []int32
		return v, json.Unmarshal(raw, &v)
	case strings.HasSuffix(key, ".scores"):
		var v []float32
		return v, json.Unmarshal(raw, &v)
	case strings.HasSuffix(key, ".add_space_prefix"):
		var v bool
		return v, json.Unmarshal(raw, &v)
	}
	var v string
	return v, json.Unmarshal(raw, &v)
}

// Tokenizer of an OpenAI-compatible client: a server whose dialect has
// another way to the vocabulary hands it over. An Ollama server behind its
// /v1 API still gives the model's tokenizer through the native /api/show,
// so lengths stay exact there too (and its silent cut to the default
// window shows up exactly).
func (o *openAIClient) Tokenizer(ctx context.Context) (haystack.Tokenizer, error) {
	d := o.serverDialect()
	if d.vocabulary == nil {
		return nil, fmt.Errorf("%s offers no model vocabulary", o.Spec())
	}
	return d.vocabulary(ctx, o)
}

// nativeOllama is the native client of the Ollama server behind an
// OpenAI-compatible client.
func (o *openAIClient) nativeOllama() *ollamaClient {
	root := o.root()
	return &ollamaClient{spec: Spec{Provider: KindOllama, Model: o.spec.Model, BaseURL: root.base}, c: root}
}
