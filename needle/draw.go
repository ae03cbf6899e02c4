package needle

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// maxDraws bounds the redraws for one key or value. Only a haystack that
// already holds almost every candidate could exhaust it; that is a broken
// haystack, not something to loop on forever.
const maxDraws = 100000

// drawer hands out keys and values that are absent from the haystack and
// distinct within one trial.
type drawer struct {
	rng  *rand.Rand
	used func(string) bool
	seen map[string]bool
}

func newDrawer(rng *rand.Rand, used func(string) bool) *drawer {
	return &drawer{rng: rng, used: used, seen: map[string]bool{}}
}

func (d *drawer) draw(gen func(*rand.Rand) string) string {
	for range maxDraws {
		s := gen(d.rng)
		if d.seen[s] || (d.used != nil && d.used(s)) {
			continue
		}
		d.seen[s] = true
		return s
	}
	panic(fmt.Sprintf("needle: %d candidate keys or values in a row already occur in the haystack", maxDraws))
}

// sevenDigits draws a number from 1000000 to 9999999, the RULER value range.
func sevenDigits(rng *rand.Rand) string {
	return strconv.Itoa(1000000 + rng.IntN(9000000))
}

// fiveDigits draws the llama.cpp-style pass key, 10000 to 99999.
func fiveDigits(rng *rand.Rand) string {
	return strconv.Itoa(10000 + rng.IntN(90000))
}

// wordPair draws an adjective-noun pair such as "amber-lantern". The
// built-in haystack has no hyphens, so a pair can never occur in it by
// chance.
func wordPair(rng *rand.Rand) string {
	return adjectives[rng.IntN(len(adjectives))] + "-" + nouns[rng.IntN(len(nouns))]
}

// uuid4 draws a version 4 UUID from rng (not from crypto/rand, so a seed
// reproduces it).
func uuid4(rng *rand.Rand) string {
	var b [16]byte
	for i := range 2 {
		v := rng.Uint64()
		for j := range 8 {
			b[i*8+j] = byte(v >> (8 * j))
		}
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	const hex = "0123456789abcdef"
	var sb strings.Builder
	for i, x := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			sb.WriteByte('-')
		}
		sb.WriteByte(hex[x>>4])
		sb.WriteByte(hex[x&0x0f])
	}
	return sb.String()
}
