package haystack

import (
	"container/heap"
	"fmt"
	"strings"

	"github.com/dlclark/regexp2"
	"golang.org/x/text/unicode/norm"

	"niah/gguf"
)

// byteLevelBPE is Hugging Face's byte-level BPE (GPT-2, Llama 3, Qwen 2/2.5/3):
// optional NFC, regex pre-splitting, then pair merges in the order of the
// merges list, the lowest rank first and the leftmost pair on ties. Ranks
// come from the merges list, not from token ids, so vocabularies whose id
// order is not their merge order are still exact. It is safe for concurrent
// use: after construction it is read-only (regexp2 pools its runners).
type byteLevelBPE struct {
	name  string
	nfc   bool
	split []*regexp2.Regexp // applied in turn; every piece of one is re-split by the next
	// ignoreMerges emits a pre-token as one token when it is in the
	// vocabulary, without merging (Llama 3's tokenizer.json sets it).
	ignoreMerges bool
	vocab        map[string]int   // raw bytes of a token -> id
	byteID       [256]int         // id of each single-byte token
	merges       map[uint64]merge // pair of ids -> what they merge into
}

type merge struct{ rank, id int }

func pairKey(left, right int) uint64 { return uint64(left)<<32 | uint64(uint32(right)) }

// gpt2ByteToRune is GPT-2's bytes_to_unicode (see gguf.GPT2ByteToRune):
// byte-level vocabularies spell their tokens with these characters.
var gpt2ByteToRune, gpt2RuneToByte = func() ([256]rune, map[rune]byte) {
	fwd := gguf.GPT2ByteToRune()
	back := make(map[rune]byte, 256)
	for b, r := range fwd {
		back[r] = byte(b)
	}
	return fwd, back
}()

// unmapBytes turns a byte-level token spelling back into its raw bytes; ok
// is false for strings that are not byte-level spellings (added tokens).
func unmapBytes(token string) (string, bool) {
	var sb strings.Builder
	for _, r := range token {
		b, ok := gpt2RuneToByte[r]
		if !ok {
			return "", false
		}
		sb.WriteByte(b)
	}
	return sb.String(), true
}

// newByteLevelBPE builds the tokenizer from byte-level token spellings
// (index = id; "" marks ids to leave out, such as control tokens) and merges
// as pairs of spellings in rank order. source names the file for errors.
func newByteLevelBPE(source string, tokens []string, merges [][2]string, patterns []string) (*byteLevelBPE, error) {
	t := &byteLevelBPE{vocab: make(map[string]int, len(tokens)), merges: make(map[uint64]merge, len(merges))}
	spelled := make(map[string]int, len(tokens))
	for id, tok := range tokens {
		if tok == "" {
			continue
		}
		raw, ok := unmapBytes(tok)
		if !ok {
			continue // an added token written as plain text: never a merge result
		}
		if _, dup := t.vocab[raw]; !dup {
			t.vocab[raw] = id
		}
		spelled[tok] = id
	}
	for b := range 256 {
		id, ok := t.vocab[string([]byte{byte(b)})]
		if !ok {
			return nil, fmt.Errorf("%s: vocabulary has no token for byte 0x%02X, so it is not a byte-level BPE", source, b)
		}
		t.byteID[b] = id
	}
	for rank, m := range merges {
		left, okL := spelled[m[0]]
		right, okR := spelled[m[1]]
		id, okM := spelled[m[0]+m[1]]
		if !okL || !okR || !okM {
			return nil, fmt.Errorf("%s: merge %d %q %q refers to a token missing from the vocabulary", source, rank, m[0], m[1])
		}
		if _, dup := t.merges[pairKey(left, right)]; !dup {
			t.merges[pairKey(left, right)] = merge{rank: rank, id: id}
		}
	}
	for _, p := range patterns {
		re, err := regexp2.Compile(p, regexp2.None)
		if err != nil {
			return nil, fmt.Errorf("%s: pre-tokenizer regex %q: %w", source, p, err)
		}
		t.split = append(t.split, re)
	}
	return t, nil
}

func (t *byteLevelBPE) Name() string { return t.name }

// Count never fails. Invalid UTF-8 counts as U+FFFD, which is what a server
// receives once the text has been JSON-encoded.
func (t *byteLevelBPE) Count(text string) (int, error) {
	n := 0
	for _, chunk := range splitChunks(text, chunkTarget) {
		t.encodeChunk(chunk, func(int) { n++ })
	}
	return n, nil
}

// Encode returns the token ids of text, without special tokens.
func (t *byteLevelBPE) Encode(text string) ([]int, error) {
	var ids []int
	for _, chunk := range splitChunks(text, chunkTarget) {
		t.encodeChunk(chunk, func(id int) { ids = append(ids, id) })
	}
	return ids, nil
}

func (t *byteLevelBPE) encodeChunk(text string, emit func(int)) {
	text = validUTF8(text)
	if t.nfc {
		text = norm.NFC.String(text)
	}
	pieces := []string{text}
	for _, re := range t.split {
		var next []string
		for _, p := range pieces {
			next = splitIsolated(re, p, next)
		}
		pieces = next
	}
	for _, p := range pieces {
		t.encodePiece(p, emit)
	}
}

// splitIsolated appends to out the matches of re in s and the text between
// them, in order: Hugging Face's Split with behavior "Isolated".
func splitIsolated(re *regexp2.Regexp, s string, out []string) []string {
	runes := []rune(s)
	prev := 0
	m, _ := re.FindRunesMatch(runes)
	for m != nil {
		if m.Index > prev {
			out = append(out, string(runes[prev:m.Index]))
		}
		if m.Length > 0 {
			out = append(out, string(runes[m.Index:m.Index+m.Length]))
		}
		prev = m.Index + m.Length
		m, _ = re.FindNextMatch(m)
	}
	if prev < len(runes) {
		out = append(out, string(runes[prev:]))
	}
	return out
}

// encodePiece merges the bytes of one pre-token. Like Hugging Face's
// Word::merge_all it keeps a heap of candidate pairs ordered by (rank,
// position) and skips entries made stale by earlier merges, so a long
// unsplit run costs O(n log n), not O(n^2).
func (t *byteLevelBPE) encodePiece(piece string, emit func(int)) {
	if piece == "" {
		return
	}
	if t.ignoreMerges || len(piece) == 1 {
		if id, ok := t.vocab[piece]; ok {
			emit(id)
			return
		}
	}
	syms := make([]symbol, len(piece))
	for i := range syms {
		syms[i] = symbol{id: t.byteID[piece[i]], prev: i - 1, next: i + 1}
	}
	syms[len(syms)-1].next = -1
	q := make(pairQueue, 0, len(piece))
	for i := 0; i+1 < len(syms); i++ {
		if m, ok := t.merges[pairKey(syms[i].id, syms[i+1].id)]; ok {
			q = append(q, candidate{rank: m.rank, pos: i, id: m.id})
		}
	}
	heap.Init(&q)
	for q.Len() > 0 {
		c := heap.Pop(&q).(candidate)
		s := &syms[c.pos]
		if s.gone || s.next < 0 {
			continue
		}
		if m, ok := t.merges[pairKey(s.id, syms[s.next].id)]; !ok || m.id != c.id {
			continue // a neighbour changed since this pair was queued
		}
		right := &syms[s.next]
		right.gone = true
		s.id = c.id
		s.next = right.next
		if s.next >= 0 {
			syms[s.next].prev = c.pos
			if m, ok := t.merges[pairKey(s.id, syms[s.next].id)]; ok {
				heap.Push(&q, candidate{rank: m.rank, pos: c.pos, id: m.id})
			}
		}
		if s.prev >= 0 {
			if m, ok := t.merges[pairKey(syms[s.prev].id, s.id)]; ok {
				heap.Push(&q, candidate{rank: m.rank, pos: s.prev, id: m.id})
			}
		}
	}
	for i := 0; i >= 0; i = syms[i].next {
		emit(syms[i].id)
	}
}

type symbol struct {
	id, prev, next int
	gone           bool
}

type candidate struct{ rank, pos, id int }

type pairQueue []candidate

func (q pairQueue) Len() int { return len(q) }
func (q pairQueue) Less(i, j int) bool {
	if q[i].rank != q[j].rank {
		return q[i].rank < q[j].rank
	}
	return q[i].pos < q[j].pos
}
func (q pairQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *pairQueue) Push(x any)   { *q = append(*q, x.(candidate)) }
func (q *pairQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}
