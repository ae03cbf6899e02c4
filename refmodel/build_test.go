package refmodel

import (
	"bytes"
	"crypto/sha256"
	"math"
	"os"
	"path/filepath"
	"testing"

	"niah/gguf"
)

func TestCodesSeparateClasses(t *testing.T) {
	for a := 0; a < numClasses; a++ {
		ca := classCode(a)
		for b := 0; b < numClasses; b++ {
			cb := classCode(b)
			var dot float64
			for i := range ca {
				dot += float64(ca[i]) * float64(cb[i])
			}
			want := []float64{0, -1}
			if a == b {
				want = []float64{1}
			}
			ok := false
			for _, w := range want {
				ok = ok || math.Abs(dot-w) < 1e-5
			}
			if !ok {
				t.Fatalf("classes %d and %d: code dot product %v, want one of %v", a, b, dot, want)
			}
		}
	}
	if numClasses != 2*codeDim {
		t.Errorf("%d classes, want all %d codes used", numClasses, 2*codeDim)
	}
	for _, pair := range [][2]byte{{'T', 't'}, {'7', '7'}} {
		if byteClass(pair[0]) != byteClass(pair[1]) {
			t.Errorf("%q and %q should share a class", pair[0], pair[1])
		}
	}
	seen := map[int]byte{}
	for _, b := range []byte("0123456789abcdefghijklmnopqrstuvwxyz .,?\n") {
		if prev, dup := seen[byteClass(b)]; dup {
			t.Errorf("%q and %q share class %d", prev, b, byteClass(b))
		}
		seen[byteClass(b)] = b
	}
}

func TestBuildStructure(t *testing.T) {
	for _, scale := range []float64{0, 2} {
		kvs, tensors := Build(Options{RopeScale: scale})
		meta := map[string]any{}
		for _, kv := range kvs {
			meta[kv.Key] = kv.Value
		}
		if meta["llama.rope.dimension_count"] != uint32(nEmbd/nHead) {
			t.Errorf("rope.dimension_count %v, llama.cpp requires head_dim %d", meta["llama.rope.dimension_count"], nEmbd/nHead)
		}
		_, scaled := meta["llama.rope.scaling.factor"]
		if scaled != (scale == 2) || (scaled && meta["llama.rope.scaling.type"] != "linear") {
			t.Errorf("scale %v: scaling metadata %v %v", scale, meta["llama.rope.scaling.type"], meta["llama.rope.scaling.factor"])
		}
		tokens, _ := meta["tokenizer.ggml.tokens"].([]string)
		if meta["tokenizer.chat_template"] != PassThroughTemplate {
			t.Errorf("chat template %q, want the pass-through one", meta["tokenizer.chat_template"])
		}
		var params int
		for _, tn := range tensors {
			params += len(tn.Data)
			if (tn.Name == "token_embd.weight" || tn.Name == "output.weight") && tn.Dims[1] != uint64(len(tokens)) {
				t.Errorf("%s has %d rows for %d tokens", tn.Name, tn.Dims[1], len(tokens))
			}
			switch {
			case tn.Name == "rope_freqs.weight":
				checkRopeFreqs(t, tn.Data)
			case bytes.Contains([]byte(tn.Name), []byte("norm")):
				for _, v := range tn.Data {
					if v != 1 {
						t.Fatalf("%s: weight %v, want all 1 (the scale is divided out by design)", tn.Name, v)
					}
				}
			case bytes.Contains([]byte(tn.Name), []byte("ffn_")):
				for _, v := range tn.Data {
					if v != 0 {
						t.Fatalf("%s: weight %v, want all 0", tn.Name, v)
					}
				}
			}
		}
		if params < 12_000_000 || params > 13_000_000 {
			t.Errorf("%d parameters, want about 12.6M", params)
		}
	}
}

// checkRopeFreqs recomputes the angle per position that llama.cpp derives
// from freq_base and the factors: the layer-1 pairs must turn once every
// 2, 3, 5, 7 and 11 positions, the rest not at all.
func checkRopeFreqs(t *testing.T, f []float32) {
	t.Helper()
	if len(f) != headDim/2 {
		t.Fatalf("rope_freqs has %d factors, want head_dim/2 = %d", len(f), headDim/2)
	}
	for p, ff := range f {
		angle := math.Pow(freqBase, -2*float64(p)/float64(headDim)) / float64(ff)
		want := 0.0
		switch {
		case p < len(periods):
			want = float64(periods[p])
		case p == agePair:
			want = 4 * DesignedContext // a quarter turn over the designed context
		}
		if want > 0 {
			if got := 2 * math.Pi / angle; math.Abs(got-want) > 1e-4*want {
				t.Errorf("pair %d: period %v positions, want %v", p, got, want)
			}
		} else if angle*1e5 > 1e-15 {
			t.Errorf("pair %d turns %v rad per position; at 100K positions that is not still", p, angle)
		}
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	var sums [2][32]byte
	for i := range sums {
		path := filepath.Join(dir, "ref.gguf")
		if err := Write(path, Options{}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sums[i] = sha256.Sum256(b)
		if i == 0 {
			f, err := gguf.ReadFile(path)
			if err != nil {
				t.Fatalf("reading back: %v", err)
			}
			if arch, _ := f.String("general.architecture"); arch != "llama" || len(f.Tensors) != 2+2*9+2 {
				t.Errorf("read back arch %q with %d tensors", arch, len(f.Tensors))
			}
		}
	}
	if sums[0] != sums[1] {
		t.Errorf("two builds differ: %x vs %x", sums[0], sums[1])
	}
}

func TestValidate(t *testing.T) {
	for _, ok := range []float64{0, 1, 2, 4} {
		if err := (Options{RopeScale: ok}).Validate(); err != nil {
			t.Errorf("RopeScale %v: %v", ok, err)
		}
	}
	for _, bad := range []float64{-1, 0.5, 1.5, 9} {
		if err := (Options{RopeScale: bad}).Validate(); err == nil {
			t.Errorf("RopeScale %v accepted", bad)
		}
		if err := Write(filepath.Join(t.TempDir(), "x.gguf"), Options{RopeScale: bad}); err == nil {
			t.Errorf("Write accepted RopeScale %v", bad)
		}
	}
}
