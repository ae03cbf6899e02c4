package haystack

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"

	"niah/gguf"
)

func gemmaModelPath(t testing.TB) string {
	return filepath.Join(ollamaTokenizerTestdata(t), "gemma2", "tokenizer.model")
}

var gemmaOnce = sync.OnceValues(func() (Tokenizer, error) {
	dir, err := ollamaDir()
	if err != nil {
		return nil, err
	}
	return LoadFile(filepath.Join(dir, "gemma2", "tokenizer.model"))
})

func gemma(t testing.TB) *spmTokenizer {
	t.Helper()
	gemmaModelPath(t) // skips when the reference data is absent
	tok, err := gemmaOnce()
	if err != nil {
		t.Fatal(err)
	}
	return tok.(*spmTokenizer)
}

// Expected ids from go-sentencepiece v0.7.0's tests, which its author
// checked against the Python sentencepiece bindings with this Gemma model.
func TestGemmaKnownIDs(t *testing.T) {
	tok := gemma(t)
	if !strings.HasPrefix(tok.Name(), "spm:") || len(tok.Name()) != 16 {
		t.Errorf("Name = %q, want spm:<12 hex>", tok.Name())
	}
	cases := map[string][]int{
		"hello world":                {17534, 2134},
		"12345":                      {235274, 235284, 235304, 235310, 235308},
		"   ":                        {140},
		"one line\nand another line": {785, 2017, 108, 639, 2550, 2017},
		"Bienvenido a este proyecto": {176831, 476, 4004, 25431},
		"if allow == true { return x;} else {return x+y;}": {648, 2765, 1159, 1382, 612, 2203, 1141, 22505, 1354, 612, 773, 1141, 235340, 235267, 22505},
	}
	agree := 0
	for text, want := range cases {
		got, _ := tok.Encode(text)
		n, _ := tok.Count(text)
		if !slices.Equal(got, want) || n != len(want) {
			t.Errorf("Encode(%q) = %v (Count %d), want %v (no BOS)", text, got, n, want)
			continue
		}
		agree++
	}
	t.Logf("%d of %d reference strings give identical ids", agree, len(cases))
}

// SentencePiece merges across the whole text; cutting before " word" must
// not change the tokens.
func TestGemmaChunkedIDsEqualWhole(t *testing.T) {
	tok := gemma(t)
	size := 256 << 10
	if raceEnabled {
		size = 48 << 10
	}
	for label, text := range map[string]string{"war-and-peace": warAndPeace(t, size), "varied": variedText(size / 4)} {
		var whole []int
		for _, tk := range tok.proc.Encode(text) {
			whole = append(whole, tk.ID)
		}
		var pieced []int
		chunks := splitChunks(text, 1<<10)
		for _, c := range chunks {
			for _, tk := range tok.proc.Encode(c) {
				pieced = append(pieced, tk.ID)
			}
		}
		if len(chunks) < 10 || !slices.Equal(whole, pieced) {
			t.Errorf("%s: %d chunks give %d tokens, whole text %d", label, len(chunks), len(pieced), len(whole))
		}
	}
}

// A GGUF "llama" vocabulary built from the same pieces must count the same.
func TestGGUFSentencePieceMatchesModel(t *testing.T) {
	tok := gemma(t)
	data, err := os.ReadFile(gemmaModelPath(t))
	if err != nil {
		t.Fatal(err)
	}
	tokens, scores, types := decodeSPMPieces(t, data)
	path := filepath.Join(t.TempDir(), "gemma.gguf")
	kvs := []gguf.KV{
		{Key: "tokenizer.ggml.model", Value: "llama"},
		{Key: "tokenizer.ggml.tokens", Value: tokens},
		{Key: "tokenizer.ggml.scores", Value: scores},
		{Key: "tokenizer.ggml.token_type", Value: types},
		{Key: "tokenizer.ggml.add_space_prefix", Value: false},
	}
	writeGGUF(t, path, kvs)
	fromGGUF, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(fromGGUF.Name(), "gguf:") {
		t.Errorf("Name = %q", fromGGUF.Name())
	}
	text := variedText(8 << 10)
	want, _ := tok.Encode(text)
	got, _ := fromGGUF.(*spmTokenizer).Encode(text)
	if !slices.Equal(got, want) {
		t.Errorf("GGUF vocabulary gives %d tokens, tokenizer.model %d", len(got), len(want))
	}

	kvs[4].Value = true
	writeGGUF(t, path, kvs)
	if _, err := LoadFile(path); err == nil || !strings.Contains(err.Error(), "add_space_prefix") {
		t.Errorf("Llama-2-style GGUF: error %v, want one naming add_space_prefix", err)
	}
}

// decodeSPMPieces reads the pieces of a SentencePiece ModelProto.
func decodeSPMPieces(t *testing.T, data []byte) (tokens []string, scores []float32, types []int32) {
	t.Helper()
	for len(data) > 0 {
		num, typ, n := protowire.ConsumeTag(data)
		data = data[n:]
		if num != 1 || typ != protowire.BytesType {
			data = data[protowire.ConsumeFieldValue(num, typ, data):]
			continue
		}
		piece, n := protowire.ConsumeBytes(data)
		data = data[n:]
		tok, score, kind := "", float32(0), int32(1)
		for len(piece) > 0 {
			pn, pt, m := protowire.ConsumeTag(piece)
			piece = piece[m:]
			switch {
			case pn == 1 && pt == protowire.BytesType:
				s, m := protowire.ConsumeString(piece)
				tok, piece = s, piece[m:]
			case pn == 2 && pt == protowire.Fixed32Type:
				v, m := protowire.ConsumeFixed32(piece)
				score, piece = math.Float32frombits(v), piece[m:]
			case pn == 3 && pt == protowire.VarintType:
				v, m := protowire.ConsumeVarint(piece)
				kind, piece = int32(v), piece[m:]
			default:
				piece = piece[protowire.ConsumeFieldValue(pn, pt, piece):]
			}
		}
		tokens, scores, types = append(tokens, tok), append(scores, score), append(types, kind)
	}
	if len(tokens) < 1000 {
		t.Fatalf("decoded only %d pieces", len(tokens))
	}
	return tokens, scores, types
}

func writeGGUF(t *testing.T, path string, kvs []gguf.KV) {
	t.Helper()
	if err := gguf.WriteFile(path, kvs, nil); err != nil {
		t.Fatal(err)
	}
}
