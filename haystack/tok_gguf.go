package haystack

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"google.golang.org/protobuf/encoding/protowire"

	"niah/gguf"
)

// GGUF token types (tokenizer.ggml.token_type), numbered as SentencePiece's
// piece types: llama.cpp copies them.
const (
	ggufTokenControl = 3
	ggufTokenByte    = 6
)

const (
	llama3Pattern = `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
	qwen2Pattern  = `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
)

// ggufPreTokenizers maps the supported tokenizer.ggml.pre names to their
// regex and whether a whole pre-token found in the vocabulary skips merging
// (llama.cpp sets that for the Llama 3 family only).
var ggufPreTokenizers = map[string]struct {
	pattern      string
	ignoreMerges bool
}{
	"llama3":    {llama3Pattern, true},
	"llama-v3":  {llama3Pattern, true},
	"llama-bpe": {llama3Pattern, true},
	"qwen2":     {qwen2Pattern, false},
	"gpt-2":     {gpt2Pattern, false},
}

func supportedGGUFPre() string {
	names := make([]string, 0, len(ggufPreTokenizers))
	for n := range ggufPreTokenizers {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// loadGGUFTokenizer builds the tokenizer a GGUF file declares:
// tokenizer.ggml.model "gpt2" is a byte-level BPE, "llama" a SentencePiece
// BPE of the Gemma kind (scores, no space prefix).
func loadGGUFTokenizer(path, name string) (Tokenizer, error) {
	f, err := gguf.ReadFile(path)
	if err != nil {
		return nil, err // names the file
	}
	return FromGGUF(f, path, name)
}

// FromGGUF builds the tokenizer of GGUF metadata f (from a file, or handed
// over by a server, as Ollama's /api/show does). source names where the
// metadata came from in errors; name is the tokenizer's Name().
func FromGGUF(f *gguf.File, source, name string) (Tokenizer, error) {
	path := source
	model, _ := f.String("tokenizer.ggml.model")
	tokens, ok := f.Strings("tokenizer.ggml.tokens")
	if !ok || len(tokens) == 0 {
		return nil, fmt.Errorf("%s: GGUF has no tokenizer.ggml.tokens", path)
	}
	types, _ := f.Int32s("tokenizer.ggml.token_type")
	if types != nil && len(types) != len(tokens) {
		return nil, fmt.Errorf("%s: tokenizer.ggml.token_type has %d entries for %d tokens", path, len(types), len(tokens))
	}
	switch model {
	case "gpt2":
		return ggufByteLevel(path, name, f, tokens, types)
	case "llama":
		return ggufSentencePiece(path, name, f, tokens, types)
	}
	return nil, fmt.Errorf("%s: tokenizer.ggml.model %q is not supported (only gpt2 and llama)", path, model)
}

func ggufByteLevel(path, name string, f *gguf.File, tokens []string, types []int32) (Tokenizer, error) {
	lines, _ := f.Strings("tokenizer.ggml.merges")
	merges, err := splitMergeLines(lines)
	if err != nil {
		return nil, fmt.Errorf("%s: tokenizer.ggml.merges: %w", path, err)
	}
	pre, _ := f.String("tokenizer.ggml.pre")
	spec, known := ggufPreTokenizers[pre]
	if !known && len(merges) > 0 {
		if pre == "" {
			pre = "(missing)"
		}
		return nil, fmt.Errorf("%s: tokenizer.ggml.pre %s is not supported (supported: %s; pass the model's tokenizer.json instead)", path, pre, supportedGGUFPre())
	}
	// Control tokens (BOS, EOS, chat markers) are never produced from text.
	vocab := make([]string, len(tokens))
	for id, tok := range tokens {
		if types == nil || types[id] != ggufTokenControl {
			vocab[id] = tok
		}
	}
	var patterns []string
	if spec.pattern != "" {
		patterns = []string{spec.pattern}
	}
	t, err := newByteLevelBPE(path, vocab, merges, patterns)
	if err != nil {
		return nil, err
	}
	t.name = name
	t.ignoreMerges = spec.ignoreMerges
	return t, nil
}

// ggufSentencePiece rebuilds a SentencePiece ModelProto from the GGUF
// vocabulary so the SentencePiece BPE implementation can run it.
func ggufSentencePiece(path, name string, f *gguf.File, tokens []string, types []int32) (Tokenizer, error) {
	scores, ok := f.Float32s("tokenizer.ggml.scores")
	if !ok || len(scores) != len(tokens) || types == nil {
		return nil, fmt.Errorf("%s: tokenizer.ggml.model llama needs tokenizer.ggml.scores and token_type for every token", path)
	}
	if prefix, ok := f.KV["tokenizer.ggml.add_space_prefix"].(bool); !ok || prefix {
		return nil, fmt.Errorf("%s: SentencePiece with add_space_prefix (Llama 2 / Mistral style) is not supported; only Gemma-style (tokenizer.ggml.add_space_prefix=false)", path)
	}
	proto, byteFallback := []byte(nil), false
	for id, tok := range tokens {
		var piece []byte
		piece = protowire.AppendTag(piece, 1, protowire.BytesType)
		piece = protowire.AppendString(piece, tok)
		piece = protowire.AppendTag(piece, 2, protowire.Fixed32Type)
		piece = protowire.AppendFixed32(piece, math.Float32bits(scores[id]))
		piece = protowire.AppendTag(piece, 3, protowire.VarintType)
		piece = protowire.AppendVarint(piece, uint64(types[id]))
		proto = protowire.AppendTag(proto, 1, protowire.BytesType)
		proto = protowire.AppendBytes(proto, piece)
		byteFallback = byteFallback || types[id] == ggufTokenByte
	}
	var trainer []byte
	trainer = protowire.AppendTag(trainer, 3, protowire.VarintType)
	trainer = protowire.AppendVarint(trainer, 2) // model_type BPE
	trainer = protowire.AppendTag(trainer, 35, protowire.VarintType)
	trainer = protowire.AppendVarint(trainer, protowire.EncodeBool(byteFallback))
	proto = protowire.AppendTag(proto, 2, protowire.BytesType)
	proto = protowire.AppendBytes(proto, trainer)
	var normalizer []byte
	for _, field := range []protowire.Number{3, 4} { // add_dummy_prefix, remove_extra_whitespaces
		normalizer = protowire.AppendTag(normalizer, field, protowire.VarintType)
		normalizer = protowire.AppendVarint(normalizer, 0)
	}
	proto = protowire.AppendTag(proto, 3, protowire.BytesType)
	proto = protowire.AppendBytes(proto, normalizer)
	return loadSentencePiece(path, proto, name)
}
