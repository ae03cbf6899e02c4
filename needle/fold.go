package needle

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldSpecial are letters that do not decompose into a base letter and a
// mark but are read as plain Latin letters all the same.
var foldSpecial = strings.NewReplacer("ø", "o", "æ", "ae", "œ", "oe", "ß", "ss", "đ", "d", "ł", "l", "ı", "i", "þ", "th", "ð", "d")

// fold lower-cases s and strips its accents (Björn, Bjørn → bjorn; Søren →
// soren; Zoltán → zoltan), so that names and places match however an
// answer or a haystack spells them.
func fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	s = foldSpecial.Replace(strings.ToLower(s))
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
