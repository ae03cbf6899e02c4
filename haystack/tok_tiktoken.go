package haystack

import (
	"fmt"
	"sync"

	tiktoken "github.com/pkoukk/tiktoken-go"
	tiktoken_loader "github.com/pkoukk/tiktoken-go-loader"
)

// The tiktoken library keeps its BPE file loader in an unsynchronised global
// that defaults to downloading; it is set once, before the first encoding is
// built, to the loader that reads the files embedded in the binary.
var setOfflineLoader sync.Once

// tiktokenEncoding holds the one shared encoder of an encoding: building one
// recompiles the regex and re-sorts 100-200k tokens (70-300 ms), so the whole
// process shares it (the library's encoders are safe for concurrent use).
type tiktokenEncoding struct {
	once sync.Once
	enc  *tiktoken.Tiktoken
	err  error
}

var tiktokenEncodings = map[string]*tiktokenEncoding{
	"cl100k": {},
	"o200k":  {},
}

// tiktokenShortName maps accepted spellings to the short name used in records.
func tiktokenShortName(name string) (string, bool) {
	switch name {
	case "cl100k", "cl100k_base":
		return "cl100k", true
	case "o200k", "o200k_base":
		return "o200k", true
	}
	return "", false
}

// Encoder returns the process-wide encoder of an OpenAI encoding ("cl100k",
// "o200k", or their "_base" spellings), for callers that need token ids.
// Encode text with EncodeOrdinary or Encode(text, nil, nil): asking for
// special tokens with "all" panics on text that contains one.
func Encoder(name string) (*tiktoken.Tiktoken, error) {
	short, ok := tiktokenShortName(name)
	if !ok {
		return nil, fmt.Errorf("tokenizer %q: unknown tiktoken encoding (want cl100k or o200k)", name)
	}
	e := tiktokenEncodings[short]
	e.once.Do(func() {
		setOfflineLoader.Do(func() { tiktoken.SetBpeLoader(tiktoken_loader.NewOfflineLoader()) })
		e.enc, e.err = tiktoken.GetEncoding(short + "_base")
		if e.err != nil {
			e.err = fmt.Errorf("tokenizer %q: %w", name, e.err)
		}
	})
	return e.enc, e.err
}

// Tiktoken returns the tokenizer of an OpenAI encoding: "cl100k" (GPT-4,
// GPT-3.5) or "o200k" (GPT-4o and later); "cl100k_base" and "o200k_base" are
// accepted too. Counts are exact and treat special-token text as plain text.
func Tiktoken(name string) (Tokenizer, error) {
	enc, err := Encoder(name)
	if err != nil {
		return nil, err
	}
	short, _ := tiktokenShortName(name)
	return &tiktokenTokenizer{name: short, enc: enc}, nil
}

type tiktokenTokenizer struct {
	name string
	enc  *tiktoken.Tiktoken
}

func (t *tiktokenTokenizer) Name() string { return t.name }

// Count never fails. Long texts are counted in pieces cut where the count is
// unaffected (see splitChunks).
func (t *tiktokenTokenizer) Count(text string) (int, error) {
	n := 0
	for _, chunk := range splitChunks(text, chunkTarget) {
		n += len(t.enc.EncodeOrdinary(chunk))
	}
	return n, nil
}

// Encode returns the token ids of text as ordinary text, piece by piece.
func (t *tiktokenTokenizer) Encode(text string) ([]int, error) {
	var ids []int
	for _, chunk := range splitChunks(text, chunkTarget) {
		ids = append(ids, t.enc.EncodeOrdinary(chunk)...)
	}
	return ids, nil
}

// Decode returns the text of token ids.
func (t *tiktokenTokenizer) Decode(ids []int) (string, error) {
	return t.enc.Decode(ids), nil
}
