package corpora

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"testing"

	tiktoken "github.com/pkoukk/tiktoken-go"
	tiktoken_loader "github.com/pkoukk/tiktoken-go-loader"
)

// countCl100k counts cl100k tokens of text, encoding it in chunks of about
// 64 KB cut at paragraph breaks, on two goroutines.
func countCl100k(t testing.TB, text string) int {
	tiktoken.SetBpeLoader(tiktoken_loader.NewOfflineLoader())
	enc, err := tiktoken.GetEncoding("cl100k_base")
	if err != nil {
		t.Fatal(err)
	}
	var chunks []string
	for len(text) > 0 {
		cut := len(text)
		if cut > 64<<10 {
			cut = 64 << 10
			if i := strings.LastIndex(text[:cut], "\n\n"); i > 0 {
				cut = i
			}
		}
		chunks = append(chunks, text[:cut])
		text = text[cut:]
	}
	counts := make([]int, len(chunks))
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(chunks); i += 2 {
				counts[i] = len(enc.Encode(chunks[i], nil, nil))
			}
		}()
	}
	wg.Wait()
	total := 0
	for _, c := range counts {
		total += c
	}
	return total
}

func TestBuiltinHasEnoughTokensForOneMillion(t *testing.T) {
	if testing.Short() {
		t.Skip("tokenizing 5 MB is slow; run without -short")
	}
	text := Builtin(0).Text
	n := countCl100k(t, text)
	t.Logf("builtin: %d bytes, %d cl100k tokens, %.2f bytes/token", len(text), n, float64(len(text))/float64(n))
	if n < 1_200_000 {
		t.Fatalf("builtin has %d cl100k tokens, want at least 1,200,000", n)
	}
}

func TestBuiltinHasNoRepeatedPassage(t *testing.T) {
	text := Builtin(0).Text
	if off, found := FirstRepeat(text, 200); found {
		t.Fatalf("the 200-byte passage at %d occurs twice: %q", off, text[off:off+200])
	}
}

func TestBuiltinIsDeterministicPerSeed(t *testing.T) {
	c := Builtin(0)
	if again := generate(0, builtinBytes); again != c.Text {
		t.Fatal("generating seed 0 twice gave different text")
	}
	if Builtin(0) != c {
		t.Error("Builtin(0) is not cached: a second call built a new corpus")
	}
	other := generate(1, 200_000)
	if strings.HasPrefix(c.Text, other[:1000]) || other == c.Text[:len(other)] {
		t.Error("seeds 0 and 1 start with the same text")
	}
	if c.Name != "builtin" {
		t.Errorf("Name of seed 0 = %q, want builtin", c.Name)
	}
	if got := builtinName(-42); got != "builtin:-42" {
		t.Errorf("Name of seed -42 = %q, want builtin:-42", got)
	}
	sum := sha256.Sum256([]byte(c.Text))
	if c.Hash != hex.EncodeToString(sum[:]) {
		t.Error("Hash is not the SHA-256 of Text")
	}
	if c.Repeats {
		t.Error("builtin claims to repeat")
	}
}

func TestBuiltinCannotCollideWithNeedles(t *testing.T) {
	text := Builtin(0).Text
	for i := 0; i < len(text); i++ {
		c := text[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || strings.IndexByte(" .,!?'\n;", c) >= 0
		if !ok {
			t.Fatalf("byte %q at %d is not allowed: %q", c, i, text[max(0, i-40):min(len(text), i+40)])
		}
	}
	lower := strings.ToLower(text)
	for _, phrase := range []string{"pass key", "passkey", "magic number", "access number", "special magic"} {
		if i := strings.Index(lower, phrase); i >= 0 {
			t.Errorf("text contains %q at %d", phrase, i)
		}
	}
}

func TestBuiltinFollowsTextConventions(t *testing.T) {
	text := Builtin(0).Text
	checkConventions(t, text)
	paras := strings.Split(text, "\n\n")
	for i, p := range paras[:len(paras)-1] { // the last may be cut short
		n := strings.Count(p, ". ") + strings.Count(p, "? ") + strings.Count(p, "! ") + 1
		if n < 4 || n > 9 {
			t.Fatalf("paragraph %d has %d sentences, want 4 to 9: %q", i, n, p)
		}
	}
	// Sentences start with a capital letter.
	for _, sep := range []string{". ", "? ", "! ", "\n\n"} {
		for i := strings.Index(text, sep); i >= 0; {
			next := text[i+len(sep)]
			if next < 'A' || next > 'Z' {
				t.Fatalf("sentence at %d starts with %q: %q", i+len(sep), next, text[i:min(len(text), i+60)])
			}
			j := strings.Index(text[i+1:], sep)
			if j < 0 {
				break
			}
			i += 1 + j
		}
	}
}

func TestBuiltinVocabularyAndTopics(t *testing.T) {
	if n := len(theLexicon().topics); n < 25 {
		t.Errorf("%d topics, want at least 25", n)
	}
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(Builtin(0).Text, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '\'')
	}) {
		words[strings.ToLower(w)] = true
	}
	if len(words) < 3000 {
		t.Errorf("the text uses %d distinct words, want at least 3000", len(words))
	}
	t.Logf("%d distinct words", len(words))
}

func TestWordForms(t *testing.T) {
	cases := []struct{ got, want string }{
		{plural("hive"), "hives"}, {plural("box"), "boxes"}, {plural("ferry"), "ferries"},
		{plural("valley"), "valleys"}, {plural("bench"), "benches"},
		{makeNoun("leaf/leaves").pl, "leaves"},
		{makeVerb("tie").ing, "tying"}, {makeVerb("bake").ing, "baking"}, {makeVerb("hoe").ing, "hoeing"},
		{makeVerb("carry").s, "carries"}, {makeVerb("carry").past, "carried"}, {makeVerb("play").past, "played"},
		{makeVerb("take/took/taken").pp, "taken"}, {makeVerb("dig/dug/dug/digging").ing, "digging"},
		{makeVerb("look after").s, "looks after"}, {makeVerb("look after").past, "looked after"},
		{article("owl"), "an"}, {article("useful"), "a"}, {article("hour"), "an"}, {article("kiln"), "a"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %q, want %q", i, c.got, c.want)
		}
	}
}

// checkConventions asserts the text rules the haystack builder relies on.
func checkConventions(t *testing.T, text string) {
	t.Helper()
	if text == "" || strings.TrimSpace(text) != text {
		t.Fatal("text is empty or has leading or trailing white space")
	}
	for _, bad := range []string{"\t", "\r", "\n\n\n", "  ", " \n", "\n "} {
		if i := strings.Index(text, bad); i >= 0 {
			t.Fatalf("text holds %q at %d", bad, i)
		}
	}
	for i, p := range strings.Split(text, "\n\n") {
		if strings.Contains(p, "\n") {
			t.Fatalf("paragraph %d holds a single newline", i)
		}
		if last := p[len(p)-1]; last != '.' && last != '!' && last != '?' {
			t.Fatalf("paragraph %d does not end a sentence: %q", i, p[max(0, len(p)-60):])
		}
	}
}

func BenchmarkBuiltin(b *testing.B) {
	b.SetBytes(builtinBytes)
	for b.Loop() {
		generate(0, builtinBytes)
	}
}

func TestEveryTopicHasWhatTheGrammarNeeds(t *testing.T) {
	for _, tp := range theLexicon().topics {
		if len(tp.activities) == 0 || len(tp.people) < 3 || len(tp.things) < 8 || len(tp.adjs) < 6 ||
			len(tp.verbs) < 6 || len(tp.places) < 6 {
			t.Errorf("topic %s: %d activities, %d people, %d things, %d adjectives, %d verbs, %d places",
				tp.name, len(tp.activities), len(tp.people), len(tp.things), len(tp.adjs), len(tp.verbs), len(tp.places))
		}
	}
}
