package needle

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
)

const (
	noiseFiller = "The grass is green. The sky is blue. The sun is yellow. Here we go. There and back again. "
	proseFiller = "The river bends past the old mill where the miller keeps his records. Nobody in the valley remembers when the bridge was built. Some say a travelling mason laid the first stone in a dry summer. "
)

// assemble builds a prompt the way the haystack builder does: each needle
// goes at the sentence boundary at or after its depth, just before the
// space that opens the next sentence.
func assemble(tr Instance, filler string, repeats int) string {
	hay := strings.Repeat(filler, repeats)
	type cut struct {
		at   int
		text string
	}
	var cuts []cut
	for _, p := range tr.Needles {
		at := int(p.Depth / 100 * float64(len(hay)))
		if i := strings.Index(hay[at:], ". "); i >= 0 {
			at += i + 1
		} else {
			at = strings.LastIndex(hay, ".") + 1
		}
		cuts = append(cuts, cut{at, p.Text})
	}
	sort.SliceStable(cuts, func(i, j int) bool { return cuts[i].at < cuts[j].at })
	var b strings.Builder
	b.WriteString(tr.Instructions)
	last := 0
	for _, c := range cuts {
		b.WriteString(hay[last:c.at])
		b.WriteString(c.text)
		last = c.at
	}
	b.WriteString(hay[last:])
	b.WriteString(tr.Question)
	return b.String()
}

func TestSolveGradesCorrectForEveryTask(t *testing.T) {
	for _, n := range allTaskNames() {
		task := mustTask(t, n)
		filler := proseFiller
		if n == "passkey" {
			filler = noiseFiller
		}
		for seed := range uint64(12) {
			depth := float64(seed) * 100 / 11
			tr := task.Make(rand.New(rand.NewPCG(seed, 77)), depth, nil)
			prompt := assemble(tr, filler, 40)
			answer, offsets := Solve(prompt)
			if r := GradeInstance(answer, tr); !r.Correct {
				t.Fatalf("%s seed %d: Solve answered %q, expected %v absent=%v", n, seed, answer, tr.Expected, tr.Absent)
			}
			checkOffsets(t, n, prompt, tr, offsets)
		}
	}
}

// checkOffsets wants exactly one offset per asked needle, each pointing at
// that needle's sentence in the prompt.
func checkOffsets(t *testing.T, name, prompt string, tr Instance, offsets []int) {
	t.Helper()
	var want []int
	for _, p := range tr.Needles {
		if !p.Distractor {
			want = append(want, strings.Index(prompt, p.Text)+1)
		}
	}
	got := slices.Clone(offsets)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s: offsets %v, want %v", name, got, want)
	}
	for _, o := range offsets {
		opens := false
		for _, p := range tr.Needles {
			opens = opens || strings.HasPrefix(prompt[o:], strings.TrimPrefix(p.Text, " "))
		}
		if !opens {
			t.Errorf("%s: offset %d does not open a needle: %.40q", name, o, prompt[o:])
		}
	}
}

func TestSolveAnswerStyles(t *testing.T) {
	tr := Instance{
		Instructions: mustTask(t, "single").(task).instructions(),
		Needles:      []Placement{{Text: " The access number for amber-lantern is 7391204.", Depth: 50}},
		Question:     "\n\nWhat is the access number for amber-lantern in the text above?",
	}
	if got, _ := Solve(assemble(tr, proseFiller, 5)); got != "The access number for amber-lantern is 7391204." {
		t.Errorf("single: %q", got)
	}
	tr.Question = "\n\nWhat is the access number for quiet-river in the text above?"
	if got, off := Solve(assemble(tr, proseFiller, 5)); got != "NONE" || off != nil {
		t.Errorf("unknown key: %q %v", got, off)
	}
	pk := Instance{Instructions: PasskeyInstructions, Needles: []Placement{{Text: " The pass key is 71432. Remember it. 71432 is the pass key.", Depth: 10}}, Question: PasskeyQuestion}
	if got, _ := Solve(assemble(pk, noiseFiller, 5)); got != " 71432." {
		t.Errorf("passkey: %q", got)
	}
	if got, _ := Solve(assemble(pk, noiseFiller, 5) + "\n"); got != " 71432." {
		t.Errorf("passkey with a trailing newline: %q", got)
	}
	pk.Needles = nil
	if got, off := Solve(assemble(pk, noiseFiller, 5)); Grade(got, []string{"71432"}, false).Score != 0 || off != nil {
		t.Errorf("passkey without its needle: %q %v", got, off)
	}
}

func TestSolveIgnoresUnknownPrompts(t *testing.T) {
	for _, p := range []string{"", "Hello there.", strings.Repeat(noiseFiller, 3) + "What is the capital of France?"} {
		if a, off := Solve(p); a != "" || off != nil {
			t.Errorf("Solve(%.30q) = %q %v", p, a, off)
		}
	}
}

func BenchmarkSolve(b *testing.B) {
	tr := mustTask(b, "multikey").Make(rand.New(rand.NewPCG(1, 2)), 50, nil)
	prompt := assemble(tr, proseFiller, 20000) // about 4 MB, roughly 1M tokens
	b.SetBytes(int64(len(prompt)))
	for b.Loop() {
		Solve(prompt)
	}
}
