package refmodel

import (
	"math"
	"testing"

	"niah/gguf"
)

// Window rules: which keys a sliding layer's query at distance d back may
// see. llama.cpp masks d >= W (W keys, the query's own included); Ollama's
// Go engine masks only d > W (W+1 keys).
const (
	windowLlamaCpp = iota
	windowOllama
)

// gnet is an independent float32 re-implementation of the gemma2 forward
// pass as llama.cpp (and Ollama's Go engine) compute it, run on the tensors
// Build returns: embedding times sqrt(n_embd); per layer RMSNorm, Q/K/V,
// NeoX RoPE with one freq_base, Q times 1/sqrt(head_dim), the attention
// soft-cap (tanh), the causal and sliding-window masks, softmax, the F16
// KV cache (and F16 queries, as the CPU flash-attention kernel has them),
// the output projection, the post-attention RMSNorm, the residual; the FFN
// is all zeros (the structure test checks) and its post-norm of zero adds
// nothing; then the final RMSNorm, the tied output and the final soft-cap.
type gnet struct {
	embd       gguf.Tensor
	outNorm    []float32
	layers     []gLayer
	window     int
	rule       int
	eps        float32
	capA, capF float32
	base       float64
	nEmbd      int
	nHead, hd  int
	scores     []float64
}

type gLayer struct {
	sliding    bool
	q, k, v, o sparse
	post       []float32
	kc, vc     [][]float32 // per head, the cached keys and values (all dims)
	qDims      [][]int     // per head, the dims of q that can be nonzero
	vDims      [][]int
}

func newGnet(t testing.TB, opts Options, rule int) *gnet {
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
	u := func(k string) int { return int(meta["gemma2."+k].(uint32)) }
	f := func(k string) float32 { return meta["gemma2."+k].(float32) }
	n := &gnet{
		embd: byName["token_embd.weight"], outNorm: byName["output_norm.weight"].Data,
		window: u("attention.sliding_window"), rule: rule,
		eps: f("attention.layer_norm_rms_epsilon"), capA: f("attn_logit_softcapping"), capF: f("final_logit_softcapping"),
		base: float64(f("rope.freq_base")), nEmbd: u("embedding_length"), nHead: u("attention.head_count"), hd: u("attention.key_length"),
	}
	for l := 0; l < u("block_count"); l++ {
		name := func(s string) gguf.Tensor { return byName["blk."+string(rune('0'+l))+"."+s+".weight"] }
		L := gLayer{sliding: l%2 == 0, q: toSparse(name("attn_q")), k: toSparse(name("attn_k")), v: toSparse(name("attn_v")),
			o: toSparse(name("attn_output")), post: name("post_attention_norm").Data}
		L.kc, L.vc = make([][]float32, n.nHead), make([][]float32, n.nHead)
		L.qDims, L.vDims = make([][]int, n.nHead), make([][]int, n.nHead)
		for h := 0; h < n.nHead; h++ {
			for p := 0; p < n.hd/2; p++ {
				x, y := h*n.hd+p, h*n.hd+p+n.hd/2
				if len(L.q[x]) > 0 || len(L.q[y]) > 0 {
					L.qDims[h] = append(L.qDims[h], x, y)
				}
			}
			for d := 0; d < n.hd; d++ {
				if len(L.v[h*n.hd+d]) > 0 {
					L.vDims[h] = append(L.vDims[h], h*n.hd+d)
				}
			}
		}
		n.layers = append(n.layers, L)
	}
	return n
}

func (n *gnet) rmsNorm(x, w []float32) []float32 {
	var ss float64
	for _, v := range x {
		ss += float64(v) * float64(v)
	}
	s := float32(1 / math.Sqrt(ss/float64(len(x))+float64(n.eps)))
	y := make([]float32, len(x))
	for i, v := range x {
		y[i] = v * s
		if w != nil {
			y[i] *= w[i]
		}
	}
	return y
}

// rope rotates pair p of every head, dims (p, p+hd/2), by pos*theta_p with
// theta_p = base^(-2p/hd), accumulated in float32 as ggml does.
func (n *gnet) rope(x []float32, pos int) {
	scale := float32(math.Pow(n.base, -2/float64(n.hd)))
	for h := 0; h < n.nHead; h++ {
		theta := float32(pos)
		for p := 0; p < n.hd/2; p++ {
			c, s := float32(math.Cos(float64(theta))), float32(math.Sin(float64(theta)))
			i, j := h*n.hd+p, h*n.hd+p+n.hd/2
			x0, x1 := x[i], x[j]
			x[i], x[j] = x0*c-x1*s, x0*s+x1*c
			theta *= scale
		}
	}
}

// visible reports whether a sliding layer's query at pos sees the key at j.
func (n *gnet) visible(pos, j int) bool {
	if n.rule == windowOllama {
		return pos-j <= n.window
	}
	return pos-j < n.window
}

// step feeds the token at pos (positions in order) and returns the logits
// when logits is true.
func (n *gnet) step(tok, pos int, logits bool) []float32 {
	x := make([]float32, n.nEmbd)
	sq := float32(math.Sqrt(float64(n.nEmbd)))
	for i := range x {
		x[i] = n.embd.Data[tok*n.nEmbd+i] * sq
	}
	scale := 1 / math.Sqrt(float64(n.hd))
	for l := range n.layers {
		L := &n.layers[l]
		h := n.rmsNorm(x, nil) // attn_norm weights are all 1
		q, k, v := L.q.mul(h), L.k.mul(h), L.v.mul(h)
		n.rope(q, pos)
		n.rope(k, pos)
		att := make([]float32, len(q))
		last := l == len(n.layers)-1
		for hd := 0; hd < n.nHead; hd++ {
			qd, vd := L.qDims[hd], L.vDims[hd]
			for _, d := range qd {
				L.kc[hd] = append(L.kc[hd], f16(k[d]))
			}
			for _, d := range vd {
				L.vc[hd] = append(L.vc[hd], f16(v[d]))
			}
			if len(vd) == 0 || (last && !logits) {
				continue
			}
			first := 0
			if L.sliding {
				for !n.visible(pos, first) {
					first++
				}
			}
			qs := make([]float32, len(qd))
			for t, d := range qd {
				qs[t] = f16(q[d] * float32(scale))
			}
			scores := n.scores[:pos+1]
			best := math.Inf(-1)
			for j := first; j <= pos; j++ {
				var dot float32
				kj := L.kc[hd][j*len(qd) : (j+1)*len(qd)]
				for t, v := range qs {
					dot += v * kj[t]
				}
				scores[j] = float64(n.capA) * math.Tanh(float64(dot)/float64(n.capA))
				best = max(best, scores[j])
			}
			var sum float64
			for j := first; j <= pos; j++ {
				scores[j] -= best
				if scores[j] < -60 { // e^-60 is nothing next to the best key's 1
					scores[j] = 0
					continue
				}
				scores[j] = math.Exp(scores[j])
				sum += scores[j]
			}
			for j := first; j <= pos; j++ {
				w := scores[j] / sum
				if w < 1e-12 {
					continue
				}
				vj := L.vc[hd][j*len(vd) : (j+1)*len(vd)]
				for t, d := range vd {
					att[d] += float32(w) * vj[t]
				}
			}
		}
		if last && !logits {
			continue
		}
		o := n.rmsNorm(L.o.mul(att), L.post)
		for i := range x {
			x[i] += o[i]
		}
	}
	if !logits {
		return nil
	}
	hN := n.rmsNorm(x, n.outNorm)
	out := make([]float32, n.embd.Dims[1])
	for t := range out {
		var acc float32
		for i, v := range hN {
			if v != 0 {
				acc += v * n.embd.Data[t*n.nEmbd+i]
			}
		}
		out[t] = n.capF * float32(math.Tanh(float64(acc/n.capF)))
	}
	return out
}

// generate feeds BOS and the prompt's bytes, then greedily emits max tokens.
func (n *gnet) generate(prompt string, max int) string {
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
