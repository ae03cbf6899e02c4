package haystack

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestTiktokenNames(t *testing.T) {
	for name, want := range map[string]string{"cl100k": "cl100k", "cl100k_base": "cl100k", "o200k": "o200k", "o200k_base": "o200k"} {
		tok, err := Tiktoken(name)
		if err != nil {
			t.Fatal(err)
		}
		if tok.Name() != want {
			t.Errorf("Tiktoken(%q).Name() = %q, want %q", name, tok.Name(), want)
		}
	}
	if _, err := Tiktoken("p50k"); err == nil || !strings.Contains(err.Error(), "p50k") {
		t.Errorf("Tiktoken(p50k) error = %v, want one naming p50k", err)
	}
}

func TestEncoderIsShared(t *testing.T) {
	a, _ := Encoder("cl100k")
	b, _ := Encoder("cl100k_base")
	c, _ := Encoder("o200k")
	if a != b || a == nil || a == c {
		t.Fatalf("want one shared encoder per encoding, got %p %p %p", a, b, c)
	}
}

func TestTiktokenKnownIDs(t *testing.T) {
	// "hello world" is [15339 1917] in cl100k (and in Llama 3, whose first
	// 100k tokens are cl100k's; Ollama's Llama 3.2 tests expect the same).
	enc, err := Encoder("cl100k")
	if err != nil {
		t.Fatal(err)
	}
	if got := enc.EncodeOrdinary("hello world"); !slices.Equal(got, []int{15339, 1917}) {
		t.Errorf("cl100k ids = %v, want [15339 1917]", got)
	}
}

func TestTiktokenSpecialTextIsOrdinary(t *testing.T) {
	for _, name := range []string{"cl100k", "o200k"} {
		enc, _ := Encoder(name)
		tok, _ := Tiktoken(name)
		text := "before <|endoftext|> after <|fim_prefix|>"
		n, err := tok.Count(text)
		if err != nil {
			t.Fatal(err)
		}
		if want := len(enc.Encode(text, nil, nil)); n != want || n < 8 {
			t.Errorf("%s: Count = %d, Encode(text, nil, nil) has %d tokens (special text must be split into ordinary tokens)", name, n, want)
		}
	}
}

// The pieces splitChunks makes must tokenize to exactly the whole text's ids.
func TestChunkedIDsEqualWhole(t *testing.T) {
	size := 320 << 10
	if raceEnabled {
		size = 64 << 10 // the race detector slows BPE ~10x
	}
	texts := map[string]string{"varied": variedText(size)}
	if _, err := ollamaDir(); err == nil {
		texts["war-and-peace"] = warAndPeace(t, size)
	}
	for _, name := range []string{"cl100k", "o200k"} {
		enc, _ := Encoder(name)
		for label, text := range texts {
			whole := enc.EncodeOrdinary(text)
			chunks := splitChunks(text, 2<<10)
			if len(chunks) < 20 {
				t.Fatalf("%s: only %d chunks; the test would not exercise the cuts", label, len(chunks))
			}
			var pieced []int
			for _, c := range chunks {
				pieced = append(pieced, enc.EncodeOrdinary(c)...)
			}
			if !slices.Equal(whole, pieced) {
				i := 0
				for i < min(len(whole), len(pieced)) && whole[i] == pieced[i] {
					i++
				}
				t.Errorf("%s/%s: %d chunks give %d tokens, whole text %d; first difference at token %d",
					name, label, len(chunks), len(pieced), len(whole), i)
			}
		}
	}
}

func TestSplitChunks(t *testing.T) {
	text := variedText(100 << 10)
	chunks := splitChunks(text, 1000)
	if strings.Join(chunks, "") != text {
		t.Fatal("chunks do not join back to the text")
	}
	for i, c := range chunks[:len(chunks)-1] {
		if len(c) < 1000 {
			t.Errorf("chunk %d has %d bytes, want >= target", i, len(c))
		}
		next := chunks[i+1]
		if next[0] != ' ' || !isASCIILetter(next[1]) || !safeBeforeSpace(c[len(c)-1]) {
			t.Errorf("unsafe cut between %q and %q", c[len(c)-5:], next[:5])
		}
	}
	// Text without a safe place stays whole rather than being cut wrongly.
	if got := splitChunks(strings.Repeat("数", 3000), 100); len(got) != 1 {
		t.Errorf("unsplittable text cut into %d chunks", len(got))
	}
}

func TestTiktokenConcurrent(t *testing.T) {
	tok, _ := Tiktoken("o200k")
	text := variedText(20 << 10)
	want, _ := tok.Count(text)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			if got, _ := tok.Count(text); got != want {
				t.Errorf("concurrent Count = %d, want %d", got, want)
			}
		})
	}
	wg.Wait()
}

func TestBytes(t *testing.T) {
	n, err := Bytes().Count("héllo\x00")
	if n != 7 || err != nil || Bytes().Name() != "bytes" {
		t.Errorf("Bytes: %d, %v, %q", n, err, Bytes().Name())
	}
}

// Whole-novel counts that two independent tiktoken implementations agreed
// on in one call each (go-libraries.md §1.3); Count cuts the text into ~50
// pieces, so this also checks chunking at scale.
func TestTiktokenWarAndPeaceCounts(t *testing.T) {
	if raceEnabled {
		t.Skip("3.2 MB twice is too slow under the race detector; runs without -race")
	}
	text := warAndPeace(t, 0)
	for name, want := range map[string]int{"cl100k": 760670, "o200k": 752798} {
		tok, _ := Tiktoken(name)
		if n, _ := tok.Count(text); n != want {
			t.Errorf("%s: Count(war-and-peace) = %d, want %d", name, n, want)
		}
	}
}

// Invalid UTF-8 counts as the server will see it once JSON has replaced
// every invalid byte with U+FFFD, whichever tokenizer counts.
func TestInvalidUTF8CountsAsJSONDelivers(t *testing.T) {
	toks := []Tokenizer{Bytes()}
	for _, name := range []string{"cl100k", "o200k"} {
		tok, err := Tiktoken(name)
		if err != nil {
			t.Fatal(err)
		}
		toks = append(toks, tok)
	}
	toks = append(toks, tinyTokenizerJSON(t, nil, false))
	for _, text := range []string{"a\xffb", "run \xff\xfe\xfd of bad bytes", "cut \xe2\x82 short", "\xc3"} {
		clean := asJSONDelivers(t, text)
		for _, tok := range toks {
			got, _ := tok.Count(text)
			want, _ := tok.Count(clean)
			if got != want {
				t.Errorf("%s: Count(%q) = %d, the %q a server receives counts %d", tok.Name(), text, got, clean, want)
			}
		}
	}
}
