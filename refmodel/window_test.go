package refmodel

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"niah/gguf"
)

// TestWindowStructure checks what the engines read from the windowed GGUF:
// the gemma2 keys (window, soft-caps, head sizes, RoPE base), exactly the
// tensors llama.cpp's gemma2 loader creates (no output.weight: the output
// is tied to the embedding), all-zero FFNs and an all-zero idle layer.
func TestWindowStructure(t *testing.T) {
	for _, opts := range []Options{{SlidingWindow: 1024}, {SlidingWindow: 1024, GlobalLayer: true}, {SlidingWindow: MaxWindow}} {
		kvs, tensors := Build(opts)
		meta := map[string]any{}
		for _, kv := range kvs {
			meta[kv.Key] = kv.Value
		}
		want := map[string]any{
			"general.architecture": "gemma2", "gemma2.attention.sliding_window": uint32(opts.SlidingWindow),
			"gemma2.block_count": uint32(opts.layers()), "gemma2.attention.key_length": uint32(wHeadDim),
			"gemma2.attention.value_length": uint32(wHeadDim), "gemma2.attn_logit_softcapping": float32(50),
			"gemma2.final_logit_softcapping": float32(30), "gemma2.rope.freq_base": float32(windowBase),
			"gemma2.context_length": uint32(opts.ContextLength()), "tokenizer.ggml.model": "llama",
			"tokenizer.ggml.add_space_prefix": false, "general.name": opts.Name(),
		}
		for k, v := range want {
			if meta[k] != v {
				t.Errorf("%s: %s = %v, want %v", opts.Name(), k, meta[k], v)
			}
		}
		names := map[string]bool{"token_embd.weight": true, "output_norm.weight": true}
		for l := 0; l < opts.layers(); l++ {
			for _, s := range []string{"attn_norm", "attn_q", "attn_k", "attn_v", "attn_output", "post_attention_norm",
				"ffn_norm", "ffn_gate", "ffn_up", "ffn_down", "post_ffw_norm"} {
				names[fmt.Sprintf("blk.%d.%s.weight", l, s)] = true
			}
		}
		if len(tensors) != len(names) {
			t.Errorf("%s: %d tensors, want %d", opts.Name(), len(tensors), len(names))
		}
		for _, tn := range tensors {
			if !names[tn.Name] {
				t.Errorf("%s: unexpected tensor %s (llama.cpp would refuse the file)", opts.Name(), tn.Name)
			}
			zero := strings.Contains(tn.Name, "ffn_gate") || strings.Contains(tn.Name, "ffn_up") || strings.Contains(tn.Name, "ffn_down") ||
				(!opts.GlobalLayer && strings.HasPrefix(tn.Name, "blk.1.") && !strings.Contains(tn.Name, "norm"))
			if !zero {
				continue
			}
			for _, v := range tn.Data {
				if v != 0 {
					t.Fatalf("%s: %s holds %v, want all 0", opts.Name(), tn.Name, v)
				}
			}
		}
	}
}

// TestPrevGap checks that the previous-token heads keep every other offset
// within the window well below the wanted one, for every window allowed:
// the gain that puts them below 0 logits stays moderate.
func TestPrevGap(t *testing.T) {
	for w := MinWindow; w <= MaxWindow; w *= 2 {
		n := prevPairs(w)
		if g := prevGap(w); g < 0.1 || n >= offPair {
			t.Errorf("window %d: %d pairs, gap %.3f; want under %d pairs and a gap of 0.1 or more", w, n, g, offPair)
		}
		if th := wTheta(offPair) * float64(4*MaxWindow); th > 0.01 {
			t.Errorf("pair %d turns %.3g rad over %d tokens: not static", offPair, th, 4*MaxWindow)
		}
	}
}

func TestWindowValidate(t *testing.T) {
	for _, o := range []Options{{SlidingWindow: MinWindow}, {SlidingWindow: 1024, GlobalLayer: true}, {SlidingWindow: MaxWindow, HeadDim: NaturalHeadDim}} {
		if err := o.Validate(); err != nil {
			t.Errorf("%+v: %v", o, err)
		}
	}
	for _, o := range []Options{{SlidingWindow: MinWindow - 1}, {SlidingWindow: MaxWindow + 1}, {SlidingWindow: -5},
		{SlidingWindow: 1024, RopeScale: 2}, {SlidingWindow: 1024, HeadDim: 224}, {GlobalLayer: true}} {
		if err := o.Validate(); err == nil {
			t.Errorf("%+v accepted", o)
		}
	}
	// The file reads back as written.
	path := filepath.Join(t.TempDir(), "w.gguf")
	if err := Write(path, Options{SlidingWindow: 512}); err != nil {
		t.Fatal(err)
	}
	f, err := gguf.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if w, _ := f.Uint("gemma2.attention.sliding_window"); w != 512 {
		t.Errorf("read back sliding_window %d", w)
	}
}
