package provider

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanText makes text a server sent safe to print on a terminal: escape
// sequences (CSI, OSC and the rest) are removed whole, other control
// characters (C0 but tab and newline, DEL, C1), bidirectional overrides
// and invisible characters (zero-width space and joiners, word joiner,
// BOM, soft hyphen, tag characters: see invisible) are dropped, invalid
// UTF-8 becomes U+FFFD. A server must not be able to recolour, retitle,
// rewrite or hide what niah prints.
func CleanText(s string) string {
	if isClean(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b:
			i += escapeLen(s[i:])
			continue
		case r == '\t' || r == '\n':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f || isBidiControl(r) || invisible(r):
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func isClean(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f || isBidiControl(r) || r == utf8.RuneError || invisible(r) {
			return false
		}
	}
	return true
}

func isBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// invisible reports a character that prints as nothing: the format
// characters (Unicode category Cf: U+200B zero-width space, U+200C/D
// joiners, U+2060 word joiner, U+FEFF, U+00AD soft hyphen, the U+E00xx
// tags that can smuggle text), and the fillers and joiners of other
// categories that render blank. Text a server hides this way could make
// two different strings look alike on a terminal.
func invisible(r rune) bool {
	if r < 0xad {
		return false
	}
	switch r {
	case 0x034f, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x3164, 0xffa0:
		return true
	}
	return unicode.Is(unicode.Cf, r)
}

// escapeLen is the length of the escape sequence at the start of s (which
// starts with ESC): CSI "ESC [ params final", OSC/DCS/PM/APC strings up to
// BEL or "ESC \", or ESC and one character.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
		return len(s)
	case ']', 'P', '^', '_', 'X':
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
		return len(s)
	}
	_, size := utf8.DecodeRuneInString(s[1:])
	return 1 + size
}

// CleanInfo is info with every text the server chose made CleanText.
func CleanInfo(info ServerInfo) ServerInfo {
	info.Version, info.Model, info.ContextSource = CleanText(info.Version), CleanText(info.Model), CleanText(info.ContextSource)
	if info.Extra != nil {
		extra := make(map[string]string, len(info.Extra))
		for k, v := range info.Extra {
			extra[CleanText(k)] = CleanText(v)
		}
		info.Extra = extra
	}
	return info
}
