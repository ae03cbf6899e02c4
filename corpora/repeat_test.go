package corpora

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestFirstRepeatCases(t *testing.T) {
	cases := []struct {
		text   string
		n, off int
		found  bool
	}{
		{"abcXabc", 3, 0, true},
		{"xyzabcQabc", 3, 3, true},
		{"abcdefg", 3, 0, false},
		{"aaaa", 2, 0, true},  // overlapping occurrences count
		{"abcab", 2, 0, true}, // "ab" at 0 and 3
		{"ab", 2, 0, false},
		{"a", 5, 0, false},
		{"aa", 0, 0, false},
	}
	for _, c := range cases {
		off, found := FirstRepeat(c.text, c.n)
		if off != c.off || found != c.found {
			t.Errorf("FirstRepeat(%q, %d) = %d, %v; want %d, %v", c.text, c.n, off, found, c.off, c.found)
		}
	}
}

// naiveFirstRepeat is the definition of FirstRepeat, in quadratic time.
func naiveFirstRepeat(text string, n int) (int, bool) {
	for p := 0; p+n <= len(text); p++ {
		for q := 0; q+n <= len(text); q++ {
			if p != q && text[p:p+n] == text[q:q+n] {
				return p, true
			}
		}
	}
	return 0, false
}

func TestFirstRepeatAgreesWithNaiveSearch(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 300; i++ {
		size := 1 + r.IntN(120)
		var b strings.Builder
		for j := 0; j < size; j++ {
			b.WriteByte("ab"[r.IntN(2)] + byte(r.IntN(1+i%3)))
		}
		text, n := b.String(), 1+r.IntN(12)
		gotOff, gotFound := FirstRepeat(text, n)
		wantOff, wantFound := naiveFirstRepeat(text, n)
		if gotOff != wantOff || gotFound != wantFound {
			t.Fatalf("FirstRepeat(%q, %d) = %d, %v; want %d, %v", text, n, gotOff, gotFound, wantOff, wantFound)
		}
	}
}

func TestFirstRepeatFindsAPlantedCopy(t *testing.T) {
	text := generate(5, 300_000)
	if _, found := FirstRepeat(text, 200); found {
		t.Fatal("fresh prose already repeats")
	}
	// Copy a passage from the middle to the end: the original is the first repeat.
	planted := text + " " + text[150_000:150_300]
	off, found := FirstRepeat(planted, 200)
	if !found || off != 150_000 {
		t.Errorf("FirstRepeat after planting = %d, %v; want 150000, true", off, found)
	}
	if off, found := FirstRepeat(Noise(10_000).Text, 200); !found || off != 0 {
		t.Errorf("FirstRepeat(noise) = %d, %v; want 0, true", off, found)
	}
}

func BenchmarkFirstRepeat(b *testing.B) {
	text := Builtin(0).Text
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		FirstRepeat(text, 200)
	}
}
