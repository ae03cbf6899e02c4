package gguf

import (
	"testing"
)

func TestGPT2ByteToRune(t *testing.T) {
	m := GPT2ByteToRune()
	seen := map[rune]bool{}
	for b, r := range m {
		if seen[r] {
			t.Fatalf("rune %q used twice (byte %d)", r, b)
		}
		seen[r] = true
	}
	// Known GPT-2 spellings: space is Ġ, newline Ċ, tab ĉ, NUL Ā, 0xAD is Ń.
	for b, want := range map[byte]rune{' ': 'Ġ', '\n': 'Ċ', '\t': 'ĉ', 0: 'Ā', 'A': 'A', 0xAD: 'Ń', 0xFF: 'ÿ', 0x7F: 'ġ'} {
		if m[b] != want {
			t.Errorf("byte %#x -> %q, want %q", b, m[b], want)
		}
	}
}

func TestByteVocabulary(t *testing.T) {
	tokens, types := ByteVocabulary()
	if len(tokens) != 258 || len(types) != 258 {
		t.Fatalf("%d tokens, %d types; want 258", len(tokens), len(types))
	}
	if tokens[ByteBOS] != ByteBOSText || tokens[ByteEOS] != ByteEOSText || types[ByteBOS] != TokenControl || types[ByteEOS] != TokenControl {
		t.Errorf("BOS/EOS = %q/%q types %d/%d", tokens[ByteBOS], tokens[ByteEOS], types[ByteBOS], types[ByteEOS])
	}
	if tokens['a'] != "a" || tokens[' '] != "Ġ" || types['a'] != TokenNormal {
		t.Errorf("byte tokens wrong: %q %q", tokens['a'], tokens[' '])
	}
}
