package refmodel

// Token ids: 0..255 are the bytes themselves, then the two control tokens.
const (
	bosID     = 256
	eosID     = 257
	vocabSize = 258
)

// byteVocab returns the GPT-2 byte-level token strings (bytes_to_unicode:
// printable Latin-1 bytes stand for themselves, the other 68 bytes are
// shifted to U+0100 onward), indexed by byte value, plus BOS and EOS, with
// their GGUF token types (1 normal, 3 control). With no merges, llama.cpp's
// BPE tokenizer then emits exactly one token per byte.
func byteVocab() (tokens []string, types []int32) {
	tokens = make([]string, 0, vocabSize)
	types = make([]int32, 0, vocabSize)
	shifted := 0
	for b := 0; b < 256; b++ {
		printable := (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF)
		r := rune(b)
		if !printable {
			r = rune(256 + shifted)
			shifted++
		}
		tokens = append(tokens, string(r))
		types = append(types, 1)
	}
	tokens = append(tokens, "<s>", "</s>")
	types = append(types, 3, 3)
	return tokens, types
}
