package corpora

import (
	"math/bits"
	"slices"
)

// FirstRepeat reports the offset of the earliest n-byte passage of text that
// occurs again elsewhere in text (overlapping occurrences count), or false
// when every n-byte passage is unique.
//
// Every window gets a 61-bit rolling hash; the top bits of the hash and the
// window's offset are packed into one uint64, so memory stays at 8 bytes per
// byte of text and one sort groups equal hashes in offset order. Windows that
// share a hash are compared byte for byte, so hash collisions never count.
func FirstRepeat(text string, n int) (offset int, found bool) {
	if n <= 0 || len(text) <= n {
		return 0, false
	}
	windows := len(text) - n + 1
	posBits := uint(bits.Len(uint(windows)))
	posMask := uint64(1)<<posBits - 1
	keys := make([]uint64, 0, windows)
	forEachWindowHash(text, n, func(pos int, h uint64) {
		keys = append(keys, (h<<3)&^posMask|uint64(pos))
	})
	slices.Sort(keys)

	best := -1
	for i := 0; i < len(keys); {
		j := i + 1
		for j < len(keys) && keys[j]&^posMask == keys[i]&^posMask {
			j++
		}
		if j-i > 1 {
			if p, ok := firstRepeatedInGroup(text, n, keys[i:j], posMask); ok && (best < 0 || p < best) {
				best = p
			}
		}
		i = j
	}
	return max(best, 0), best >= 0
}

// firstRepeatedInGroup finds the smallest offset in a group of windows with
// equal hashes whose bytes equal another member's. The group is in offset
// order, so in repetitive text the first comparison usually settles it.
func firstRepeatedInGroup(text string, n int, group []uint64, posMask uint64) (int, bool) {
	for a := range group {
		p := int(group[a] & posMask)
		for b := range group {
			q := int(group[b] & posMask)
			if a != b && text[p:p+n] == text[q:q+n] {
				return p, true
			}
		}
	}
	return 0, false
}

// The rolling hash works modulo the Mersenne prime 2^61-1.
const (
	hashMod  = 1<<61 - 1
	hashBase = 1_000_003
)

func mulMod(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	// a*b = hi*2^64 + lo; 2^64 = 8 (mod 2^61-1).
	r := (hi<<3 | lo>>61) + lo&hashMod
	for r >= hashMod {
		r -= hashMod
	}
	return r
}

// forEachWindowHash calls f with the hash of every n-byte window of text.
func forEachWindowHash(text string, n int, f func(pos int, h uint64)) {
	var h, top uint64 = 0, 1 // top = base^(n-1), the weight of the byte leaving
	for i := 0; i < n; i++ {
		h = (mulMod(h, hashBase) + uint64(text[i])) % hashMod
		if i > 0 {
			top = mulMod(top, hashBase)
		}
	}
	f(0, h)
	for i := n; i < len(text); i++ {
		out := mulMod(uint64(text[i-n]), top)
		h = (h + hashMod - out) % hashMod
		h = (mulMod(h, hashBase) + uint64(text[i])) % hashMod
		f(i-n+1, h)
	}
}
