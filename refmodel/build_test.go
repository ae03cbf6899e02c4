package refmodel

import (
	"crypto/sha256"
	"math"
	"os"
	"path/filepath"
	"strings"
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
	for _, opts := range []Options{{}, {RopeScale: 2}, {HeadDim: 224}, {HeadDim: 256}} {
		kvs, tensors := Build(opts)
		meta := map[string]any{}
		for _, kv := range kvs {
			meta[kv.Key] = kv.Value
		}
		headDim := opts.HeadDimension()
		nEmbd := nHead * headDim
		if meta["llama.embedding_length"] != uint32(nEmbd) {
			t.Errorf("%+v: embedding_length %v, want %d heads x %d", opts, meta["llama.embedding_length"], nHead, headDim)
		}
		if meta["llama.rope.dimension_count"] != uint32(headDim) {
			t.Errorf("%+v: rope.dimension_count %v, llama.cpp requires head_dim %d", opts, meta["llama.rope.dimension_count"], headDim)
		}
		_, scaled := meta["llama.rope.scaling.factor"]
		if scaled != (opts.RopeScale == 2) || (scaled && meta["llama.rope.scaling.type"] != "linear") {
			t.Errorf("%+v: scaling metadata %v %v", opts, meta["llama.rope.scaling.type"], meta["llama.rope.scaling.factor"])
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
				checkRopeFreqs(t, tn.Data, headDim)
			case strings.HasSuffix(tn.Name, "attn_q.weight") || strings.HasSuffix(tn.Name, "attn_k.weight") ||
				strings.HasSuffix(tn.Name, "attn_v.weight"):
				checkPaddingIsZero(t, tn, headDim)
			case strings.Contains(tn.Name, "norm"):
				for _, v := range tn.Data {
					if v != 1 {
						t.Fatalf("%s: weight %v, want all 1 (the scale is divided out by design)", tn.Name, v)
					}
				}
			case strings.Contains(tn.Name, "ffn_"):
				for _, v := range tn.Data {
					if v != 0 {
						t.Fatalf("%s: weight %v, want all 0", tn.Name, v)
					}
				}
			}
		}
		// 8 square attention matrices, embedding and output, 5 norms, 6 FFN
		// matrices and the RoPE factors: 12.6M at the natural head dim.
		want := 8*nEmbd*nEmbd + 2*len(tokens)*nEmbd + 5*nEmbd + 6*nFF*nEmbd + headDim/2
		if params != want {
			t.Errorf("%+v: %d parameters, want %d", opts, params, want)
		}
	}
}

// checkRopeFreqs recomputes the angle per position that llama.cpp derives
// from freq_base and the factors: the layer-1 pairs must turn once every
// 2, 3, 5, 7 and 11 positions, the rest not at all.
func checkRopeFreqs(t *testing.T, f []float32, headDim int) {
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

// checkPaddingIsZero checks that a query, key or value matrix writes
// nothing into the padding of any head (its dims from NaturalHeadDim on).
func checkPaddingIsZero(t *testing.T, tn gguf.Tensor, headDim int) {
	t.Helper()
	cols := int(tn.Dims[0])
	for row := 0; row < int(tn.Dims[1]); row++ {
		if row%headDim < NaturalHeadDim {
			continue
		}
		for _, v := range tn.Data[row*cols : (row+1)*cols] {
			if v != 0 {
				t.Fatalf("%s: padding dim %d of head %d holds %v, want 0", tn.Name, row%headDim, row/headDim, v)
			}
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
	var good, bad []Options
	for _, r := range []float64{0, 1, 2, 4} {
		good = append(good, Options{RopeScale: r})
	}
	for _, r := range []float64{-1, 0.5, 1.5, 9} {
		bad = append(bad, Options{RopeScale: r})
	}
	for _, h := range []int{0, 204, 224, 256} {
		good = append(good, Options{HeadDim: h, RopeScale: 2})
	}
	for _, h := range []int{-32, 32, 192, 200, 208, 230, 288} {
		bad = append(bad, Options{HeadDim: h})
	}
	for _, o := range good {
		if err := o.Validate(); err != nil {
			t.Errorf("%+v: %v", o, err)
		}
	}
	for _, o := range bad {
		if err := o.Validate(); err == nil {
			t.Errorf("%+v accepted", o)
		}
		if err := Write(filepath.Join(t.TempDir(), "x.gguf"), o); err == nil {
			t.Errorf("Write accepted %+v", o)
		}
	}
	if MinPaddedHeadDim != 224 {
		t.Errorf("MinPaddedHeadDim %d, want 224 (the first multiple of 32 above %d)", MinPaddedHeadDim, NaturalHeadDim)
	}
}
