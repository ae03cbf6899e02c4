package haystack

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	sentencepiece "github.com/eliben/go-sentencepiece"
)

// spmTokenizer counts with a SentencePiece BPE model of the Gemma kind (no
// dummy prefix, whitespace kept). Encode adds no BOS, so neither does Count.
// The processor is read-only after loading, so it is shared freely.
type spmTokenizer struct {
	name string
	proc *sentencepiece.Processor
}

// loadSentencePiece reads a tokenizer.model (a serialized ModelProto).
func loadSentencePiece(path string, data []byte, name string) (*spmTokenizer, error) {
	proc, err := sentencepiece.NewProcessor(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: not a supported tokenizer (neither GGUF, tokenizer.json nor a Gemma-style SentencePiece BPE tokenizer.model): %w", path, err)
	}
	return &spmTokenizer{name: name, proc: proc}, nil
}

func (t *spmTokenizer) Name() string { return t.name }

// Count never fails. Long texts are counted in pieces cut before " word",
// where SentencePiece starts a new piece ("▁word"); a test checks that this
// equals the whole-text count on a novel.
func (t *spmTokenizer) Count(text string) (int, error) {
	text = validUTF8(text)
	n := 0
	for _, chunk := range splitChunks(text, chunkTarget) {
		n += len(t.proc.Encode(chunk))
	}
	return n, nil
}

// Encode returns the token ids of text, without BOS.
func (t *spmTokenizer) Encode(text string) ([]int, error) {
	text = validUTF8(text)
	var ids []int
	for _, chunk := range splitChunks(text, chunkTarget) {
		for _, tok := range t.proc.Encode(chunk) {
			ids = append(ids, tok.ID)
		}
	}
	return ids, nil
}

// validUTF8 replaces every invalid byte with U+FFFD, as JSON encoding does
// before a server ever sees the text ("\xff\xfe" becomes two U+FFFD, where
// strings.ToValidUTF8 would write one for the whole run).
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s) + 8)
	for _, r := range s { // an invalid byte ranges as one utf8.RuneError
		sb.WriteRune(r)
	}
	return sb.String()
}
