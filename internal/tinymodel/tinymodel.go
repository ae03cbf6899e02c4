// Package tinymodel makes the project's test model: a small
// llama-architecture GGUF with random weights and the byte-level
// vocabulary, so tests can drive a real engine (Ollama, llama.cpp) with a
// real tokenizer, real truncation and a real prefix cache. Not shipped.
package tinymodel

import (
	"fmt"
	"math"
	"math/rand/v2"

	"niah/gguf"
)

// Options sizes the random test model; zero fields take the defaults.
type Options struct {
	ContextLength uint32  // llama.context_length; default 32768
	Embedding     int     // default 64
	Layers        int     // default 2
	Heads         int     // default 4
	HeadsKV       int     // default Heads
	FFN           int     // default 128
	RopeFreqBase  float32 // default 10000
	Type          gguf.TensorType
	Name          string // general.name; default "niah-tiny"
}

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	if o.ContextLength == 0 {
		o.ContextLength = 32768
	}
	def(&o.Embedding, 64)
	def(&o.Layers, 2)
	def(&o.Heads, 4)
	def(&o.HeadsKV, o.Heads)
	def(&o.FFN, 128)
	if o.RopeFreqBase == 0 {
		o.RopeFreqBase = 10000
	}
	if o.Name == "" {
		o.Name = "niah-tiny"
	}
	return o
}

func (o Options) check() error {
	if o.Embedding%o.Heads != 0 || o.Heads%o.HeadsKV != 0 {
		return fmt.Errorf("tiny model: embedding %d must divide into %d heads, and heads into %d gguf.KV heads", o.Embedding, o.Heads, o.HeadsKV)
	}
	return nil
}

// Build returns the metadata and tensors of a small llama-architecture
// model with random weights and the byte-level vocabulary. Its answers are
// noise; it exists so tests can drive a real engine cheaply. The same seed
// and options give the same bytes.
// It panics on inconsistent head counts (Write reports them).
func Build(seed int64, opts Options) ([]gguf.KV, []gguf.Tensor) {
	o := opts.withDefaults()
	if err := o.check(); err != nil {
		panic(err)
	}
	headDim := o.Embedding / o.Heads
	kvDim := headDim * o.HeadsKV
	vocab := 258
	fileType := uint32(0) // ALL_F32
	if o.Type == gguf.F16 {
		fileType = 1 // MOSTLY_F16
	}
	kvs := []gguf.KV{
		{Key: "general.architecture", Value: "llama"},
		{Key: "general.name", Value: o.Name},
		{Key: "general.file_type", Value: fileType},
		{Key: "llama.context_length", Value: o.ContextLength},
		{Key: "llama.embedding_length", Value: uint32(o.Embedding)},
		{Key: "llama.block_count", Value: uint32(o.Layers)},
		{Key: "llama.feed_forward_length", Value: uint32(o.FFN)},
		{Key: "llama.attention.head_count", Value: uint32(o.Heads)},
		{Key: "llama.attention.head_count_kv", Value: uint32(o.HeadsKV)},
		{Key: "llama.attention.layer_norm_rms_epsilon", Value: float32(1e-5)},
		// llama.cpp's llama loader requires rope.dimension_count == head_dim.
		{Key: "llama.rope.dimension_count", Value: uint32(headDim)},
		{Key: "llama.rope.freq_base", Value: o.RopeFreqBase},
		{Key: "llama.vocab_size", Value: uint32(vocab)},
	}
	kvs = append(kvs, gguf.ByteTokenizerKVs()...)

	rng := rand.New(rand.NewPCG(uint64(seed), 0x6e696168)) // "niah"
	// random fills a matrix of rows×cols (ggml dims {cols, rows}) with
	// N(0, 1/cols) entries so activations keep a sane scale.
	random := func(name string, cols, rows int) gguf.Tensor {
		d := make([]float32, cols*rows)
		std := 1 / math.Sqrt(float64(cols))
		for i := range d {
			d[i] = float32(rng.NormFloat64() * std)
		}
		return gguf.Tensor{Name: name, Dims: []uint64{uint64(cols), uint64(rows)}, Type: o.Type, Data: d}
	}
	ones := func(name string) gguf.Tensor {
		d := make([]float32, o.Embedding)
		for i := range d {
			d[i] = 1
		}
		// Norm weights are 1-D; ggml kernels want them gguf.F32 whatever o.Type is.
		return gguf.Tensor{Name: name, Dims: []uint64{uint64(o.Embedding)}, Type: gguf.F32, Data: d}
	}
	tensors := []gguf.Tensor{random("token_embd.weight", o.Embedding, vocab)}
	for i := 0; i < o.Layers; i++ {
		p := fmt.Sprintf("blk.%d.", i)
		tensors = append(tensors,
			ones(p+"attn_norm.weight"),
			random(p+"attn_q.weight", o.Embedding, headDim*o.Heads),
			random(p+"attn_k.weight", o.Embedding, kvDim),
			random(p+"attn_v.weight", o.Embedding, kvDim),
			random(p+"attn_output.weight", headDim*o.Heads, o.Embedding),
			ones(p+"ffn_norm.weight"),
			random(p+"ffn_gate.weight", o.Embedding, o.FFN),
			random(p+"ffn_up.weight", o.Embedding, o.FFN),
			random(p+"ffn_down.weight", o.FFN, o.Embedding),
		)
	}
	tensors = append(tensors, ones("output_norm.weight"), random("output.weight", o.Embedding, vocab))
	return kvs, tensors
}

// Write writes Build(seed, opts) as a GGUF file at path.
func Write(path string, seed int64, opts Options) error {
	if err := opts.withDefaults().check(); err != nil {
		return err
	}
	kvs, tensors := Build(seed, opts)
	return gguf.WriteFile(path, kvs, tensors)
}
