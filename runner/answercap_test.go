package runner

import (
	"strings"
	"testing"
	"unicode/utf8"

	"niah/provider"
)

// An answer past the cap keeps its beginning, whole characters only, and
// says it was cut; a short one is untouched.
func TestCapAnswer(t *testing.T) {
	long := strings.Repeat("é", MaxAnswerBytes) // 2 bytes a rune: the cap falls inside one
	resp := provider.Response{Answer: "7391204 " + long, Reasoning: "short"}
	if !capAnswer(&resp) {
		t.Fatal("a long answer was not marked cut")
	}
	if len(resp.Answer) > MaxAnswerBytes || len(resp.Answer) < MaxAnswerBytes-1 || !utf8.ValidString(resp.Answer) ||
		!strings.HasPrefix(resp.Answer, "7391204 ") || resp.Reasoning != "short" {
		t.Fatalf("kept %d bytes, valid %v", len(resp.Answer), utf8.ValidString(resp.Answer))
	}
	short := provider.Response{Answer: "42", Reasoning: "r"}
	if capAnswer(&short) || short.Answer != "42" {
		t.Fatal("a short answer was changed")
	}
}
