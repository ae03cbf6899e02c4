package tinymodel

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"niah/gguf"
)

func writeTiny(t *testing.T, seed int64, o Options) []byte {
	t.Helper()
	kvs, tensors := Build(seed, o)
	var buf bytes.Buffer
	if err := gguf.Write(&buf, kvs, tensors); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestTinyModelDeterministic(t *testing.T) {
	a, b, c := writeTiny(t, 1, Options{}), writeTiny(t, 1, Options{}), writeTiny(t, 2, Options{})
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
	o := Options{ContextLength: 4096, Embedding: 48, Layers: 3, Heads: 6, HeadsKV: 2, FFN: 80}
	f, err := gguf.Read(bytes.NewReader(writeTiny(t, 7, o)))
	if err != nil {
		t.Fatal(err)
	}
	wantUint := map[string]uint64{
		"llama.context_length": 4096, "llama.embedding_length": 48, "llama.block_count": 3,
		"llama.feed_forward_length": 80, "llama.attention.head_count": 6, "llama.attention.head_count_kv": 2,
		"llama.rope.dimension_count": 8, "tokenizer.ggml.bos_token_id": gguf.ByteBOS, "tokenizer.ggml.eos_token_id": gguf.ByteEOS,
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
	f, err := gguf.Read(bytes.NewReader(writeTiny(t, 1, Options{Type: gguf.F16})))
	if err != nil {
		t.Fatal(err)
	}
	for _, ti := range f.Tensors {
		wantType := gguf.F16
		if len(ti.Dims) == 1 {
			wantType = gguf.F32 // norms stay gguf.F32
		}
		if ti.Type != wantType {
			t.Errorf("%s is %v, want %v", ti.Name, ti.Type, wantType)
		}
	}
	if ft, _ := f.Uint("general.file_type"); ft != 1 {
		t.Errorf("general.file_type = %d, want 1 (mostly gguf.F16)", ft)
	}
}

func TestWriteTinyModel(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tiny.gguf")
	if err := Write(path, 3, Options{}); err != nil {
		t.Fatal(err)
	}
	onDisk, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(onDisk, writeTiny(t, 3, Options{})) {
		t.Error("file differs from Build's output")
	}
	err = Write(filepath.Join(dir, "bad.gguf"), 3, Options{Embedding: 50, Heads: 4})
	if err == nil || !strings.Contains(err.Error(), "embedding 50") {
		t.Errorf("bad heads: err = %v", err)
	}
	if err := Write(filepath.Join(dir, "no", "such", "dir.gguf"), 3, Options{}); err == nil {
		t.Error("unwritable path: no error")
	}
}

func BenchmarkWriteTinyModel(b *testing.B) {
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		kvs, tensors := Build(1, Options{})
		if err := gguf.Write(&buf, kvs, tensors); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

func BenchmarkReadTinyModel(b *testing.B) {
	kvs, tensors := Build(1, Options{})
	var buf bytes.Buffer
	if err := gguf.Write(&buf, kvs, tensors); err != nil {
		b.Fatal(err)
	}
	raw := buf.Bytes()
	for b.Loop() {
		if _, err := gguf.Read(bytes.NewReader(raw)); err != nil {
			b.Fatal(err)
		}
	}
}
