package suite

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// claims: names a claims file (relative to the suite file) or lists the
// claims in place; a bad one is one line naming the file and the line.
func TestSuiteClaims(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "c.yaml"), []byte("claims:\n  - {model: base, source: card, context: 8k}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "s.yaml")
	write := func(text string) {
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("claims: c.yaml\nvariants:\n  - {label: base, spec: sim}\n")
	s, err := Load(p)
	if err != nil || len(s.Claims) != 1 || s.Claims[0].Window != 8192 || s.Claims[0].Label != "base" {
		t.Fatalf("claims file: %+v, %v", s, err)
	}
	write("variants:\n  - {label: base, spec: sim}\nclaims:\n  - model: base\n    source: RULER\n    score: 95\n    at: 4k\n")
	if s, err = Load(p); err != nil || len(s.Claims) != 1 || s.Claims[0].At != 4096 || s.Claims[0].File != p || s.Claims[0].Line != 4 {
		t.Fatalf("claims in place: %+v, %v", s.Claims, err)
	}
	for text, want := range map[string]string{
		"claims: nosuch.yaml\nvariants:\n  - {label: base, spec: sim}\n":                           p + ":1: claims: open " + filepath.Join(dir, "nosuch.yaml"),
		"variants:\n  - {label: base, spec: sim}\nclaims:\n  - {model: base, source: s}\n":         p + ":4: claim about base: needs context:",
		"variants:\n  - {label: base, spec: sim}\nclaims: {model: base}\n":                         p + ":3: claims: want a list of claims",
		"variants:\n  - {label: base, spec: sim}\nclaims:\n  - {model: base, source: s, at: 4k}\n": p + ":4: claim about base: needs context: (e.g. 128k) or score: and at:",
	} {
		write(text)
		if _, err := Load(p); err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q:\n  got  %v\n  want %s", text, err, want)
		}
	}
}
