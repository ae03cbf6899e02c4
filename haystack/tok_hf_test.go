package haystack

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tiktoken "github.com/pkoukk/tiktoken-go"
)

// Expected ids from Ollama v0.17.4's Llama 3.2 tests (tokenizer/
// bytepairencoding_test.go, x/tokenizer/tokenizer_ggml_parity_test.go),
// with the special tokens of their inputs left out.
func TestLlama3KnownIDs(t *testing.T) {
	_, tok := llama3HF(t)
	cases := map[string][]int{
		"hello world": {15339, 1917},
		"hello ":      {15339, 220},
		"A B!":        {32, 426, 0},
		"A":           {32},
		"B!":          {33, 0},
		"!":           {0},
	}
	zeros := [][]int{{15}, {410}, {931}}
	for n := 1; n <= 17; n++ {
		want := slices.Repeat([]int{931}, n/3)
		if n%3 > 0 {
			want = append(want, zeros[n%3-1]...)
		}
		cases[strings.Repeat("0", n)] = want
	}
	agree := 0
	for text, want := range cases {
		got, _ := tok.Encode(text)
		if !slices.Equal(got, want) {
			t.Errorf("Encode(%q) = %v, want %v", text, got, want)
			continue
		}
		agree++
	}
	t.Logf("%d of %d reference strings give identical ids", agree, len(cases))
}

// Pre-token splits expected by Ollama's Llama 3.2 test.
func TestLlama3Split(t *testing.T) {
	_, tok := llama3HF(t)
	cases := map[string][]string{
		"Hello World!":                   {"Hello", " World", "!"},
		"I'm don't won't":                {"I", "'m", " don", "'t", " won", "'t"},
		"In 2024 there are 366 days":     {"In", " ", "202", "4", " there", " are", " ", "366", " days"},
		"Hello!! ...world":               {"Hello", "!!", " ...", "world"},
		"Hello    World":                 {"Hello", "   ", " World"},
		"Hello\nWorld":                   {"Hello", "\n", "World"},
		"Hello, WORLD!! How's it going?": {"Hello", ",", " WORLD", "!!", " How", "'s", " it", " going", "?"},
	}
	for text, want := range cases {
		if got := splitIsolated(tok.split[0], text, nil); !slices.Equal(got, want) {
			t.Errorf("split %q = %q, want %q", text, got, want)
		}
	}
}

// Where Ollama's BPE breaks a tie by rank only, Hugging Face merges the
// leftmost pair: "....\"\n\n\n" is "...."(1975) + "\"\n\n\n"(15993)
// (checked with a reference pair-rank BPE, see go-libraries.md §2.2).
func TestLlama3LeftmostTieBreak(t *testing.T) {
	_, tok := llama3HF(t)
	if got, _ := tok.Encode("....\"\n\n\n"); !slices.Equal(got, []int{1975, 15993}) {
		t.Errorf("ids = %v, want [1975 15993]", got)
	}
}

func TestLlama3RoundTrip(t *testing.T) {
	_, tok := llama3HF(t)
	byID := make(map[int]string, len(tok.vocab))
	for raw, id := range tok.vocab {
		byID[id] = raw
	}
	for _, text := range []string{"hello", " hello  ", "请考试我的软件！12345", "Multilingual: 你好 こんにちは Привет 😀", variedText(4000)} {
		ids, _ := tok.Encode(text)
		var sb strings.Builder
		for _, id := range ids {
			sb.WriteString(byID[id])
		}
		if sb.String() != text {
			t.Errorf("round trip of %.40q gave %.40q", text, sb.String())
		}
	}
}

// Llama 3's vocabulary is a tiktoken vocabulary (rank = id), so tiktoken's
// rank merging over the same bytes is an independent implementation that
// must give the same ids; it also checks that chunked counting is exact.
func TestLlama3MatchesTiktokenCore(t *testing.T) {
	_, tok := llama3HF(t)
	ranks := make(map[string]int, len(tok.vocab))
	for raw, id := range tok.vocab {
		ranks[raw] = id
	}
	core, err := tiktoken.NewCoreBPE(ranks, map[string]int{"<|begin_of_text|>": 128000}, llama3Pattern)
	if err != nil {
		t.Fatal(err)
	}
	ref := tiktoken.NewTiktoken(core, nil, nil)
	size := 1 << 20
	if raceEnabled {
		size = 128 << 10 // the race detector slows BPE ~10x
	}
	for label, text := range map[string]string{"war-and-peace": warAndPeace(t, size), "varied": variedText(size / 4)} {
		want := ref.EncodeOrdinary(text)
		got, _ := tok.Encode(text)
		n, _ := tok.Count(text)
		if !slices.Equal(got, want) || n != len(want) {
			t.Errorf("%s: %d ids (Count %d), tiktoken core %d; identical: %v", label, len(got), n, len(want), slices.Equal(got, want))
		}
		t.Logf("%s: %d bytes, %d tokens, identical ids", label, len(text), len(want))
	}
}

func TestLoadFileHFName(t *testing.T) {
	data, _ := llama3HF(t)
	path := filepath.Join(t.TempDir(), "tokenizer.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	tok, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if want := "hf:" + hex.EncodeToString(sum[:])[:12]; tok.Name() != want {
		t.Errorf("Name = %q, want %q", tok.Name(), want)
	}
	if n, _ := tok.Count("hello world"); n != 2 {
		t.Errorf("Count(hello world) = %d, want 2", n)
	}
}

// tinyTokenizerJSON is a byte-level BPE whose id order is not its merge
// order (as in Qwen's files): "bc" has a lower id than "ab" but merges later.
// "ca" is in the vocabulary but no merge makes it.
func tinyTokenizerJSON(t *testing.T, normalizer any, ignoreMerges bool) *byteLevelBPE {
	t.Helper()
	vocab := map[string]int{}
	for b, r := range gpt2ByteToRune {
		vocab[string(r)] = b
	}
	vocab["bc"], vocab["ab"], vocab["abc"], vocab["aa"], vocab["Ã©"], vocab["ca"] = 256, 257, 258, 259, 260, 261
	doc := map[string]any{
		"normalizer":    normalizer,
		"pre_tokenizer": map[string]any{"type": "ByteLevel", "add_prefix_space": false, "use_regex": true},
		"model": map[string]any{"type": "BPE", "ignore_merges": ignoreMerges, "vocab": vocab,
			"merges": []string{"a b", "b c", "ab c", "a a", "Ã ©"}},
	}
	data, _ := json.Marshal(doc)
	tok, err := loadHFTokenizer("tiny.json", data)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestPairRankBPE(t *testing.T) {
	tok := tinyTokenizerJSON(t, nil, false)
	cases := map[string][]int{
		"abc":  {258},           // a b (rank 0) then ab c (rank 2)
		"bc":   {256},           //
		"abbc": {257, 256},      // both pairs; a b first
		"aaa":  {259, 'a'},      // equal ranks: the leftmost pair merges
		"cab":  {'c', 257},      //
		"a bc": {'a', ' ', 256}, // " bc" is one pre-token, then b c merges
		"é":    {260},           //
	}
	for text, want := range cases {
		if got, _ := tok.Encode(text); !slices.Equal(got, want) {
			t.Errorf("Encode(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestIgnoreMergesAndNFC(t *testing.T) {
	// "ca": merges leave "c" + "a"; with ignore_merges a whole pre-token in
	// the vocabulary wins, which only differs when merges cannot reach it.
	plain := tinyTokenizerJSON(t, nil, false)
	nfc := tinyTokenizerJSON(t, map[string]any{"type": "Sequence", "normalizers": []any{map[string]any{"type": "NFC"}}}, true)
	if ids, _ := plain.Encode("ca"); !slices.Equal(ids, []int{'c', 'a'}) {
		t.Errorf("without ignore_merges: ids %v, want [c a]", ids)
	}
	if ids, _ := nfc.Encode("ca"); !slices.Equal(ids, []int{261}) {
		t.Errorf("with ignore_merges: ids %v, want [261] (the whole pre-token)", ids)
	}
	decomposed := "e\u0301" // é as e + combining acute: NFC makes it one 2-byte char
	if n, _ := plain.Count(decomposed); n != 3 {
		t.Errorf("without NFC: %d tokens, want 3 (e, 0xCC, 0x81)", n)
	}
	if n, _ := nfc.Count(decomposed); n != 1 {
		t.Errorf("with NFC: %d tokens, want 1", n)
	}
}

func TestHFErrorsNameFileAndCause(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		`{"model": {"type": "WordPiece", "vocab": {}}}`:                                         "WordPiece",
		`{"pre_tokenizer": {"type": "Metaspace"}, "model": {"type": "BPE", "vocab": {}}}`:       "Metaspace",
		`{"normalizer": {"type": "Lowercase"}, "model": {"type": "BPE", "vocab": {}}}`:          "Lowercase",
		`{"model": {"type": "BPE", "byte_fallback": true, "vocab": {}}}`:                        "byte_fallback",
		`{"pre_tokenizer": {"type": "ByteLevel"}, "model": {"type": "BPE", "vocab": {"a": 0}}}`: "byte 0x00",
		`{"model": `: "tokenizer.json",
	}
	for doc, want := range cases {
		path := filepath.Join(dir, "tokenizer.json")
		os.WriteFile(path, []byte(doc), 0o644)
		_, err := LoadFile(path)
		if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want one line naming %s and %q", doc, err, path, want)
		}
	}
	if _, err := LoadFile(filepath.Join(dir, "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing file: %v", err)
	}
}
