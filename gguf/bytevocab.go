package gguf

// Byte-level vocabulary: one token per byte, as GPT-2 spells bytes
// (bytes_to_unicode), no merges, plus BOS and EOS control tokens. With it
// a prompt of n bytes is exactly n tokens (+BOS when the engine adds it).
const (
	ByteBOS = 256 // id of the BOS control token
	ByteEOS = 257 // id of the EOS control token

	ByteBOSText = "<|bos|>"
	ByteEOSText = "<|eos|>"
)

// GGUF token types (tokenizer.ggml.token_type), as llama.cpp numbers them.
const (
	TokenNormal  int32 = 1
	TokenControl int32 = 3
)

// GPT2ByteToRune is GPT-2's bytes_to_unicode: printable Latin-1 bytes
// stand for themselves, the other 68 bytes map in order to U+0100 and up,
// so that every byte is one visible, non-space character.
func GPT2ByteToRune() [256]rune {
	var m [256]rune
	next := rune(256)
	for b := 0; b < 256; b++ {
		if (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF) {
			m[b] = rune(b)
		} else {
			m[b] = next
			next++
		}
	}
	return m
}

// ByteVocabulary returns the 258 token strings (id = byte value, then BOS,
// EOS) and their types.
func ByteVocabulary() ([]string, []int32) {
	m := GPT2ByteToRune()
	tokens := make([]string, 0, 258)
	types := make([]int32, 0, 258)
	for _, r := range m {
		tokens = append(tokens, string(r))
		types = append(types, TokenNormal)
	}
	tokens = append(tokens, ByteBOSText, ByteEOSText)
	types = append(types, TokenControl, TokenControl)
	return tokens, types
}

// ByteTokenizerKVs is the tokenizer metadata of the byte-level vocabulary
// as llama.cpp's loader (used by Ollama for llama models) wants it: model
// "gpt2" requires a merges array (empty here) and the "default"
// pre-tokenizer avoids a warning. BOS is added to every prompt, like llama.
func ByteTokenizerKVs() []KV {
	tokens, types := ByteVocabulary()
	return []KV{
		{"tokenizer.ggml.model", "gpt2"},
		{"tokenizer.ggml.pre", "default"},
		{"tokenizer.ggml.tokens", tokens},
		{"tokenizer.ggml.token_type", types},
		{"tokenizer.ggml.merges", []string{}},
		{"tokenizer.ggml.bos_token_id", uint32(ByteBOS)},
		{"tokenizer.ggml.eos_token_id", uint32(ByteEOS)},
		{"tokenizer.ggml.add_bos_token", true},
		{"tokenizer.ggml.add_eos_token", false},
	}
}
