package haystack

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"niah/gguf"
)

// The project's test models: 256 byte tokens, BOS/EOS, no merges.
func TestGGUFByteVocabularyCountsBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tiny.gguf")
	writeGGUF(t, path, gguf.ByteTokenizerKVs())
	tok, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(tok.Name(), "gguf:") || len(tok.Name()) != 17 {
		t.Errorf("Name = %q, want gguf:<12 hex>", tok.Name())
	}
	for _, text := range []string{"", "a", variedText(10 << 10), gguf.ByteBOSText + " and " + gguf.ByteEOSText, "\x00\xff", "a\xff\xfeb\xe2\x82"} {
		want := len(asJSONDelivers(t, text))
		if n, _ := tok.Count(text); n != want {
			t.Errorf("Count(%.30q) = %d, want %d (one per byte)", text, n, want)
		}
	}
	ids, _ := tok.(*byteLevelBPE).Encode("Az\n")
	if !slices.Equal(ids, []int{'A', 'z', '\n'}) {
		t.Errorf("ids = %v, want the byte values", ids)
	}
}

// asJSONDelivers is text as a server receives it in a JSON request: every
// invalid byte becomes U+FFFD.
func asJSONDelivers(t *testing.T, text string) string {
	t.Helper()
	b, err := json.Marshal(text)
	if err != nil {
		t.Fatal(err)
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// llama3GGUF writes Llama 3.2's vocabulary as a GGUF would carry it.
func llama3GGUF(t *testing.T, pre string) string {
	t.Helper()
	vocab, merges, err := llama3Files(filepath.Join(ollamaTokenizerTestdata(t), "llama3.2"))
	if err != nil {
		t.Fatal(err)
	}
	tokens := make([]string, len(vocab)+1)
	types := make([]int32, len(tokens))
	for tok, id := range vocab {
		tokens[id], types[id] = tok, 1
	}
	tokens[len(vocab)], types[len(vocab)] = "<|begin_of_text|>", 3
	kvs := []gguf.KV{
		{Key: "tokenizer.ggml.model", Value: "gpt2"},
		{Key: "tokenizer.ggml.tokens", Value: tokens},
		{Key: "tokenizer.ggml.token_type", Value: types},
		{Key: "tokenizer.ggml.merges", Value: merges},
	}
	if pre != "" {
		kvs = append(kvs, gguf.KV{Key: "tokenizer.ggml.pre", Value: pre})
	}
	path := filepath.Join(t.TempDir(), "llama3.gguf")
	writeGGUF(t, path, kvs)
	return path
}

func TestGGUFLlama3MatchesTokenizerJSON(t *testing.T) {
	_, hf := llama3HF(t)
	tok, err := LoadFile(llama3GGUF(t, "llama-bpe"))
	if err != nil {
		t.Fatal(err)
	}
	text := warAndPeace(t, 64<<10) + variedText(16<<10) + "<|begin_of_text|>"
	want, _ := hf.Encode(text)
	got, _ := tok.(*byteLevelBPE).Encode(text)
	if !slices.Equal(got, want) {
		t.Errorf("GGUF gives %d tokens, tokenizer.json %d", len(got), len(want))
	}
}

// byteGGUF writes a byte vocabulary plus the digit merge "1 2".
func byteGGUF(t *testing.T, pre string) string {
	t.Helper()
	tokens, types := gguf.ByteVocabulary()
	tokens, types = append(tokens, "12"), append(types, 1)
	kvs := []gguf.KV{
		{Key: "tokenizer.ggml.model", Value: "gpt2"},
		{Key: "tokenizer.ggml.tokens", Value: tokens},
		{Key: "tokenizer.ggml.token_type", Value: types},
		{Key: "tokenizer.ggml.merges", Value: []string{"1 2"}},
	}
	if pre != "" {
		kvs = append(kvs, gguf.KV{Key: "tokenizer.ggml.pre", Value: pre})
	}
	path := filepath.Join(t.TempDir(), "bytes12.gguf")
	writeGGUF(t, path, kvs)
	return path
}

func TestGGUFPreTokenizers(t *testing.T) {
	// Llama 3 keeps digits in groups of three ("123", "45" -> 12 3 4 5);
	// Qwen 2 splits every digit, so "1 2" never applies.
	for pre, want := range map[string]int{"llama-bpe": 4, "qwen2": 5, "gpt-2": 4} {
		tok, err := LoadFile(byteGGUF(t, pre))
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := tok.Count("12345"); n != want {
			t.Errorf("pre %s: Count(12345) = %d, want %d", pre, n, want)
		}
	}
	for _, pre := range []string{"", "deepseek-llm"} {
		_, err := LoadFile(byteGGUF(t, pre))
		if err == nil || !strings.Contains(err.Error(), "tokenizer.ggml.pre") || !strings.Contains(err.Error(), "llama-bpe") {
			t.Errorf("pre %q: error %v, want one naming tokenizer.ggml.pre and the supported names", pre, err)
		}
	}
}

func TestGGUFErrors(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		kvs  []gguf.KV
		want string
	}{
		{[]gguf.KV{{Key: "general.architecture", Value: "llama"}}, "tokenizer.ggml.tokens"},
		{[]gguf.KV{{Key: "tokenizer.ggml.model", Value: "bert"}, {Key: "tokenizer.ggml.tokens", Value: []string{"a"}}}, `"bert"`},
		{[]gguf.KV{{Key: "tokenizer.ggml.model", Value: "gpt2"}, {Key: "tokenizer.ggml.tokens", Value: []string{"a"}}}, "byte 0x00"},
		{[]gguf.KV{{Key: "tokenizer.ggml.model", Value: "llama"}, {Key: "tokenizer.ggml.tokens", Value: []string{"a"}}}, "scores"},
	}
	for i, c := range cases {
		path := filepath.Join(dir, "m.gguf")
		writeGGUF(t, path, c.kvs)
		_, err := LoadFile(path)
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("case %d: error %v, want one naming %s and %s", i, err, path, c.want)
		}
	}
}
