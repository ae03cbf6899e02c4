package refmodel

import (
	"math"
	"testing"

	"niah/gguf"
)

// net is an independent float32 re-implementation of llama.cpp's llama
// forward pass (RMSNorm, RoPE "norm" mode with rope_freqs and linear
// scaling, causal softmax attention scaled by 1/sqrt(head_dim), F16 KV
// cache), run on the tensors Build returns. It skips the FFN, which the
// structure test checks is all zeros, and multiplies sparsely, because all
// but a few thousand weights are zero.
type net struct {
	embd               gguf.Tensor
	out                sparse
	layers             [nLayer]netLayer
	freqs              []float32
	freqScale, eps     float32
	nEmbd, nHead, hDim int
	scores             []float64 // scratch, grown by generate
}

type netLayer struct {
	q, k, v, o sparse
	qDims      [][]int // per head: the dims of q that can be nonzero after RoPE
	vDims      [][]int // per head: the dims of v that can be nonzero
	kc, vc     [][]float32
}

type sparse [][]entry // per output row

type entry struct {
	col int
	val float32
}

func toSparse(t gguf.Tensor) sparse {
	cols, rows := int(t.Dims[0]), int(t.Dims[1])
	s := make(sparse, rows)
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			if v := t.Data[r*cols+c]; v != 0 {
				s[r] = append(s[r], entry{c, v})
			}
		}
	}
	return s
}

func (s sparse) mul(x []float32) []float32 {
	y := make([]float32, len(s))
	for r, row := range s {
		var acc float32
		for _, e := range row {
			acc += e.val * x[e.col]
		}
		y[r] = acc
	}
	return y
}

func newNet(t testing.TB, opts Options) *net {
	t.Helper()
	kvs, tensors := Build(opts)
	meta := map[string]any{}
	for _, kv := range kvs {
		meta[kv.Key] = kv.Value
	}
	byName := map[string]gguf.Tensor{}
	for _, tn := range tensors {
		byName[tn.Name] = tn
	}
	n := &net{
		embd: byName["token_embd.weight"], out: toSparse(byName["output.weight"]),
		freqs:     byName["rope_freqs.weight"].Data,
		freqScale: 1, eps: meta["llama.attention.layer_norm_rms_epsilon"].(float32),
		nEmbd: int(meta["llama.embedding_length"].(uint32)), nHead: int(meta["llama.attention.head_count"].(uint32)),
	}
	n.hDim = n.nEmbd / n.nHead
	if f, ok := meta["llama.rope.scaling.factor"].(float32); ok {
		n.freqScale = 1 / f
	}
	for l := range n.layers {
		name := func(s string) gguf.Tensor { return byName["blk."+string(rune('0'+l))+"."+s+".weight"] }
		L := &n.layers[l]
		L.q, L.k, L.v, L.o = toSparse(name("attn_q")), toSparse(name("attn_k")), toSparse(name("attn_v")), toSparse(name("attn_output"))
		L.qDims, L.vDims = make([][]int, n.nHead), make([][]int, n.nHead)
		L.kc, L.vc = make([][]float32, n.nHead), make([][]float32, n.nHead)
		for h := 0; h < n.nHead; h++ {
			for d := 0; d < n.hDim; d += 2 {
				if len(L.q[h*n.hDim+d]) > 0 || len(L.q[h*n.hDim+d+1]) > 0 {
					L.qDims[h] = append(L.qDims[h], h*n.hDim+d, h*n.hDim+d+1)
				}
			}
			for d := 0; d < n.hDim; d++ {
				if len(L.v[h*n.hDim+d]) > 0 {
					L.vDims[h] = append(L.vDims[h], h*n.hDim+d)
				}
			}
		}
	}
	return n
}

func (n *net) rmsNorm(x []float32) []float32 {
	var ss float64
	for _, v := range x {
		ss += float64(v) * float64(v)
	}
	s := float32(1 / math.Sqrt(ss/float64(len(x))+float64(n.eps)))
	y := make([]float32, len(x))
	for i, v := range x {
		y[i] = v * s // norm weights are all 1 (checked in the structure test)
	}
	return y
}

// rope rotates consecutive pairs of every head as ggml does for llama.
func (n *net) rope(x []float32, pos int) {
	thetaScale := float32(math.Pow(freqBase, -2/float64(n.hDim)))
	for h := 0; h < n.nHead; h++ {
		theta := float32(pos)
		for p := 0; p < n.hDim/2; p++ {
			a := float64(n.freqScale * (theta / n.freqs[p]))
			c, s := float32(math.Cos(a)), float32(math.Sin(a))
			i := h*n.hDim + 2*p
			x0, x1 := x[i], x[i+1]
			x[i], x[i+1] = x0*c-x1*s, x0*s+x1*c
			theta *= thetaScale
		}
	}
}

func f16(x float32) float32 { return gguf.Float16ToFloat32(gguf.Float32ToFloat16(x)) }

// step feeds the token at position pos (positions must come in order) and
// returns the logits for the next token, or nil when logits is false: then,
// as llama.cpp does for prompt tokens, the last layer only fills its KV
// cache, since nothing reads its output at this position.
func (n *net) step(tok, pos int, logits bool) []float32 {
	x := append([]float32(nil), n.embd.Data[tok*n.nEmbd:(tok+1)*n.nEmbd]...)
	for l := range n.layers {
		L := &n.layers[l]
		h := n.rmsNorm(x)
		q, k, v := L.q.mul(h), L.k.mul(h), L.v.mul(h)
		n.rope(q, pos)
		n.rope(k, pos)
		att := make([]float32, n.nEmbd)
		for hd := 0; hd < n.nHead; hd++ {
			qd, vd := L.qDims[hd], L.vDims[hd]
			for _, d := range qd {
				L.kc[hd] = append(L.kc[hd], f16(k[d]))
			}
			for _, d := range vd {
				L.vc[hd] = append(L.vc[hd], f16(v[d]))
			}
			if len(qd) == 0 || len(vd) == 0 || (l == nLayer-1 && !logits) {
				continue // a zero query or value contributes nothing
			}
			scores := n.scores[:pos+1]
			best := math.Inf(-1)
			for j := range scores {
				kj := L.kc[hd][j*len(qd) : (j+1)*len(qd)]
				var dot float32
				for t, d := range qd {
					dot += q[d] * kj[t]
				}
				scores[j] = float64(dot) / math.Sqrt(float64(n.hDim))
				best = max(best, scores[j])
			}
			var sum float64
			for j, sc := range scores {
				scores[j] = 0
				if sc-best > -60 { // e^-60 is nothing next to the best key's 1
					scores[j] = math.Exp(sc - best)
				}
				sum += scores[j]
			}
			for j, w := range scores {
				if w/sum < 1e-12 {
					continue // below float32 resolution of the sum
				}
				vj := L.vc[hd][j*len(vd) : (j+1)*len(vd)]
				for t, d := range vd {
					att[d] += float32(w/sum) * vj[t]
				}
			}
		}
		for i, y := range L.o.mul(att) {
			x[i] += y
		}
	}
	if !logits {
		return nil
	}
	return n.out.mul(n.rmsNorm(x))
}

// generate feeds BOS and the prompt's bytes, then greedily emits max tokens.
func (n *net) generate(prompt string, max int) string {
	toks := []int{bosID}
	for i := 0; i < len(prompt); i++ {
		toks = append(toks, int(prompt[i]))
	}
	n.scores = make([]float64, len(toks)+max)
	var logits []float32
	for pos, tok := range toks {
		logits = n.step(tok, pos, pos == len(toks)-1)
	}
	var out []byte
	for len(out) < max {
		best := 0
		for i, v := range logits {
			if v > logits[best] {
				best = i
			}
		}
		if best >= 256 {
			break
		}
		out = append(out, byte(best))
		logits = n.step(best, len(toks), true)
		toks = append(toks, best)
	}
	return string(out)
}
