package needle

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// counts is how many times each word appears in a cwe list or fwe text.
func listCounts(context string) map[string]int {
	c := map[string]int{}
	for _, f := range strings.Fields(context) {
		if f != fweNoise && strings.HasSuffix(f, ".") && strings.Trim(f, "0123456789.") == "" {
			continue // cwe's numbering
		}
		c[f]++
	}
	return c
}

// cwe with RULER's defaults: 10 words 30 times each, every other word 3
// times (6 and 1 below 4K), numbered 1, 2, ... in a shuffled order; the
// answer is the 10 common words; a longer list of a trial keeps the
// shorter one's words; equal sizes give equal prompts.
func TestCommonWordsList(t *testing.T) {
	for _, c := range []struct{ length, common, rare int }{{4096, 30, 3}, {131072, 30, 3}, {2048, 6, 1}} {
		comp := mustTask(t, "cwe").(Composer).Compose(rand.New(rand.NewPCG(3, 4)), 50, c.length)
		in := comp.Sized(200)
		counts := listCounts(in.Context)
		if len(counts) != 200 {
			t.Fatalf("length %d: %d distinct words, want 200", c.length, len(counts))
		}
		for w, n := range counts {
			want := c.rare
			if slices.Contains(in.Expected, w) {
				want = c.common
			}
			if n != want {
				t.Errorf("length %d: %q appears %d times, want %d", c.length, w, n, want)
			}
		}
		entries := strings.Fields(in.Context)
		if total := 10*c.common + 190*c.rare; len(entries) != 2*total || entries[0] != "1." || entries[len(entries)-2] != strconv.Itoa(total)+"." {
			t.Errorf("length %d: the list is not numbered 1 to %d: %q … %q", c.length, total, entries[:4], entries[len(entries)-2:])
		}
		if len(in.Expected) != 10 || in.Listed == nil || in.Listed(in.Expected[0]) || !in.Listed(rareWord(in, counts)) {
			t.Errorf("length %d: expected %v; rare words must be listed, the answers not", c.length, in.Expected)
		}
		if !reflect.DeepEqual(comp.Sized(200).Context, in.Context) {
			t.Error("the same size gave another list")
		}
		longer := listCounts(comp.Sized(400).Context)
		for w := range counts {
			if longer[w] == 0 {
				t.Fatalf("length %d: the 400-word list lost %q of the 200-word one", c.length, w)
			}
		}
		if strings.Contains(in.Instructions, in.Expected[0]) || !strings.HasPrefix(in.Instructions, cweInstructions) {
			t.Error("the instructions must be the same for every trial and never hold its answer")
		}
	}
}

func rareWord(in Instance, counts map[string]int) string {
	for w := range counts {
		if !slices.Contains(in.Expected, w) {
			return w
		}
	}
	return ""
}

// A list longer than the real words runs on with invented words, none
// twice and none a real one.
func TestCommonWordsRunOnWithInventedWords(t *testing.T) {
	n := len(cweRealWords()) + 5000
	comp := cweTask{}.Compose(rand.New(rand.NewPCG(1, 1)), 0, 1<<20)
	in := comp.Sized(n)
	counts := listCounts(in.Context)
	if len(counts) != n {
		t.Fatalf("%d distinct words for %d units", len(counts), n)
	}
	real := map[string]bool{}
	for _, w := range cweRealWords() {
		real[w] = true
	}
	invented := 0
	for w := range counts {
		if !real[w] {
			invented++
			if strings.Trim(w, "abcdefghijklmnopqrstuvwxyz") != "" {
				t.Fatalf("invented word %q", w)
			}
		}
	}
	if invented < 5000-len(cweExampleWordSet()) {
		t.Errorf("%d invented words", invented)
	}
}

// fwe with RULER's defaults: the k-th word of the vocabulary appears
// ⌊n·k^−2/ζ(2)⌋ times, the first is dots, the answer the next three.
func TestFrequentWordsText(t *testing.T) {
	comp := mustTask(t, "fwe").(Composer).Compose(rand.New(rand.NewPCG(5, 6)), 0, 32768)
	const n = 20000
	in := comp.Sized(n)
	counts := listCounts(in.Context)
	if counts[fweNoise] != int(n/zeta2) {
		t.Errorf("the dots appear %d times, want ⌊n/ζ(2)⌋ = %d", counts[fweNoise], int(n/zeta2))
	}
	for i, w := range in.Expected {
		if len(w) != 6 || counts[w] != fweCount(n, i+2) {
			t.Errorf("answer %d %q appears %d times, want %d", i, w, counts[w], fweCount(n, i+2))
		}
	}
	for w, c := range counts {
		if w != fweNoise && !slices.Contains(in.Expected, w) && (c >= counts[in.Expected[2]] || !in.Listed(w)) {
			t.Errorf("%q appears %d times (listed %v): more than the third answer, or not listed", w, c, in.Listed(w))
		}
	}
	if in.Listed(in.Expected[0]) || in.Listed(fweNoise) {
		t.Error("answers and dots are not extras")
	}
}

// Extras lower the score: found / (expected + extras); words that are not
// in the list (the answer's own words) are neither.
func TestListedAnswersScoreExtrasDown(t *testing.T) {
	in := Instance{Expected: []string{"amber", "birch", "cobalt"}, Listed: listedIn([]string{"dove", "ember", "fjord"})}
	for _, c := range []struct {
		answer string
		score  float64
		extra  []string
	}{
		{"amber, birch, cobalt", 1, nil},
		{"The most common words are: Amber, BIRCH and cobalt.", 1, nil},
		{"amber, birch", 2.0 / 3, nil},
		{"amber, birch, dove", 2.0 / 4, []string{"dove"}},
		{"amber, birch, cobalt, dove, ember, fjord", 3.0 / 6, []string{"dove", "ember", "fjord"}},
		{"dove dove dove", 0, []string{"dove"}},
		{"<think>amber birch cobalt</think> none", 0, nil},
	} {
		g := GradeInstance(c.answer, in)
		if g.Score != c.score || !slices.Equal(g.Extra, c.extra) || g.Correct != (c.score == 1) {
			t.Errorf("%q: score %.3f extra %v correct %v, want %.3f %v", c.answer, g.Score, g.Extra, g.Correct, c.score, c.extra)
		}
	}
}

// QA: any reference found is right (RULER's string_match_part).
func TestAnyOfAnswers(t *testing.T) {
	in := Instance{Expected: []string{"Denver Broncos", "Broncos"}, AnyOf: true}
	for answer, want := range map[string]float64{"The Broncos.": 1, "denver broncos": 1, "Carolina Panthers": 0, "": 0} {
		if g := GradeInstance(answer, in); g.Score != want {
			t.Errorf("%q: %v, want %v", answer, g.Score, want)
		}
	}
}

// The oracle counts: it answers every cwe and fwe trial right.
func TestSolveCountsLists(t *testing.T) {
	for _, name := range []string{"cwe", "fwe"} {
		for seed := range uint64(5) {
			comp := mustTask(t, name).(Composer).Compose(rand.New(rand.NewPCG(seed, 9)), 0, 8192)
			in := comp.Sized(comp.Min + 300*int(seed+1))
			answer, _ := Solve(in.Instructions + in.Context + in.Question)
			if g := GradeInstance(answer, in); !g.Correct {
				t.Errorf("%s seed %d: the oracle answered %q, want %v", name, seed, answer, in.Expected)
			}
		}
	}
}
