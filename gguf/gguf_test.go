package gguf

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var sampleKVs = []KV{
	{"general.architecture", "llama"},
	{"u8", uint8(200)}, {"i8", int8(-5)}, {"u16", uint16(60000)}, {"i16", int16(-300)},
	{"u32", uint32(4000000000)}, {"i32", int32(-7)}, {"u64", uint64(1 << 40)}, {"i64", int64(-1 << 40)},
	{"f32", float32(1.5)}, {"f64", 2.25}, {"yes", true}, {"no", false},
	{"tokens", []string{"a", "", "ĠHello"}},
	{"scores", []float32{0, -1.5, 3}},
	{"types", []int32{1, 3, 6}},
	{"bytes", []uint8{1, 2, 3}},
	{"flags", []bool{true, false}},
	{"big", []uint64{1, 1 << 63}},
	{"empty", []string{}},
}

func writeSample(t *testing.T, tensors []Tensor) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, sampleKVs, tensors); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTripMetadata(t *testing.T) {
	f, err := Read(bytes.NewReader(writeSample(t, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if f.Version != 3 {
		t.Errorf("version %d, want 3", f.Version)
	}
	if len(f.Keys) != len(sampleKVs) {
		t.Fatalf("%d keys, want %d", len(f.Keys), len(sampleKVs))
	}
	for i, kv := range sampleKVs {
		if f.Keys[i] != kv.Key {
			t.Errorf("key %d = %q, want %q (file order)", i, f.Keys[i], kv.Key)
		}
		if got := f.KV[kv.Key]; !reflect.DeepEqual(got, kv.Value) {
			t.Errorf("%s = %#v (%T), want %#v (%T)", kv.Key, got, got, kv.Value, kv.Value)
		}
	}
}

func TestAccessors(t *testing.T) {
	f, err := Read(bytes.NewReader(writeSample(t, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := f.String("general.architecture"); !ok || s != "llama" {
		t.Errorf("String = %q %v", s, ok)
	}
	if _, ok := f.String("u8"); ok {
		t.Error("String of a uint8 reported ok")
	}
	if s, ok := f.Strings("tokens"); !ok || len(s) != 3 || s[2] != "ĠHello" {
		t.Errorf("Strings = %q %v", s, ok)
	}
	for key, want := range map[string]uint64{"u8": 200, "u16": 60000, "u32": 4000000000, "u64": 1 << 40} {
		if got, ok := f.Uint(key); !ok || got != want {
			t.Errorf("Uint(%s) = %d %v, want %d", key, got, ok, want)
		}
	}
	for _, key := range []string{"i8", "i32", "i64", "f32", "missing"} {
		if got, ok := f.Uint(key); ok {
			t.Errorf("Uint(%s) = %d, want absent (negative or not an integer)", key, got)
		}
	}
	if v, ok := f.Float("f32"); !ok || v != 1.5 {
		t.Errorf("Float(f32) = %v %v", v, ok)
	}
	if v, ok := f.Float32s("scores"); !ok || v[1] != -1.5 {
		t.Errorf("Float32s = %v %v", v, ok)
	}
	if v, ok := f.Int32s("types"); !ok || v[2] != 6 {
		t.Errorf("Int32s = %v %v", v, ok)
	}
	if _, ok := f.Int32s("scores"); ok {
		t.Error("Int32s of a float array reported ok")
	}
}

// TestTensorLayout checks the tensor table and that each tensor's bytes sit
// at DataOffset+Offset, aligned to 32, in the declared type.
func TestTensorLayout(t *testing.T) {
	tensors := []Tensor{
		{Name: "a", Dims: []uint64{3}, Type: F32, Data: []float32{1, -2, 3.5}},
		{Name: "b", Dims: []uint64{2, 3}, Type: F16, Data: []float32{0, 1, -1, 0.5, 65504, -0.25}},
		{Name: "c", Dims: []uint64{1}, Type: F32, Data: []float32{42}},
	}
	raw := writeSample(t, tensors)
	f, err := Read(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Tensors) != 3 {
		t.Fatalf("%d tensors", len(f.Tensors))
	}
	if f.DataOffset%32 != 0 {
		t.Errorf("data offset %d not aligned", f.DataOffset)
	}
	for i, ti := range f.Tensors {
		want := tensors[i]
		if ti.Name != want.Name || ti.Type != want.Type || !reflect.DeepEqual(ti.Dims, want.Dims) {
			t.Errorf("tensor %d = %+v, want %s %v %v", i, ti, want.Name, want.Dims, want.Type)
		}
		if ti.Offset%32 != 0 {
			t.Errorf("tensor %s offset %d not aligned", ti.Name, ti.Offset)
		}
		at := f.DataOffset + ti.Offset
		for j, v := range want.Data {
			var got float32
			if ti.Type == F32 {
				got = math.Float32frombits(binary.LittleEndian.Uint32(raw[at+4*uint64(j):]))
			} else {
				got = Float16ToFloat32(binary.LittleEndian.Uint16(raw[at+2*uint64(j):]))
			}
			if got != v {
				t.Errorf("tensor %s[%d] = %v, want %v", ti.Name, j, got, v)
			}
		}
	}
	if len(raw)%32 != 0 {
		t.Errorf("file length %d not padded to the alignment", len(raw))
	}
}

func TestWriteRejects(t *testing.T) {
	cases := map[string]struct {
		kvs     []KV
		tensors []Tensor
		want    string
	}{
		"dup key":    {[]KV{{"a", "x"}, {"a", "y"}}, nil, `duplicate metadata key "a"`},
		"bad value":  {[]KV{{"a", 3}}, nil, `"a": unsupported value type int`},
		"bad align":  {[]KV{{"general.alignment", uint32(3)}}, nil, "general.alignment"},
		"short data": {nil, []Tensor{{Name: "w", Dims: []uint64{2, 2}, Data: []float32{1}}}, `tensor "w": dims [2 2] hold 4 elements but data has 1`},
		"bad type":   {nil, []Tensor{{Name: "q", Dims: []uint64{1}, Type: 2, Data: []float32{1}}}, `tensor "q": type TensorType(2)`},
		"no dims":    {nil, []Tensor{{Name: "s", Data: []float32{1}}}, `tensor "s": 0 dims`},
	}
	for name, c := range cases {
		err := Write(io.Discard, c.kvs, c.tensors)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to mention %q", name, err, c.want)
		}
	}
}

func TestCustomAlignment(t *testing.T) {
	var buf bytes.Buffer
	kvs := []KV{{"general.alignment", uint32(64)}}
	tensors := []Tensor{
		{Name: "a", Dims: []uint64{1}, Data: []float32{1}},
		{Name: "b", Dims: []uint64{1}, Data: []float32{2}},
	}
	if err := Write(&buf, kvs, tensors); err != nil {
		t.Fatal(err)
	}
	f, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if f.DataOffset%64 != 0 || f.Tensors[1].Offset != 64 {
		t.Errorf("data offset %d, second tensor offset %d; want multiples of 64", f.DataOffset, f.Tensors[1].Offset)
	}
}

func TestReadRejectsCorruptInput(t *testing.T) {
	good := writeSample(t, []Tensor{{Name: "a", Dims: []uint64{2}, Data: []float32{1, 2}}})
	if _, err := Read(bytes.NewReader([]byte("GGML1234"))); err == nil || !strings.Contains(err.Error(), "not a GGUF file") {
		t.Errorf("bad magic: %v", err)
	}
	v2 := bytes.Clone(good)
	binary.LittleEndian.PutUint32(v2[4:], 9)
	if _, err := Read(bytes.NewReader(v2)); err == nil || !strings.Contains(err.Error(), "version 9") {
		t.Errorf("bad version: %v", err)
	}
	// Every truncation inside the header must fail cleanly, never panic.
	f, _ := Read(bytes.NewReader(good))
	for n := 0; n < int(f.DataOffset)-32; n++ {
		if _, err := Read(bytes.NewReader(good[:n])); err == nil {
			t.Fatalf("truncated at %d bytes: no error", n)
		} else if n > 8 && !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Fatalf("truncated at %d bytes: %v, want unexpected EOF", n, err)
		}
	}
	huge := bytes.Clone(good)
	binary.LittleEndian.PutUint64(huge[24:], math.MaxUint64) // length of the first key
	if _, err := Read(bytes.NewReader(huge)); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("huge string: %v", err)
	}
}

func TestReadFileNamesPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.gguf")
	if err := os.WriteFile(path, []byte("nope"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(path); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("err = %v, want the path in it", err)
	}
	good := filepath.Join(t.TempDir(), "good.gguf")
	if err := os.WriteFile(good, writeSample(t, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := ReadFile(good)
	if err != nil || len(f.Keys) != len(sampleKVs) {
		t.Errorf("ReadFile(good) = %v, %v", f, err)
	}
}

func TestFloat16(t *testing.T) {
	cases := []struct {
		in   float32
		want uint16
	}{
		{0, 0x0000}, {float32(math.Copysign(0, -1)), 0x8000}, {1, 0x3c00}, {-2, 0xc000},
		{0.5, 0x3800}, {65504, 0x7bff}, {65520, 0x7c00}, {1e10, 0x7c00},
		{float32(math.Inf(-1)), 0xfc00},
		{6.103515625e-05, 0x0400},        // smallest normal
		{5.960464477539063e-08, 0x0001},  // smallest subnormal
		{2.9802322387695312e-08, 0x0000}, // half of it: ties to even (0)
		{8.940696716308594e-08, 0x0002},  // 1.5 × smallest: ties to even (2)
		{1e-9, 0},
		{1.0009765625, 0x3c01},  // 1 + 2^-10, exact
		{1.00048828125, 0x3c00}, // 1 + 2^-11: tie, rounds to even
		{1.00146484375, 0x3c02}, // 1 + 3·2^-11: tie, rounds to even (up)
		{0.333333333, 0x3555},
	}
	for _, c := range cases {
		if got := Float32ToFloat16(c.in); got != c.want {
			t.Errorf("Float32ToFloat16(%v) = %#04x, want %#04x", c.in, got, c.want)
		}
	}
	if h := Float32ToFloat16(float32(math.NaN())); h&0x7c00 != 0x7c00 || h&0x3ff == 0 {
		t.Errorf("NaN -> %#04x", h)
	}
	// Every finite half survives a round trip through float32.
	for h := 0; h < 1<<16; h++ {
		if h&0x7c00 == 0x7c00 {
			continue
		}
		if back := Float32ToFloat16(Float16ToFloat32(uint16(h))); back != uint16(h) {
			t.Fatalf("half %#04x -> %v -> %#04x", h, Float16ToFloat32(uint16(h)), back)
		}
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.gguf")
	if err := WriteFile(good, sampleKVs, nil); err != nil {
		t.Fatal(err)
	}
	if f, err := ReadFile(good); err != nil || len(f.Keys) != len(sampleKVs) {
		t.Errorf("reading back: %v, %v", f, err)
	}
	// A file that cannot be finished names the path and is not left behind.
	bad := filepath.Join(dir, "bad.gguf")
	err := WriteFile(bad, []KV{{"a", 3}}, nil)
	if err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), "unsupported value type") {
		t.Errorf("bad value: %v, want an error naming %s and the cause", err, bad)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Errorf("the unfinished file is still there (stat: %v)", err)
	}
	if err := WriteFile(filepath.Join(dir, "no", "such", "x.gguf"), sampleKVs, nil); err == nil || !strings.Contains(err.Error(), "no such") {
		t.Errorf("missing directory: %v", err)
	}
}

// Arrays of arrays read back as []any, up to a nesting limit that keeps a
// crafted file from recursing without end.
func TestReadNestedArrays(t *testing.T) {
	nested := func(depth int) []byte {
		var b bytes.Buffer
		le := func(v any) { binary.Write(&b, binary.LittleEndian, v) }
		le(uint32(magic))
		le(uint32(3))
		le(uint64(0)) // tensors
		le(uint64(1)) // metadata keys
		le(uint64(1))
		b.WriteString("k")
		le(uint32(TypeArray))
		for range depth - 1 {
			le(uint32(TypeArray)) // element type
			le(uint64(1))         // one element
		}
		le(uint32(TypeUint8))
		le(uint64(1))
		b.WriteByte(7)
		return b.Bytes()
	}
	f, err := Read(bytes.NewReader(nested(3)))
	if err != nil {
		t.Fatal(err)
	}
	if want := []any{[]any{[]uint8{7}}}; !reflect.DeepEqual(f.KV["k"], want) {
		t.Errorf("k = %#v, want %#v", f.KV["k"], want)
	}
	if _, err := Read(bytes.NewReader(nested(100_000))); err == nil || !strings.Contains(err.Error(), "nested") {
		t.Errorf("deep nesting: %v, want an error about nesting", err)
	}
}
