package needle

import (
	"strings"
	"testing"
)

// FuzzGrade: any answer grades to a score in 0..1, correct only with a
// full score, and an answer that is exactly the value is correct.
func FuzzGrade(f *testing.F) {
	for _, s := range []string{"The number is 7,391,204.", "<think>7391204</think>NONE", "**amber-lantern**",
		"3f2b9c1e-0d4a-4e8b-9c1f-2a3b4c5d6e7f", "It is not mentioned.", "7 391 204", "\u00a0\u202f", ""} {
		f.Add(s, "7391204", false)
		f.Add(s, "amber lantern", true)
	}
	f.Fuzz(func(t *testing.T, answer, value string, absent bool) {
		r := Grade(answer, []string{value}, absent)
		if r.Score < 0 || r.Score > 1 {
			t.Fatalf("score %v", r.Score)
		}
		if r.Correct != (r.Score == 1) {
			t.Fatalf("correct %v with score %v", r.Correct, r.Score)
		}
		if !absent && len(tokens(value)) > 0 && !strings.ContainsAny(value, "<>") {
			if g := Grade(value, []string{value}, false); !g.Correct {
				t.Fatalf("answer %q misses itself", value)
			}
		}
	})
}
