package gguf

import "fmt"

// TokenByte is the GGUF token type of a SentencePiece byte-fallback token
// ("<0x0A>"), as llama.cpp numbers it.
const TokenByte int32 = 6

// SPMSpace is SentencePiece's spelling of a space.
const SPMSpace = "▁"

// SPMByteVocabulary returns the byte-level vocabulary in SentencePiece
// spelling, for engines that tokenize some architectures with SentencePiece
// whatever the file says (Ollama's own engine for gemma2): token id = byte
// value, then BOS and EOS. Printable ASCII bytes stand for themselves, the
// space is "▁", and every other byte is its byte-fallback token "<0xNN>".
// With no merges and no multi-byte piece, both llama.cpp's and Ollama's
// SentencePiece tokenizers then give exactly one token per byte.
func SPMByteVocabulary() ([]string, []int32) {
	tokens := make([]string, 0, 258)
	types := make([]int32, 0, 258)
	for b := 0; b < 256; b++ {
		switch {
		case b == ' ':
			tokens, types = append(tokens, SPMSpace), append(types, TokenNormal)
		case b > ' ' && b < 0x7f:
			tokens, types = append(tokens, string(rune(b))), append(types, TokenNormal)
		default:
			tokens, types = append(tokens, fmt.Sprintf("<0x%02X>", b)), append(types, TokenByte)
		}
	}
	tokens = append(tokens, ByteBOSText, ByteEOSText)
	types = append(types, TokenControl, TokenControl)
	return tokens, types
}

// SPMByteTokenizerKVs is the tokenizer metadata of SPMByteVocabulary:
// model "llama" (SentencePiece), scores all 0 (Ollama's tokenizer needs the
// array), no space prefix (llama.cpp would add one), BOS added.
func SPMByteTokenizerKVs() []KV {
	tokens, types := SPMByteVocabulary()
	return []KV{
		{"tokenizer.ggml.model", "llama"},
		{"tokenizer.ggml.tokens", tokens},
		{"tokenizer.ggml.scores", make([]float32, len(tokens))},
		{"tokenizer.ggml.token_type", types},
		{"tokenizer.ggml.bos_token_id", uint32(ByteBOS)},
		{"tokenizer.ggml.eos_token_id", uint32(ByteEOS)},
		{"tokenizer.ggml.add_bos_token", true},
		{"tokenizer.ggml.add_eos_token", false},
		{"tokenizer.ggml.add_space_prefix", false},
	}
}
