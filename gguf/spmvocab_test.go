package gguf

import (
	"fmt"
	"strings"
	"testing"
)

// spmEncode is SentencePiece encoding as llama.cpp and Ollama do it for a
// vocabulary with no multi-character piece: spaces become "▁", a character
// that is a token is that token, any other is one byte token per byte.
func spmEncode(text string, tokens []string) []int {
	id := map[string]int{}
	for i, t := range tokens {
		id[t] = i
	}
	var out []int
	for _, r := range strings.ReplaceAll(text, " ", SPMSpace) {
		if i, ok := id[string(r)]; ok {
			out = append(out, i)
			continue
		}
		for _, b := range []byte(string(r)) {
			out = append(out, id[byteToken(b)])
		}
	}
	return out
}

func byteToken(b byte) string { return fmt.Sprintf("<0x%02X>", b) }

func TestSPMByteVocabulary(t *testing.T) {
	tokens, types := SPMByteVocabulary()
	if len(tokens) != 258 || len(types) != 258 || tokens[ByteBOS] != ByteBOSText || types[ByteEOS] != TokenControl {
		t.Fatalf("%d tokens, %d types, BOS %q", len(tokens), len(types), tokens[ByteBOS])
	}
	seen := map[string]bool{}
	for _, tok := range tokens {
		if seen[tok] {
			t.Fatalf("token %q twice", tok)
		}
		seen[tok] = true
	}
	if tokens[' '] != "▁" || tokens['a'] != "a" || tokens['\n'] != "<0x0A>" || types['\n'] != TokenByte || types['a'] != TokenNormal {
		t.Errorf("spellings: %q %q %q", tokens[' '], tokens['a'], tokens['\n'])
	}
	// One token per byte, and token id = byte value, for ASCII text with
	// newlines and for multi-byte characters alike. (A literal "▁" in the
	// text is a space to SentencePiece: one token for its 3 bytes.)
	for _, text := range []string{"The pass key is 71432.\n\nWhat is it?", "naïve café, tab\there"} {
		ids := spmEncode(text, tokens)
		if len(ids) != len(text) {
			t.Fatalf("%q: %d tokens for %d bytes", text, len(ids), len(text))
		}
		for i, id := range ids {
			if id != int(text[i]) {
				t.Fatalf("%q: byte %d (%q) got token %d", text, i, text[i], id)
			}
		}
	}
}
