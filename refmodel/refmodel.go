// Package refmodel builds the reference model of known behaviour: a two-layer
// llama GGUF whose weights are set by hand (no training) so that, served by a
// real engine (Ollama, llama.cpp), it retrieves by induction over bytes with
// an effective context fixed by design at 2,310 tokens (2,310 x RopeScale
// with linear RoPE scaling). It lets the whole chain (prompt, tokenizer,
// server, KV cache, grading, effective-length verdict) be checked against a
// known truth.
//
// How it works (one token per byte):
//   - Embedding: a constant bias dimension plus the byte's 32-dim class code
//     in subspace S0. Every position has the same norm, so RMSNorm scales every
//     position by the same known factor, which the weights divide out.
//   - Layer 1: head m (m = 1..6) copies the code of the byte m positions back
//     into subspace Sm. Its query and key read only the bias dimension; five
//     RoPE pairs turn with periods 2, 3, 5, 7 and 11 tokens (set through
//     rope_freqs.weight), and the query is pre-rotated by m steps, so the score
//     peaks where the offset minus m is a multiple of every period: of 2,310.
//     Past 2,310 tokens each head sees two perfect offsets and blends them.
//   - Layer 2: one head on the non-rotating RoPE pairs matches the 6 bytes
//     ending at the current position (S0..S5) against the 6 bytes ending just
//     before each earlier position (S1..S6 there) and copies the byte found
//     there into subspace OUT.
//   - Output: OUT is mapped back onto the byte codes.
//
// So "...The pass key is" continues with what followed "key is" earlier in
// the prompt: " 71432".
package refmodel

import (
	"fmt"
	"math"

	"niah/gguf"
)

// Options selects a variant of the reference model.
type Options struct {
	// RopeScale is the linear RoPE scaling factor written into the GGUF
	// (llama.rope.scaling.type = linear). 0 or 1 means no scaling; an integer
	// k >= 2 stretches every RoPE period by k, so the designed effective
	// context becomes 2,310 x k tokens.
	RopeScale float64
	// HeadDim pads each head to this many dimensions: 0 (or NaturalHeadDim)
	// keeps the natural 204; otherwise a multiple of 32 from MinPaddedHeadDim
	// to MaxHeadDim. The extra dimensions carry nothing (zero query, key and
	// value rows, RoPE pairs that never turn); they exist for quantized KV
	// caches (q8_0 packs blocks of 32) that need a head dimension that is a
	// multiple of 32.
	HeadDim int
}

// MaxRopeScale is the largest RopeScale accepted.
const MaxRopeScale = 8

// NaturalHeadDim is the head dimension the construction needs: 12 rotating
// dimensions for layer 1, 192 non-rotating ones for layer 2's match.
const NaturalHeadDim = 2*rotPairs + matchBytes*codeDim

// The padded head dimensions accepted: the multiples of 32 from the first
// one above NaturalHeadDim up to MaxHeadDim (224 and 256).
const (
	MinPaddedHeadDim = (NaturalHeadDim/32 + 1) * 32
	MaxHeadDim       = 256
)

// DesignedContext is the effective context of the unscaled model: the
// product of the RoPE periods 2, 3, 5, 7 and 11.
const DesignedContext = 2 * 3 * 5 * 7 * 11

// Validate reports whether opts describes a model Build can make.
func (o Options) Validate() error {
	if r := o.RopeScale; r != 0 && r != 1 && (r < 2 || r > MaxRopeScale || r != math.Trunc(r)) {
		return fmt.Errorf("rope scale %v: want 1 (none) or a whole factor from 2 to %d", r, MaxRopeScale)
	}
	if h := o.HeadDim; h != 0 && h != NaturalHeadDim && (h < MinPaddedHeadDim || h > MaxHeadDim || h%32 != 0) {
		return fmt.Errorf("head dimension %d: want %d (natural) or a multiple of 32 from %d to %d",
			h, NaturalHeadDim, MinPaddedHeadDim, MaxHeadDim)
	}
	return nil
}

// HeadDimension is the head dimension of the model Build makes.
func (o Options) HeadDimension() int {
	if o.HeadDim == 0 {
		return NaturalHeadDim
	}
	return o.HeadDim
}

// scale is the RoPE factor as a whole number, 1 when unscaled.
func (o Options) scale() int {
	if o.RopeScale < 2 {
		return 1
	}
	return int(o.RopeScale)
}

// EffectiveContext is the designed effective context in tokens: retrieval
// is exact up to it and breaks past it.
func (o Options) EffectiveContext() int { return DesignedContext * o.scale() }

// ContextLength is the llama.context_length written into the GGUF, with
// room to show the failure past EffectiveContext.
func (o Options) ContextLength() int { return 8192 * o.scale() }

// Write builds the model and writes it to path as a GGUF file.
func Write(path string, opts Options) error {
	if err := opts.Validate(); err != nil {
		return err
	}
	kvs, tensors := Build(opts)
	return gguf.WriteFile(path, kvs, tensors)
}
