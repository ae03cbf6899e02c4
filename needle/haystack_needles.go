package needle

import (
	"math/rand/v2"
	"regexp"
	"strings"
)

// Haystacks this package writes: RULER's "needle" haystack, made of
// distractor needles only (niah_multikey_2 and _3). The asked needle's key
// and value are drawn absent from it, like any other haystack.
const (
	// NeedlesHaystack: adjective-noun keys, 7-digit values.
	NeedlesHaystack = "needles"
	// NeedlesHaystackUUID: UUID keys and UUID values.
	NeedlesHaystackUUID = "needles:uuid"
)

// needleHaystackSeed fixes the haystack: every run shares it (and its
// cached token index).
const needleHaystackSeed = 23

// needleHaystackParagraph is how many needles make a paragraph.
const needleHaystackParagraph = 10

// Haystack writes the haystack called name if this package makes it, at
// least minBytes long: needle sentences with keys that never repeat,
// paragraphs of ten. used tells whether a key or value occurs in it (a
// set lookup: the text is nothing but keys and values, and scanning five
// megabytes for each one drawn is slow). ok is false for other names
// (builtin, noise, files).
func Haystack(name string, minBytes int) (text string, used func(string) bool, ok bool) {
	var t task
	switch name {
	case NeedlesHaystack:
		t = task{base: "single", kind: KindNumber}
	case NeedlesHaystackUUID:
		t = task{base: "single", kind: KindUUID, keys: KindUUID}
	default:
		return "", nil, false
	}
	d := newDrawer(rand.New(rand.NewPCG(needleHaystackSeed, uint64(len(name)))), nil)
	var b strings.Builder
	b.Grow(minBytes + 256)
	for n := 0; b.Len() < minBytes; n++ {
		switch {
		case n == 0:
		case n%needleHaystackParagraph == 0:
			b.WriteString("\n\n")
		default:
			b.WriteByte(' ')
		}
		b.WriteString(strings.TrimPrefix(t.needle(d.draw(keyGen[t.keys]), d.draw(kindGen[t.kind])), " "))
	}
	text = b.String()
	return text, func(s string) bool { return d.seen[s] || !wholeValue(s) && strings.Contains(text, s) }, true
}

// wholeValue reports whether s has the shape of a whole key or value (a
// number, an adjective-noun pair, a UUID): such a string occurs in a
// haystack of needles only as one of its keys or values, so the set says
// whether it is there.
func wholeValue(s string) bool { return wholeValuePattern.MatchString(s) }

var wholeValuePattern = regexp.MustCompile(`^(?:` + valuePattern[KindNumber] + `|` + valuePattern[KindWord] + `|` + valuePatternUUID + `)$`)
