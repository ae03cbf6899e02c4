package refmodel

import (
	"fmt"
	"math"

	"niah/gguf"
)

// PassThroughTemplate is the Jinja chat template written into the GGUF: the
// messages' contents, concatenated, nothing added.
const PassThroughTemplate = "{% for message in messages %}{{ message['content'] }}{% endfor %}"

// Token ids of the byte-level vocabulary.
const (
	bosID     = gguf.ByteBOS
	vocabSize = gguf.ByteEOS + 1
)

// Fixed sizes. The head dimension varies (see shape): 12 rotating dims (6
// RoPE pairs for layer 1), 192 non-rotating dims (6 blocks of 32 for layer
// 2's match), then any padding, which also never rotates.
const (
	nHead      = 6
	nLayer     = 2
	nFF        = 32 // the FFN is all zeros; keep it small so it costs nothing
	rmsEps     = 1e-6
	freqBase   = 10000.0
	matchBytes = 6                // layer 2 matches this many bytes of context
	rotPairs   = len(periods) + 1 // layer 1's RoPE pairs: one per period, then agePair
	agePair    = len(periods)
)

// periods are the RoPE periods, in tokens, of layer 1's rotating pairs.
// They are pairwise coprime, so the pattern repeats only after their
// product, DesignedContext.
var periods = [5]int{2, 3, 5, 7, 11}

// agePair turns a quarter circle over DesignedContext positions (times the
// RoPE scale). Layer 1 uses it to prefer the older of two keys that score
// the same on the periods: past the designed context each previous-token
// head then reads the byte a full cycle further back, cleanly and always,
// instead of a blend that a lucky prompt could still match.

// shape holds the sizes that follow the head dimension.
type shape struct {
	headDim int
	nEmbd   int // nHead * headDim: llama.cpp wants n_embd / n_head = head_dim
}

func newShape(headDim int) shape { return shape{headDim: headDim, nEmbd: nHead * headDim} }

// ropePairs is the number of RoPE pairs per head: rope.dimension_count is
// the whole head dimension.
func (sh shape) ropePairs() int { return sh.headDim / 2 }

// sqrtHeadDim undoes llama.cpp's 1/sqrt(head_dim) attention scale.
func (sh shape) sqrtHeadDim() float64 { return math.Sqrt(float64(sh.headDim)) }

// Residual stream layout: a bias dimension fixed at 1, then S0..S6 (the
// codes of the bytes 0..6 positions back), then OUT (the predicted byte).
const (
	biasDim = 0
	outSub  = 7
)

func subDim(k int) int { return 1 + k*codeDim }

// Score margins, in logits after llama.cpp's 1/sqrt(head_dim) scale: how
// far the right key must beat every wrong one. e^-25 times a few thousand
// keys leaves no visible leak.
const (
	marginLogits = 25.0
	// Layer 1: the wrong offsets lose aliasMargin on the periods and gain at
	// most 2*ageLogits from agePair (ageLogits within one cycle), so they
	// still lose by 20 logits or more; the alias a cycle back wins by ageLogits.
	aliasMargin = 50.0
	ageLogits   = 15.0
	outputGain  = 12.0 // logit of the predicted byte's class over unrelated classes
	// Upper case shares a code with lower case: prefer lower, by more than
	// Ollama's default repeat penalty (logit / 1.1 for tokens among the
	// last 64) takes off a recently seen lower-case letter.
	upperBias    = -2.0
	catchAllBias = -3.0
	controlBias  = -40.0 // never emit BOS/EOS
)

// rmsScale is the factor RMSNorm applies to a residual that holds the bias
// plus n unit codes (mean square n/nEmbd), so weights can divide it out.
func (sh shape) rmsScale(n int) float64 { return 1 / math.Sqrt(float64(n)/float64(sh.nEmbd)+rmsEps) }

// matrix is a dense row-major [rows][cols] weight; as a ggml tensor its
// contiguous dimension, cols, comes first.
type matrix struct {
	rows, cols int
	data       []float32
}

func newMatrix(rows, cols int) *matrix {
	return &matrix{rows: rows, cols: cols, data: make([]float32, rows*cols)}
}

func (m *matrix) set(r, c int, v float64) { m.data[r*m.cols+c] = float32(v) }

func (m *matrix) tensor(name string) gguf.Tensor {
	return gguf.Tensor{Name: name, Dims: []uint64{uint64(m.cols), uint64(m.rows)}, Type: gguf.F32, Data: m.data}
}

func (sh shape) ones(name string) gguf.Tensor {
	d := make([]float32, sh.nEmbd)
	for i := range d {
		d[i] = 1
	}
	return gguf.Tensor{Name: name, Dims: []uint64{uint64(sh.nEmbd)}, Type: gguf.F32, Data: d}
}

// Build returns the GGUF metadata and tensors of the reference model. The
// result is a pure function of opts. It panics if opts.Validate fails.
func Build(opts Options) ([]gguf.KV, []gguf.Tensor) {
	if err := opts.Validate(); err != nil {
		panic("refmodel.Build: " + err.Error())
	}
	if opts.windowed() {
		return buildWindowed(opts)
	}
	sh := newShape(opts.HeadDimension())
	tensors := []gguf.Tensor{sh.embedding(), sh.ropeFreqs()}
	tensors = append(tensors, sh.layer0(opts.scale())...)
	tensors = append(tensors, sh.layer1()...)
	tensors = append(tensors, sh.ones("output_norm.weight"), sh.output())
	return sh.metadata(opts), tensors
}

func (sh shape) metadata(opts Options) []gguf.KV {
	kvs := []gguf.KV{
		{Key: "general.architecture", Value: "llama"},
		{Key: "general.name", Value: "niah-ref"},
		{Key: "general.description", Value: fmt.Sprintf(
			"niah reference model: hand-set weights, byte-level induction retrieval, designed effective context %d tokens", opts.EffectiveContext())},
		{Key: "general.file_type", Value: uint32(0)}, // all F32
		{Key: "llama.context_length", Value: uint32(opts.ContextLength())},
		{Key: "llama.embedding_length", Value: uint32(sh.nEmbd)},
		{Key: "llama.block_count", Value: uint32(nLayer)},
		{Key: "llama.feed_forward_length", Value: uint32(nFF)},
		{Key: "llama.attention.head_count", Value: uint32(nHead)},
		{Key: "llama.attention.head_count_kv", Value: uint32(nHead)},
		{Key: "llama.attention.layer_norm_rms_epsilon", Value: float32(rmsEps)},
		{Key: "llama.rope.dimension_count", Value: uint32(sh.headDim)},
		{Key: "llama.rope.freq_base", Value: float32(freqBase)},
	}
	if s := opts.scale(); s > 1 {
		kvs = append(kvs,
			gguf.KV{Key: "llama.rope.scaling.type", Value: "linear"},
			gguf.KV{Key: "llama.rope.scaling.factor", Value: float32(s)})
	}
	kvs = append(kvs, gguf.KV{Key: "llama.vocab_size", Value: uint32(vocabSize)},
		// Pass the messages through untouched: the model retrieves only when
		// the prompt ends with the question, so a chat template that adds
		// text after it (llama-server's fallback, ChatML) would break it.
		gguf.KV{Key: "tokenizer.chat_template", Value: PassThroughTemplate})
	// The project's byte-level vocabulary: token id = byte value, then BOS
	// and EOS; no merges, so one token per byte.
	return append(kvs, gguf.ByteTokenizerKVs()...)
}

// tokenClass is the class whose code a token carries; control tokens use
// the catch-all code (their output bias keeps them from being emitted).
func tokenClass(tok int) int {
	if tok >= 256 {
		return classCatchAll
	}
	return byteClass(byte(tok))
}

func (sh shape) embedding() gguf.Tensor {
	m := newMatrix(vocabSize, sh.nEmbd)
	for tok := 0; tok < vocabSize; tok++ {
		m.set(tok, biasDim, 1)
		code := classCode(tokenClass(tok))
		for d, v := range code {
			m.set(tok, subDim(0)+d, float64(v))
		}
	}
	return m.tensor("token_embd.weight")
}

// ropeFreqs sets llama.cpp's per-pair frequency divisors: pair p turns by
// freqBase^(-2p/headDim) / factor[p] radians per position (times 1/scale
// under linear scaling). The first pairs get the periods of layer 1; the
// rest (layer 2's match, then any padding) a divisor so large that they
// never turn.
func (sh shape) ropeFreqs() gguf.Tensor {
	d := make([]float32, sh.ropePairs())
	for p := range d {
		base := math.Pow(freqBase, -2*float64(p)/float64(sh.headDim))
		switch {
		case p < len(periods):
			d[p] = float32(base / (2 * math.Pi / float64(periods[p])))
		case p == agePair:
			d[p] = float32(base / (math.Pi / 2 / DesignedContext))
		default:
			d[p] = 1e30
		}
	}
	return gguf.Tensor{Name: "rope_freqs.weight", Dims: []uint64{uint64(len(d))}, Type: gguf.F32, Data: d}
}

// pairAngles are the radians per position of layer 1's pairs as the server
// computes them under linear scaling by scale.
func pairAngles(scale int) []float64 {
	a := make([]float64, len(periods))
	for p, period := range periods {
		a[p] = 2 * math.Pi / float64(period*scale)
	}
	return a
}

// minAliasLoss is the smallest drop, over every wrong offset d within one
// full cycle, of the layer-1 score sum_p cos(d*angle_p) from its peak
// (len(periods)). It sets the query gain that achieves marginLogits.
func minAliasLoss(scale int) float64 {
	angles := pairAngles(scale)
	best := math.Inf(1)
	for d := 1; d < DesignedContext*scale; d++ {
		loss := 0.0
		for _, a := range angles {
			loss += 1 - math.Cos(float64(d)*a)
		}
		best = min(best, loss)
	}
	return best
}

func (sh shape) ffn(l int) []gguf.Tensor {
	return []gguf.Tensor{
		sh.ones(fmt.Sprintf("blk.%d.ffn_norm.weight", l)),
		newMatrix(nFF, sh.nEmbd).tensor(fmt.Sprintf("blk.%d.ffn_gate.weight", l)),
		newMatrix(nFF, sh.nEmbd).tensor(fmt.Sprintf("blk.%d.ffn_up.weight", l)),
		newMatrix(sh.nEmbd, nFF).tensor(fmt.Sprintf("blk.%d.ffn_down.weight", l)),
	}
}

// attentionMatrices returns zeroed query, key, value and output weights.
func (sh shape) attentionMatrices() (q, k, v, o *matrix) {
	n := sh.nEmbd
	return newMatrix(n, n), newMatrix(n, n), newMatrix(n, n), newMatrix(n, n)
}

func (sh shape) attention(l int, q, k, v, o *matrix) []gguf.Tensor {
	return append([]gguf.Tensor{
		sh.ones(fmt.Sprintf("blk.%d.attn_norm.weight", l)),
		q.tensor(fmt.Sprintf("blk.%d.attn_q.weight", l)),
		k.tensor(fmt.Sprintf("blk.%d.attn_k.weight", l)),
		v.tensor(fmt.Sprintf("blk.%d.attn_v.weight", l)),
		o.tensor(fmt.Sprintf("blk.%d.attn_output.weight", l)),
	}, sh.ffn(l)...)
}

// layer0 holds the six previous-token heads: head h copies the code of the
// byte h+1 positions back from S0 into S(h+1).
func (sh shape) layer0(scale int) []gguf.Tensor {
	s := sh.rmsScale(2) // bias + S0
	gain := aliasMargin * sh.sqrtHeadDim() / minAliasLoss(scale)
	angles := pairAngles(scale)
	q, k, v, o := sh.attentionMatrices()
	headDim := sh.headDim
	for h := 0; h < nHead; h++ {
		back := float64(h + 1)
		for p, a := range angles {
			// Key (1, 0); query pre-rotated back by `back` steps, so
			// q.k after RoPE is gain*cos((i - j - back)*a).
			k.set(h*headDim+2*p, biasDim, 1/s)
			q.set(h*headDim+2*p, biasDim, gain*math.Cos(back*a)/s)
			q.set(h*headDim+2*p+1, biasDim, -gain*math.Sin(back*a)/s)
		}
		// Age: key (1, 0), query -(1, 0): the score -ageLogits*cos(offset*w)
		// grows with the offset over the first quarter turns.
		k.set(h*headDim+2*agePair, biasDim, 1/s)
		q.set(h*headDim+2*agePair, biasDim, -ageLogits*sh.sqrtHeadDim()/s)
		for d := 0; d < codeDim; d++ {
			v.set(h*headDim+d, subDim(0)+d, 1/s)
			o.set(subDim(h+1)+d, h*headDim+d, 1)
		}
	}
	return sh.attention(0, q, k, v, o)
}

// layer1 holds the matching head (head 0; the others are zero): query
// S0..S5 against key S1..S6 on the non-rotating dims, value S0 into OUT.
func (sh shape) layer1() []gguf.Tensor {
	s := sh.rmsScale(1 + 7)                 // bias + S0..S6
	gain := marginLogits * sh.sqrtHeadDim() // per matching byte
	q, k, v, o := sh.attentionMatrices()
	first := 2 * rotPairs
	for b := 0; b < matchBytes; b++ {
		for d := 0; d < codeDim; d++ {
			row := first + b*codeDim + d
			q.set(row, subDim(b)+d, gain/s)
			k.set(row, subDim(b+1)+d, 1/s)
		}
	}
	for d := 0; d < codeDim; d++ {
		v.set(d, subDim(0)+d, 1/s)
		o.set(subDim(outSub)+d, d, 1)
	}
	return sh.attention(1, q, k, v, o)
}

// output maps OUT onto each token's class code, with small biases (through
// the bias dimension) that resolve ties toward the plain byte.
func (sh shape) output() gguf.Tensor {
	s := sh.rmsScale(1 + 8) // bias + S0..S6 + OUT
	m := newMatrix(vocabSize, sh.nEmbd)
	for tok := 0; tok < vocabSize; tok++ {
		code := classCode(tokenClass(tok))
		for d, v := range code {
			m.set(tok, subDim(outSub)+d, outputGain*float64(v)/s)
		}
		bias := 0.0
		switch {
		case tok >= 256:
			bias = controlBias
		case tok >= 'A' && tok <= 'Z':
			bias = upperBias
		case tokenClass(tok) == classCatchAll:
			bias = catchAllBias
		}
		m.set(tok, biasDim, bias/s)
	}
	return m.tensor("output.weight")
}
