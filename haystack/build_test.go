package haystack

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testProse is varied English-like text following the corpus conventions
// (sentences end with ". ", paragraphs split by a blank line).
func testProse(words int, seed uint64) string {
	vocab := strings.Fields(`river stone garden lantern quiet morning harbor thread copper meadow
		window valley letter orchard candle winter market bridge forest engine shadow island
		careful bright slowly gathered whispered carried folded remembered wandered painted
		the a of and to in with over under beside through across toward because while`)
	r := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	sentence, para := 0, 0
	for i := 0; i < words; i++ {
		w := vocab[r.IntN(len(vocab))]
		if sentence == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		sentence++
		if sentence > 6 && r.IntN(5) == 0 {
			b.WriteByte('.')
			sentence = 0
			para++
			if para > 5 && r.IntN(3) == 0 {
				b.WriteString("\n\n")
				para = 0
			} else {
				b.WriteByte(' ')
			}
		}
	}
	return strings.TrimSpace(b.String()) + "."
}

func newTestIndex(t testing.TB, text string, tok Tokenizer) *Index {
	t.Helper()
	ix, err := NewCache(t.TempDir()).IndexFor(text, fmt.Sprintf("test-%d", len(text)), tok, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func countOf(tok Tokenizer) func(string) (int, error) { return tok.Count }

func TestPlanLandsOnTargetLengthAndDepth(t *testing.T) {
	tok, err := Tiktoken("cl100k")
	if err != nil {
		t.Fatal(err)
	}
	text := testProse(60000, 1)
	ix := newTestIndex(t, text, tok)
	if !ix.Complete {
		t.Fatalf("index of the whole text should be complete")
	}
	// The sum of segment counts must equal the count of the whole text: the
	// cuts are token boundaries.
	whole, _ := tok.Count(text[:ix.Cuts[len(ix.Cuts)-1].Byte])
	if whole != ix.Tokens() {
		t.Fatalf("index says %d tokens, the text has %d", ix.Tokens(), whole)
	}
	instr := "Read the document below and answer the question at the end.\n\n"
	question := "\n\nWhat is the access number for amber-lantern? Answer with the number only."
	for _, target := range []int{1000, 4096, 16384, 32768} {
		for _, depth := range []float64{0, 10, 33.3, 50, 90, 100} {
			p := Parts{Instructions: instr, Question: question, Target: target,
				Needles: []Insert{{Text: " The access number for amber-lantern is 7391204.", Depth: depth}}}
			l, err := ix.Plan(p, countOf(tok))
			if err != nil {
				t.Fatal(err)
			}
			prompt := ix.Render(p, l)
			got, _ := tok.Count(prompt)
			tol := max(8, target/500)
			if d := got - target; d > tol || d < -tol {
				t.Errorf("target %d depth %g: prompt has %d tokens (planned %d)", target, depth, got, l.Tokens)
			}
			if d := got - l.Tokens; d > 2 || d < -2 {
				t.Errorf("target %d depth %g: planned %d tokens, prompt has %d", target, depth, l.Tokens, got)
			}
			if target >= 16384 {
				if d := l.Depths[0] - depth; d > 1 || d < -1 {
					t.Errorf("target %d: depth %g landed at %.2f", target, depth, l.Depths[0])
				}
			}
			if !strings.Contains(prompt, "amber-lantern is 7391204.") || strings.Contains(prompt, "..") {
				t.Errorf("target %d depth %g: needle missing or sentences run together", target, depth)
			}
			if depth == 0 && l.LeadTo == l.LeadFrom && !strings.HasPrefix(prompt, instr+"The access number") {
				t.Errorf("depth 0: the needle should open the haystack: %q", prompt[len(instr):len(instr)+40])
			}
			if depth == 100 {
				// The needle follows the last whole sentence, right before the
				// question.
				if !strings.HasSuffix(prompt, "7391204."+question) {
					t.Errorf("depth 100: text follows the needle: %q", prompt[len(prompt)-len(question)-60:])
				}
			}
		}
	}
}

// Every prompt shares its text up to the needle with every other prompt,
// whatever its length or depth: servers reuse cached prefixes.
func TestPromptsSharePrefixUpToNeedle(t *testing.T) {
	tok := Bytes()
	text := testProse(20000, 2)
	ix := newTestIndex(t, text, tok)
	needle := " The access number for amber-lantern is 7391204."
	var prompts []string
	var offsets []int
	for _, target := range []int{4000, 8000, 16000} {
		for _, depth := range []float64{10, 50, 90} {
			p := Parts{Instructions: "Instructions.\n\n", Question: " Question?", Target: target,
				Needles: []Insert{{Text: needle, Depth: depth}}}
			l, err := ix.Plan(p, countOf(tok))
			if err != nil {
				t.Fatal(err)
			}
			s := ix.Render(p, l)
			prompts = append(prompts, s)
			at := strings.Index(s, strings.TrimSpace(needle))
			offsets = append(offsets, at)
			// bytes: token offset = byte offset, give or take the space that
			// moves behind a needle opening a paragraph.
			if d := at - l.Offsets[0]; d < 0 || d > 1 {
				t.Errorf("target %d depth %g: needle at byte %d, layout says %d", target, depth, at, l.Offsets[0])
			}
		}
	}
	for i := range prompts {
		for j := range prompts {
			n := min(offsets[i], offsets[j])
			if prompts[i][:n] != prompts[j][:n] {
				t.Fatalf("prompts %d and %d differ before their needles", i, j)
			}
		}
	}
}

func TestMultipleNeedlesKeepOrderAndDepths(t *testing.T) {
	tok := Bytes()
	ix := newTestIndex(t, testProse(20000, 3), tok)
	p := Parts{Instructions: "I.\n\n", Question: " Q?", Target: 20000, Needles: []Insert{
		{Text: " First needle.", Depth: 70}, {Text: " Second needle.", Depth: 20}, {Text: " Third needle.", Depth: 20}}}
	l, err := ix.Plan(p, countOf(tok))
	if err != nil {
		t.Fatal(err)
	}
	s := ix.Render(p, l)
	a, b, c := strings.Index(s, "First"), strings.Index(s, "Second"), strings.Index(s, "Third")
	if !(b < c && c < a) {
		t.Fatalf("needle order wrong: first %d second %d third %d", a, b, c)
	}
	for i, want := range []float64{70, 20, 20} {
		if d := l.Depths[i] - want; d > 1 || d < -1 {
			t.Errorf("needle %d at depth %.2f, want %g", i, l.Depths[i], want)
		}
	}
}

func TestShortCorpusIsAClearError(t *testing.T) {
	tok := Bytes()
	ix := newTestIndex(t, testProse(500, 4), tok)
	_, err := ix.Plan(Parts{Target: 100000}, countOf(tok))
	if _, ok := err.(*ErrShortCorpus); !ok {
		t.Fatalf("want ErrShortCorpus, got %v", err)
	}
}

func TestIndexCacheRoundTrip(t *testing.T) {
	tok := Bytes()
	text := testProse(5000, 5)
	cache := NewCache(t.TempDir())
	ix, err := cache.IndexFor(text, "roundtrip", tok, 1000)
	if err != nil {
		t.Fatal(err)
	}
	cuts, complete, err := readIndex(cache.path("roundtrip-bytes"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cuts) != len(ix.Cuts) || complete != ix.Complete || cuts[len(cuts)-1] != ix.Cuts[len(ix.Cuts)-1] {
		t.Fatalf("cache holds %d cuts (complete %v), index %d (complete %v)", len(cuts), complete, len(ix.Cuts), ix.Complete)
	}
	// A longer need extends the same index from where it stopped.
	ix2, err := cache.IndexFor(text, "roundtrip", tok, 1<<30)
	if err != nil || !ix2.Complete || ix2.Tokens() != len(text[:ix2.Cuts[len(ix2.Cuts)-1].Byte]) {
		t.Fatalf("extension: %v, complete %v, %d tokens", err, ix2.Complete, ix2.Tokens())
	}
	if w := cache.Warnings(); len(w) != 0 {
		t.Errorf("warnings from a writable cache: %v", w)
	}
}

func TestUnwritableCacheWarnsInsteadOfFailing(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cache := NewCache(file) // a file where the directory should be
	if _, err := cache.IndexFor(testProse(2000, 3), "ro", Bytes(), 500); err != nil {
		t.Fatalf("an unwritable cache must not stop a run: %v", err)
	}
	w := cache.Warnings()
	if len(w) != 1 || !strings.Contains(w[0], "token index cache not written") {
		t.Errorf("warnings = %q, want one about the cache", w)
	}
	if again := cache.Warnings(); len(again) != 0 {
		t.Errorf("warnings are handed over once, got %q again", again)
	}
}

// Short prompts in a haystack of short sentences (the passkey noise) still
// land within 8 tokens: the end moves word by word.
func TestShortPromptsInNoiseLandExactly(t *testing.T) {
	var b strings.Builder
	for p := 0; p < 200; p++ {
		if p > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(strings.TrimSpace(strings.Repeat("The grass is green. The sky is blue. The sun is yellow. Here we go. There and back again. ", 10)))
	}
	tok := Bytes()
	ix := newTestIndex(t, b.String(), tok)
	for target := 600; target <= 4200; target += 37 {
		for _, depth := range []float64{0, 50, 100} {
			p := Parts{Instructions: "Find the pass key.\n\n", Question: " What is the pass key? The pass key is", Target: target,
				Needles: []Insert{{Text: " The pass key is 71432. Remember it. 71432 is the pass key.", Depth: depth}}}
			l, err := ix.Plan(p, countOf(tok))
			if err != nil {
				t.Fatal(err)
			}
			s := ix.Render(p, l)
			if len(s) != l.Tokens || len(s) < target-8 || len(s) > target+8 {
				t.Fatalf("target %d depth %g: %d bytes, planned %d", target, depth, len(s), l.Tokens)
			}
		}
	}
}
