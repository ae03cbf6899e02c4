package refmodel

import (
	"fmt"
	"math"

	"niah/gguf"
)

// The sliding-window reference model is a gemma2 GGUF: the architecture
// that Ollama v0.17.4 serves with llama.cpp by default and with its own Go
// engine under OLLAMA_NEW_ENGINE=1, and whose layers alternate (the even
// ones slide, in both engines). It retrieves by the same byte induction as
// the llama model, rebuilt on what gemma2 adds and takes away:
//   - RoPE is NeoX-style with one freq_base and no per-pair factors, so the
//     previous-token heads use the fastest pairs of a very large base
//     (windowBase) with weights that peak only at the wanted offset within
//     the window, and the match uses pairs so slow they never turn;
//   - attention logits are soft-capped (tanh, 50): scores are shifted so
//     the right key sits near +30 and every other one at or below 0;
//   - sandwich norms: each layer's attention output is RMS-normalised
//     before it joins the residual, so every head also writes a large
//     constant ("ballast", weight 0 after the norm) that fixes that norm;
//   - the embedding is scaled by sqrt(n_embd) and the output is tied to it
//     (llama.cpp loads no output.weight for gemma2): the retrieval head
//     writes the found byte's code into S0, the subspace the embedding
//     uses, several times louder than the current byte's own code there;
//     tie-breaks toward lower case go through a tie-break dimension;
//   - the final logits are soft-capped too (tanh, 30).
//
// gemma2 has no QK-norm. gemma3 adds it (a per-head RMSNorm of queries and
// keys, which these weights would survive: every query and key has a fixed
// norm by design), but llama.cpp gives gemma3's sliding layers a RoPE base
// fixed at 10,000, too small for pairs that must stand still over the
// window, and Ollama always serves gemma3 with its Go engine: a hand-set
// gemma3 would be one engine's model.
//
// Layer 0 slides (window W) and holds the previous-token heads, which only
// ever look 1 to 6 tokens back. The retrieval head is in layer 2, which
// slides, with layer 1 (global) idle; or, with GlobalLayer, in layer 1, the
// global one, and the model has two layers.

// Sizes of the windowed model.
const (
	wHeadDim = 256
	wHeads   = 6
	wEmbd    = 256
	// windowBase is the RoPE base: pair i turns windowBase^(-2i/256)
	// radians per token (1, 0.58, 0.34, ...; from pair 26 on, less than
	// 1e-6), so the first pairs resolve offsets and the rest stand still.
	windowBase = 1e30
	// The static pairs: offPair shifts scores, the match uses 96 pairs
	// (192 dims, 6 blocks of 32) from matchPair on.
	offPair   = 31
	matchPair = 32
	// MinWindow and MaxWindow bound --sliding-window: the previous-token
	// heads need pairs that turn at least half a radian over the window, and
	// those must stay below offPair.
	MinWindow = 64
	MaxWindow = 32768
)

// Residual dims beyond the S0..S6 codes (1..224): the tie-break dimension
// and the ballast that the post-attention norm drops.
const (
	tbDim      = 1 + 7*codeDim
	ballastDim = tbDim + 1
)

// Magnitudes in the residual (after the sqrt(n_embd) embedding scale).
const (
	wBias    = 16.0 // the bias dimension: dominates every RMS, so norms barely move
	wOwn     = 1.0  // the embedding's own code in S0
	wFound   = 8.0  // the retrieval head's code in S0: beats wOwn at the output
	wTie     = 4.0  // the constant layer 0 writes into tbDim
	ballast  = 10.0 // per head, before the post-attention norm
	capAttn  = 50.0 // gemma2's attention soft-cap (attn_logit_softcapping)
	capFinal = 30.0 // gemma2's final soft-cap (final_logit_softcapping)
	peakAttn = 30.0 // raw score of the right key: 26.9 after the cap
	// A wrong key scores at most peakAttn-prevMargin (previous-token) or
	// peakAttn-matchGain+5 (match: one byte of six wrong).
	prevMargin = 40.0
	matchGain  = 40.0
)

// Tie-breaks (embedding tbDim, as a fraction of the bias) and the output
// bias the smallest of them gives: upper case below lower case by more than
// Ollama's repeat penalty takes off, the catch-all class and the control
// tokens lower still.
const (
	tieUpper   = -0.05
	tieCatch   = -0.075
	tieControl = -1.0
	upperLogit = -2.0
)

// windowed reports whether the options ask for the sliding-window model.
func (o Options) windowed() bool { return o.SlidingWindow > 0 }

// layers is the block count of the windowed model.
func (o Options) layers() int {
	if o.GlobalLayer {
		return 2
	}
	return 3
}

// wTheta is the angle per token of RoPE pair i.
func wTheta(i int) float64 { return math.Pow(windowBase, -2*float64(i)/wHeadDim) }

// prevPairs are the pairs the previous-token heads use for a window: those
// that turn at least half a radian across it.
func prevPairs(window int) int {
	n := 0
	for wTheta(n)*float64(window) >= 0.5 {
		n++
	}
	return n
}

// prevWeights are the pairs' shares of the previous-token score: half on
// pair 0 (one radian per token), the rest spread evenly, which keeps every
// other offset within the window a fixed fraction (prevGap) below the peak.
func prevWeights(window int) []float64 {
	n := prevPairs(window)
	a := make([]float64, n)
	for i := range a {
		a[i] = 0.5 / float64(n-1)
	}
	a[0] = 0.5
	return a
}

// prevGap is the smallest drop of sum_i a_i cos(d*theta_i) from its peak
// (1, at d = 0) over the offsets 1..window that a previous-token head sees.
func prevGap(window int) float64 {
	a := prevWeights(window)
	gap := math.Inf(1)
	for d := 1; d <= window; d++ {
		s := 0.0
		for i, w := range a {
			s += w * (1 - math.Cos(float64(d)*wTheta(i)))
		}
		gap = min(gap, s)
	}
	return gap
}

// neox returns the two dims of RoPE pair i in a head (NeoX layout: i and
// i + half the head).
func neox(head, pair int) (int, int) {
	return head*wHeadDim + pair, head*wHeadDim + pair + wHeadDim/2
}

// wRMS is the RMS of a residual that holds the given squared magnitudes.
func wRMS(sq ...float64) float64 {
	s := 0.0
	for _, v := range sq {
		s += v
	}
	return math.Sqrt(s/wEmbd + rmsEps)
}

func buildWindowed(opts Options) ([]gguf.KV, []gguf.Tensor) {
	tensors := []gguf.Tensor{windowEmbedding(), windowOutputNorm()}
	tensors = append(tensors, windowPrevLayer(opts.SlidingWindow)...)
	if opts.GlobalLayer {
		tensors = append(tensors, windowMatchLayer(1)...)
	} else {
		tensors = append(tensors, windowIdleLayer(1)...)
		tensors = append(tensors, windowMatchLayer(2)...)
	}
	return windowMetadata(opts), tensors
}

func windowMetadata(opts Options) []gguf.KV {
	const arch = "gemma2"
	kvs := []gguf.KV{
		{Key: "general.architecture", Value: arch},
		{Key: "general.name", Value: opts.Name()},
		{Key: "general.description", Value: fmt.Sprintf(
			"niah reference model: hand-set weights, byte-level induction retrieval, %s", opts.Behaviour())},
		{Key: "general.file_type", Value: uint32(0)},
		{Key: arch + ".context_length", Value: uint32(opts.ContextLength())},
		{Key: arch + ".embedding_length", Value: uint32(wEmbd)},
		{Key: arch + ".block_count", Value: uint32(opts.layers())},
		{Key: arch + ".feed_forward_length", Value: uint32(nFF)},
		{Key: arch + ".attention.head_count", Value: uint32(wHeads)},
		{Key: arch + ".attention.head_count_kv", Value: uint32(wHeads)},
		{Key: arch + ".attention.key_length", Value: uint32(wHeadDim)},
		{Key: arch + ".attention.value_length", Value: uint32(wHeadDim)},
		{Key: arch + ".attention.layer_norm_rms_epsilon", Value: float32(rmsEps)},
		{Key: arch + ".attention.sliding_window", Value: uint32(opts.SlidingWindow)},
		{Key: arch + ".attn_logit_softcapping", Value: float32(capAttn)},
		{Key: arch + ".final_logit_softcapping", Value: float32(capFinal)},
		{Key: arch + ".rope.freq_base", Value: float32(windowBase)},
		{Key: arch + ".vocab_size", Value: uint32(vocabSize)},
		{Key: "tokenizer.chat_template", Value: PassThroughTemplate},
	}
	return append(kvs, gguf.SPMByteTokenizerKVs()...)
}

func ones(name string, n int) gguf.Tensor {
	d := make([]float32, n)
	for i := range d {
		d[i] = 1
	}
	return gguf.Tensor{Name: name, Dims: []uint64{uint64(n)}, Type: gguf.F32, Data: d}
}

func vec(name string, d []float32) gguf.Tensor {
	return gguf.Tensor{Name: name, Dims: []uint64{uint64(len(d))}, Type: gguf.F32, Data: d}
}

// tieBreak is a token's tbDim entry, as a fraction of the bias.
func tieBreak(tok int) float64 {
	switch {
	case tok >= 256:
		return tieControl
	case tok >= 'A' && tok <= 'Z':
		return tieUpper
	case tokenClass(tok) == classCatchAll:
		return tieCatch
	}
	return 0
}

// windowEmbedding is token_embd, stored divided by sqrt(n_embd) (the engine
// multiplies it back) and read again, tied, as the output projection.
func windowEmbedding() gguf.Tensor {
	m := newMatrix(vocabSize, wEmbd)
	s := 1 / math.Sqrt(wEmbd)
	for tok := 0; tok < vocabSize; tok++ {
		m.set(tok, biasDim, wBias*s)
		for d, v := range classCode(tokenClass(tok)) {
			m.set(tok, subDim(0)+d, wOwn*float64(v)*s)
		}
		m.set(tok, tbDim, wBias*tieBreak(tok)*s)
	}
	return m.tensor("token_embd.weight")
}

// finalRMS is the RMS of the last residual: bias, the own and found codes
// in S0, S1..S6, the tie-break constant.
func finalRMS() float64 { return wRMS(wBias*wBias, wOwn*wOwn+wFound*wFound, 6, wTie*wTie) }

// windowOutputNorm weighs the last residual for the tied output: S0 so the
// found byte's class scores outputGain over unrelated classes, tbDim so an
// upper-case letter scores upperLogit below its lower case, nothing else.
func windowOutputNorm() gguf.Tensor {
	d := make([]float32, wEmbd)
	r, s := finalRMS(), 1/math.Sqrt(wEmbd)
	for k := 0; k < codeDim; k++ {
		d[subDim(0)+k] = float32(outputGain * r / (wFound * wOwn * s))
	}
	d[tbDim] = float32(upperLogit * r / (wTie * wBias * tieUpper * s))
	return vec("output_norm.weight", d)
}

// wMatrices returns zeroed query, key, value ([heads*headDim][n_embd]) and
// output ([n_embd][heads*headDim]) weights.
func wMatrices() (q, k, v, o *matrix) {
	n := wHeads * wHeadDim
	return newMatrix(n, wEmbd), newMatrix(n, wEmbd), newMatrix(n, wEmbd), newMatrix(wEmbd, n)
}

func windowBlock(l int, q, k, v, o *matrix, postAttn []float32) []gguf.Tensor {
	name := func(s string) string { return fmt.Sprintf("blk.%d.%s.weight", l, s) }
	return []gguf.Tensor{
		ones(name("attn_norm"), wEmbd),
		q.tensor(name("attn_q")), k.tensor(name("attn_k")), v.tensor(name("attn_v")), o.tensor(name("attn_output")),
		vec(name("post_attention_norm"), postAttn),
		ones(name("ffn_norm"), wEmbd),
		newMatrix(nFF, wEmbd).tensor(name("ffn_gate")),
		newMatrix(nFF, wEmbd).tensor(name("ffn_up")),
		newMatrix(wEmbd, nFF).tensor(name("ffn_down")),
		ones(name("post_ffw_norm"), wEmbd),
	}
}

// windowPrevLayer is layer 0 (sliding): head h copies the code of the byte
// h+1 tokens back into S(h+1); head 0 also writes the tie-break constant.
func windowPrevLayer(window int) []gguf.Tensor {
	rms := wRMS(wBias*wBias, wOwn*wOwn)
	bias := wBias / rms // the normalised bias dimension
	a := prevWeights(window)
	gain := prevMargin / prevGap(window)
	sq := math.Sqrt(wHeadDim)
	q, k, v, o := wMatrices()
	for h := 0; h < wHeads; h++ {
		back := float64(h + 1)
		for i, w := range a {
			x, y := neox(h, i)
			th := wTheta(i)
			k.set(x, biasDim, 1/bias)
			q.set(x, biasDim, gain*w*sq*math.Cos(back*th)/bias)
			q.set(y, biasDim, -gain*w*sq*math.Sin(back*th)/bias)
		}
		x, _ := neox(h, offPair)
		k.set(x, biasDim, 1/bias)
		q.set(x, biasDim, (peakAttn-gain)*sq/bias)
		for d := 0; d < codeDim; d++ {
			v.set(h*wHeadDim+d, subDim(0)+d, rms/wOwn)
			o.set(subDim(h+1)+d, h*wHeadDim+d, 1)
		}
		v.set(h*wHeadDim+codeDim, biasDim, ballast/bias)
		o.set(ballastDim, h*wHeadDim+codeDim, 1)
	}
	v.set(codeDim+1, biasDim, 1/bias)
	o.set(tbDim, codeDim+1, 1)
	// The attention output: six unit codes, the ballast, the tie-break 1.
	out := wRMS(6, wHeads*wHeads*ballast*ballast, 1)
	post := make([]float32, wEmbd)
	for s := 1; s <= wHeads; s++ {
		for d := 0; d < codeDim; d++ {
			post[subDim(s)+d] = float32(out)
		}
	}
	post[tbDim] = float32(wTie * out)
	return windowBlock(0, q, k, v, o, post)
}

// windowMatchLayer holds the match head (head 0): the 6 bytes ending here
// (S0..S5) against the 6 bytes ending just before each key (S1..S6 there),
// on pairs that never turn; the value is the key's own byte (S0), written
// into S0 for the tied output.
func windowMatchLayer(l int) []gguf.Tensor {
	rms := wRMS(wBias*wBias, wOwn*wOwn, 6, wTie*wTie)
	bias := wBias / rms
	sq := math.Sqrt(wHeadDim)
	q, k, v, o := wMatrices()
	for b := 0; b < matchBytes; b++ {
		mag := 1.0
		if b == 0 {
			mag = wOwn
		}
		for d := 0; d < codeDim; d++ {
			x, y := neox(0, matchPair+b*codeDim/2+d/2)
			row := x
			if d%2 == 1 {
				row = y
			}
			q.set(row, subDim(b)+d, matchGain*sq*rms/mag)
			k.set(row, subDim(b+1)+d, rms)
		}
	}
	x, _ := neox(0, offPair)
	k.set(x, biasDim, 1/bias)
	q.set(x, biasDim, (peakAttn-matchBytes*matchGain)*sq/bias)
	for d := 0; d < codeDim; d++ {
		v.set(d, subDim(0)+d, rms/wOwn)
		o.set(subDim(0)+d, d, 1)
	}
	v.set(codeDim, biasDim, ballast/bias)
	o.set(ballastDim, codeDim, 1)
	out := wRMS(1, ballast*ballast)
	post := make([]float32, wEmbd)
	for d := 0; d < codeDim; d++ {
		post[subDim(0)+d] = float32(wFound * out)
	}
	return windowBlock(l, q, k, v, o, post)
}

// windowIdleLayer does nothing: zero attention, zero FFN (a zero attention
// output stays zero through its norm).
func windowIdleLayer(l int) []gguf.Tensor {
	q, k, v, o := wMatrices()
	return windowBlock(l, q, k, v, o, make([]float32, wEmbd))
}
