package gguf

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
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

func writeTiny(t *testing.T, seed int64, o TinyOptions) []byte {
	t.Helper()
	kvs, tensors := TinyModel(seed, o)
	var buf bytes.Buffer
	if err := Write(&buf, kvs, tensors); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTinyModelDeterministic(t *testing.T) {
	a, b, c := writeTiny(t, 1, TinyOptions{}), writeTiny(t, 1, TinyOptions{}), writeTiny(t, 2, TinyOptions{})
	if !bytes.Equal(a, b) {
		t.Error("same seed gave different files")
	}
	if bytes.Equal(a, c) {
		t.Error("different seeds gave the same file")
	}
	if len(a) > 4<<20 {
		t.Errorf("tiny model is %d bytes, want a few MB at most", len(a))
	}
}

// TestTinyModelShapes checks what llama.cpp's llama loader checks: the
// hyperparameters it requires and every tensor's ggml shape.
func TestTinyModelShapes(t *testing.T) {
	o := TinyOptions{ContextLength: 4096, Embedding: 48, Layers: 3, Heads: 6, HeadsKV: 2, FFN: 80}
	f, err := Read(bytes.NewReader(writeTiny(t, 7, o)))
	if err != nil {
		t.Fatal(err)
	}
	wantUint := map[string]uint64{
		"llama.context_length": 4096, "llama.embedding_length": 48, "llama.block_count": 3,
		"llama.feed_forward_length": 80, "llama.attention.head_count": 6, "llama.attention.head_count_kv": 2,
		"llama.rope.dimension_count": 8, "tokenizer.ggml.bos_token_id": ByteBOS, "tokenizer.ggml.eos_token_id": ByteEOS,
	}
	for k, want := range wantUint {
		if got, ok := f.Uint(k); !ok || got != want {
			t.Errorf("%s = %d (present %v), want %d", k, got, ok, want)
		}
	}
	for k, want := range map[string]string{"general.architecture": "llama", "tokenizer.ggml.model": "gpt2", "tokenizer.ggml.pre": "default"} {
		if got, _ := f.String(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if m, ok := f.Strings("tokenizer.ggml.merges"); !ok || len(m) != 0 {
		t.Errorf("merges = %v (present %v), want an empty array", m, ok)
	}
	for _, k := range []string{"llama.attention.layer_norm_rms_epsilon", "llama.rope.freq_base"} {
		if _, ok := f.Float(k); !ok {
			t.Errorf("%s missing", k)
		}
	}
	shapes := map[string][]uint64{}
	for _, ti := range f.Tensors {
		shapes[ti.Name] = ti.Dims
	}
	want := map[string][]uint64{
		"token_embd.weight": {48, 258}, "output_norm.weight": {48}, "output.weight": {48, 258},
	}
	for i := 0; i < 3; i++ {
		p := "blk." + string(rune('0'+i)) + "."
		want[p+"attn_norm.weight"] = []uint64{48}
		want[p+"attn_q.weight"] = []uint64{48, 48}
		want[p+"attn_k.weight"] = []uint64{48, 16}
		want[p+"attn_v.weight"] = []uint64{48, 16}
		want[p+"attn_output.weight"] = []uint64{48, 48}
		want[p+"ffn_norm.weight"] = []uint64{48}
		want[p+"ffn_gate.weight"] = []uint64{48, 80}
		want[p+"ffn_up.weight"] = []uint64{48, 80}
		want[p+"ffn_down.weight"] = []uint64{80, 48}
	}
	if !reflect.DeepEqual(shapes, want) {
		t.Errorf("tensor shapes\n got %v\nwant %v", shapes, want)
	}
}

func TestTinyModelF16(t *testing.T) {
	f, err := Read(bytes.NewReader(writeTiny(t, 1, TinyOptions{Type: F16})))
	if err != nil {
		t.Fatal(err)
	}
	for _, ti := range f.Tensors {
		wantType := F16
		if len(ti.Dims) == 1 {
			wantType = F32 // norms stay F32
		}
		if ti.Type != wantType {
			t.Errorf("%s is %v, want %v", ti.Name, ti.Type, wantType)
		}
	}
	if ft, _ := f.Uint("general.file_type"); ft != 1 {
		t.Errorf("general.file_type = %d, want 1 (mostly F16)", ft)
	}
}

func TestWriteTinyModel(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tiny.gguf")
	if err := WriteTinyModel(path, 3, TinyOptions{}); err != nil {
		t.Fatal(err)
	}
	onDisk, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(onDisk, writeTiny(t, 3, TinyOptions{})) {
		t.Error("file differs from TinyModel's output")
	}
	err = WriteTinyModel(filepath.Join(dir, "bad.gguf"), 3, TinyOptions{Embedding: 50, Heads: 4})
	if err == nil || !strings.Contains(err.Error(), "embedding 50") {
		t.Errorf("bad heads: err = %v", err)
	}
	if err := WriteTinyModel(filepath.Join(dir, "no", "such", "dir.gguf"), 3, TinyOptions{}); err == nil {
		t.Error("unwritable path: no error")
	}
}

func BenchmarkWriteTinyModel(b *testing.B) {
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		kvs, tensors := TinyModel(1, TinyOptions{})
		if err := Write(&buf, kvs, tensors); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

func BenchmarkReadTinyModel(b *testing.B) {
	kvs, tensors := TinyModel(1, TinyOptions{})
	var buf bytes.Buffer
	if err := Write(&buf, kvs, tensors); err != nil {
		b.Fatal(err)
	}
	raw := buf.Bytes()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(raw)); err != nil {
			b.Fatal(err)
		}
	}
}
