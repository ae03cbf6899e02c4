package needle

import (
	"strings"
	"testing"
)

const (
	num  = "7391204"
	uuid = "3f2a9c1e-7b4d-4e2a-9f10-0c5d8e7a6b21"
	word = "velvet-harbor"
)

func TestGradeSingleValue(t *testing.T) {
	cases := []struct {
		name, answer, want string
		ok                 bool
	}{
		{"plain", "7391204", num, true},
		{"sentence", "The access number for amber-lantern is 7391204.", num, true},
		{"bold", "**7391204**", num, true},
		{"code", "`7391204`", num, true},
		{"emphasis", "_7391204_", num, true},
		{"heading", "## Answer\n\n7391204", num, true},
		{"list item", "- 7391204", num, true},
		{"quoted", `"7391204"`, num, true},
		{"json", `{"key": "amber-lantern", "access_number": 7391204}`, num, true},
		{"json string", `{"answer":"7391204"}`, num, true},
		{"commas", "It is 7,391,204.", num, true},
		{"spaces", "It is 7 391 204.", num, true},
		{"no-break spaces", "It is 7\u00a0391\u00a0204.", num, true},
		{"dots", "7.391.204", num, true},
		{"apostrophes", "7'391'204", num, true},
		{"bold grouped", "**7,391,204**", num, true},
		{"upper-case context", "THE ACCESS NUMBER IS 7391204!", num, true},
		{"trailing newline text", "7391204\n\nLet me know if you need anything else.", num, true},
		{"passkey continuation", " 71432. Remember it. 71432 is the pass key.", "71432", true},
		{"passkey sentence", "The pass key is 71432.", "71432", true},
		{"passkey grouped", "71,432", "71432", true},
		{"llama repeats", " 71432. Remember it. 71432 is the pass key. The pass key is 71432. Remember it.", "71432", true},
		{"one digit off", "7391205", num, false},
		{"digit dropped", "739124", num, false},
		{"embedded in longer", "73912045", num, false},
		{"embedded prefix", "17391204", num, false},
		{"prefix only", "7391", num, false},
		{"glued to letters", "abc7391204", num, false},
		{"wrong number", "The access number for amber-lantern is 4820193.", num, false},
		{"mixed separators", "7,391.204", num, false},
		{"two-digit groups", "73 91 204", num, false},
		{"refusal", "I can't help with that.", num, false},
		{"dont know", "I don't know.", num, false},
		{"empty", "", num, false},
		{"uuid", "The access code is 3f2a9c1e-7b4d-4e2a-9f10-0c5d8e7a6b21.", uuid, true},
		{"uuid upper", "3F2A9C1E-7B4D-4E2A-9F10-0C5D8E7A6B21", uuid, true},
		{"uuid no hyphens", "3f2a9c1e7b4d4e2a9f100c5d8e7a6b21", uuid, true},
		{"uuid in code", "`3f2a9c1e-7b4d-4e2a-9f10-0c5d8e7a6b21`", uuid, true},
		{"uuid last group off", "3f2a9c1e-7b4d-4e2a-9f10-0c5d8e7a6b22", uuid, false},
		{"uuid truncated", "3f2a9c1e-7b4d-4e2a-9f10", uuid, false},
		{"word", "The access word for amber-lantern is velvet-harbor.", word, true},
		{"word spaced", "velvet harbor", word, true},
		{"word bold", "**Velvet-Harbor**", word, true},
		{"word longer", "velvet-harborside", word, false},
		{"word half", "velvet", word, false},
		{"prefix word", "amberlight", "amber", false},
	}
	for _, c := range cases {
		r := Grade(c.answer, []string{c.want}, false)
		if r.Correct != c.ok || (r.Score == 1) != c.ok {
			t.Errorf("%s: Grade(%q, %q) = %+v, want correct=%v", c.name, c.answer, c.want, r, c.ok)
		}
	}
}

func TestGradeSeveralValues(t *testing.T) {
	want := []string{"1234567", "2345678", "3456789", "4567890"}
	cases := []struct {
		name, answer string
		score        float64
	}{
		{"comma list", "1234567, 2345678, 3456789, 4567890", 1},
		{"tight commas", "1234567,2345678,3456789,4567890", 1},
		{"markdown list", "The access numbers are:\n\n1. **1234567**\n2. **2345678**\n3. **3456789**\n4. **4567890**", 1},
		{"bullets", "* 4567890\n* 3456789\n* 2345678\n* 1234567", 1},
		{"json array", `{"values": [1234567, 2345678, 3456789, 4567890]}`, 1},
		{"grouped", "1,234,567; 2,345,678; 3,456,789 and 4,567,890", 1},
		{"spaced groups", "1 234 567, 2 345 678, 3 456 789, 4 567 890", 1},
		{"two of four", "1234567 and 3456789", 0.5},
		{"one of four", "The only one I found is 4567890.", 0.25},
		{"three with wrong", "1234567, 2345678, 3456789, 4567891", 0.75},
		{"none", "NONE", 0},
		{"space-joined into nothing", "12345672345678", 0},
	}
	for _, c := range cases {
		r := Grade(c.answer, want, false)
		if r.Score != c.score || r.Correct != (c.score == 1) {
			t.Errorf("%s: Grade(%q) = score %v correct %v, want %v", c.name, c.answer, r.Score, r.Correct, c.score)
		}
		if len(r.Found) != len(want) {
			t.Errorf("%s: Found %v", c.name, r.Found)
		}
	}
}

func TestGradeFoundMarksEachValue(t *testing.T) {
	r := Grade("2345678 and 4567890", []string{"1234567", "2345678", "3456789", "4567890"}, false)
	if want := []bool{false, true, false, true}; !equalBools(r.Found, want) {
		t.Errorf("Found %v, want %v", r.Found, want)
	}
}

func equalBools(a, b []bool) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestGradeSeparateNumbersStaySeparate(t *testing.T) {
	// Two 7-digit numbers separated by a comma must not merge into one.
	r := Grade("1234567, 7654321", []string{"1234567", "7654321"}, false)
	if !r.Correct {
		t.Errorf("got %+v", r)
	}
	if got := tokens("1234567, 7654321"); len(got) != 2 {
		t.Errorf("tokens = %q", got)
	}
	if got := tokens("12 345 and 678"); len(got) != 3 || got[0] != "12345" {
		t.Errorf("tokens = %q", got)
	}
}

func TestGradeReasoning(t *testing.T) {
	cases := []struct {
		name, answer, final, reasoning string
		ok                             bool
	}{
		{"think block", "<think>The text says 1111111 somewhere, no wait, 7391204.</think>\n\n7391204", "7391204", "The text says 1111111 somewhere, no wait, 7391204.", true},
		{"wrong value only in thinking", "<think>It is 7391204.</think>The access number is 1111111.", "The access number is 1111111.", "It is 7391204.", false},
		{"unclosed think at start", "<think>I believe it is 7391204 but let me check the", "", "I believe it is 7391204 but let me check the", false},
		{"orphan close", "Looking for amber-lantern... found 7391204.</think>\nThe access number is 7391204.", "The access number is 7391204.", "Looking for amber-lantern... found 7391204.", true},
		{"orphan close wrong", "found 7391204.</think>\nNONE", "NONE", "found 7391204.", false},
		{"thinking tag", "<thinking>scan</thinking>**7391204**", "**7391204**", "scan", true},
		{"kimi", "◁think▷hmm◁/think▷7391204", "7391204", "hmm", true},
		{"harmony", "<|channel|>analysis<|message|>need key<|end|><|start|>assistant<|channel|>final<|message|>7391204<|return|>", "7391204", "need key", true},
		{"two blocks", "<think>a</think>7391<think>b</think>204", "7391204", "a\n\nb", true},
		{"no reasoning", "7391204", "7391204", "", true},
	}
	for _, c := range cases {
		r := Grade(c.answer, []string{num}, false)
		if r.Answer != c.final || r.Reasoning != c.reasoning || r.Correct != c.ok {
			t.Errorf("%s: got answer %q reasoning %q correct %v; want %q %q %v",
				c.name, r.Answer, r.Reasoning, r.Correct, c.final, c.reasoning, c.ok)
		}
	}
}

func TestGradeAbsent(t *testing.T) {
	cases := []struct {
		answer string
		ok     bool
	}{
		{"NONE", true},
		{"none", true},
		{"**NONE**", true},
		{"The text does not contain an access number for amber-lantern.", true},
		{"The text doesn't mention amber-lantern.", true},
		{"The text doesn’t give it.", true},
		{"No access number for amber-lantern was found in the text.", true},
		{"There is no access number for amber-lantern.", true},
		{"The access number for amber-lantern is not mentioned.", true},
		{"I could not find it.", true},
		{"I couldn't find any such key.", true},
		{"I don't know.", true},
		{"<think>maybe 1234567? no, that is another key</think>NONE", true},
		{`{"answer": "NONE"}`, true},
		{"NONE, but it might be 1234567.", false},
		{"It is not mentioned, though 1,234,567 appears for another key.", false},
		{"Not found. Closest: 3f2a9c1e-7b4d-4e2a-9f10-0c5d8e7a6b21", false},
		{"The access number for amber-lantern is 1234567.", false},
		{"I can't help with that.", false},
		{"The access number is nonexistent", false},
		{"", false},
		{"<think>It is not in the text, so I will answer NONE", false},
	}
	for _, c := range cases {
		r := Grade(c.answer, nil, true)
		if r.Correct != c.ok || (r.Score == 1) != c.ok || r.Found != nil {
			t.Errorf("absent: Grade(%q) = %+v, want correct=%v", c.answer, r, c.ok)
		}
	}
}

func TestGradeEmptyExpectedIsNotCorrect(t *testing.T) {
	if r := Grade("anything", nil, false); r.Correct || r.Score != 0 {
		t.Errorf("got %+v", r)
	}
}

func BenchmarkGrade(b *testing.B) {
	answer := "<think>" + strings.Repeat("Let me scan the text for the key. ", 200) + "</think>\n\nThe access numbers are **1,234,567**, 2345678, 3456789 and 4567890."
	want := []string{"1234567", "2345678", "3456789", "4567890"}
	for b.Loop() {
		Grade(answer, want, false)
	}
}
