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
//
// With Options.SlidingWindow the same induction is built as a gemma2 GGUF
// whose retrieval layer slides (window.go): a model whose limit is a
// distance, not a length, measured on Ollama's llama.cpp and Go engines.
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
	// SlidingWindow, when positive, makes the sliding-window model instead
	// (a gemma2 GGUF, see window.go): its retrieval layer attends only to
	// the last SlidingWindow tokens, so the passkey is found only when the
	// needle lies within about that many tokens of the question, at every
	// total length. MinWindow to MaxWindow; RopeScale and HeadDim must then
	// be left at their defaults.
	SlidingWindow int
	// GlobalLayer moves the retrieval into a global layer, as Gemma's
	// interleaving does: the previous-token layer still slides, and the
	// passkey is found at every distance. Only with SlidingWindow.
	GlobalLayer bool
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
	if w := o.SlidingWindow; w != 0 {
		if w < MinWindow || w > MaxWindow {
			return fmt.Errorf("sliding window %d: want %d to %d tokens", w, MinWindow, MaxWindow)
		}
		if o.scale() != 1 || (o.HeadDim != 0 && o.HeadDim != NaturalHeadDim) {
			return fmt.Errorf("sliding window: the windowed model has its own RoPE and head size; leave the rope scale and head dimension at their defaults")
		}
	} else if o.GlobalLayer {
		return fmt.Errorf("global layer: only with a sliding window")
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
// is exact up to it and breaks past it. For the sliding-window model, whose
// limit is a distance, not a length, it is the context length.
func (o Options) EffectiveContext() int {
	if o.windowed() {
		return o.ContextLength()
	}
	return DesignedContext * o.scale()
}

// ContextLength is the context_length written into the GGUF, with room
// to show the failure past EffectiveContext (for the sliding-window model,
// room for four windows).
func (o Options) ContextLength() int {
	if o.windowed() {
		return max(8192, 4*o.SlidingWindow)
	}
	return 8192 * o.scale()
}

// Name is the model's name: niah-ref, niah-ref-x2, niah-ref-h224,
// niah-ref-swa1024, niah-ref-swa1024-global.
func (o Options) Name() string {
	name := "niah-ref"
	if o.windowed() {
		name += fmt.Sprintf("-swa%d", o.SlidingWindow)
		if o.GlobalLayer {
			name += "-global"
		}
		return name
	}
	if s := o.scale(); s > 1 {
		name += fmt.Sprintf("-x%d", s)
	}
	if h := o.HeadDimension(); h != NaturalHeadDim {
		name += fmt.Sprintf("-h%d", h)
	}
	return name
}

// Behaviour says in a few words what the variant is built to do.
func (o Options) Behaviour() string {
	switch {
	case o.windowed() && o.GlobalLayer:
		return fmt.Sprintf("gemma2 layout, previous-token layer sliding over %d tokens, retrieval in the global layer: found at every distance", o.SlidingWindow)
	case o.windowed():
		return fmt.Sprintf("gemma2 layout, retrieval in a layer sliding over %d tokens: found only when the needle is within about %d tokens of the question", o.SlidingWindow, o.SlidingWindow)
	}
	return fmt.Sprintf("designed effective context %d tokens", o.EffectiveContext())
}

// Write builds the model and writes it to path as a GGUF file.
func Write(path string, opts Options) error {
	if err := opts.Validate(); err != nil {
		return err
	}
	kvs, tensors := Build(opts)
	return gguf.WriteFile(path, kvs, tensors)
}
