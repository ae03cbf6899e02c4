package needle

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"niah/corpora"
)

// stopWords are the function words left out of the overlap check: sharing
// "the" or "has" is not a literal cue.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the of in on at to for from with by up all and or over
		is are was were has have had been be which who what its it this that one`) {
		stopWords[w] = true
	}
}

// stem is a light suffix stripper in the spirit of Porter's step 1
// (plurals, -ed, -ing, -ly, possessives), enough to make "cooks",
// "cooked" and "cooking" one word.
func stem(w string) string {
	w = strings.TrimSuffix(strings.ToLower(w), "'s")
	switch {
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && len(w) > 3:
		w = w[:len(w)-1]
	}
	for _, suf := range []string{"ingly", "edly", "ing", "ed", "ly"} {
		if s := strings.TrimSuffix(w, suf); s != w && len(s) >= len(suf)+2 && strings.ContainsAny(s, "aeiouy") {
			w = s
			break
		}
	}
	w = strings.TrimSuffix(w, "e")
	if strings.HasSuffix(w, "y") && len(w) > 3 {
		w = w[:len(w)-1] + "i"
	}
	return w
}

// contentStems are the stems of the words of s that are not stop words.
func contentStems(s string) []string {
	var out []string
	for _, w := range regexp.MustCompile(`[A-Za-z']+`).FindAllString(s, -1) {
		if w = strings.Trim(strings.ToLower(w), "'"); w != "" && !stopWords[w] {
			out = append(out, stem(w))
		}
	}
	return out
}

// related reports whether two stems are the same word for the overlap
// check: equal, one a prefix (of 4+ letters) of the other ("itali" of
// "italian"), or sharing their first 5 letters.
func related(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return a == b || (len(a) >= 4 && strings.HasPrefix(b, a)) || (len(a) >= 5 && a[:5] == b[:5])
}

func sharedWords(x, y string) []string {
	var out []string
	for _, a := range contentStems(x) {
		for _, b := range contentStems(y) {
			if related(a, b) {
				out = append(out, a+"~"+b)
			}
		}
	}
	return out
}

func TestStemAndRelated(t *testing.T) {
	for _, c := range []struct {
		a, b string
		rel  bool
	}{
		{"cooks", "cooked", true}, {"cooking", "cook", true}, {"Italy", "Italian", true}, {"cities", "city", true},
		{"practising", "practise", true}, {"house", "houses", true}, {"Paris", "Paris", true},
		{"lives", "visited", false}, {"sun", "Sydney", false}, {"meal", "made", false}, {"character", "Charles", false},
	} {
		if got := related(stem(c.a), stem(c.b)); got != c.rel {
			t.Errorf("related(%q→%q, %q→%q) = %v, want %v", c.a, stem(c.a), c.b, stem(c.b), got, c.rel)
		}
	}
}

// TestLatentSetSizeAndKinds: at least 80 pairs over at least 6 kinds, each
// kind with at least two links (so a distractor of another link exists),
// items distinct within a kind, and every pair's kind heading right.
func TestLatentSetSizeAndKinds(t *testing.T) {
	if len(latentPairs) < 80 || len(linkKinds) < 6 {
		t.Fatalf("%d pairs over %d kinds, want at least 80 over 6", len(latentPairs), len(linkKinds))
	}
	var counts []string
	for k, kind := range linkKinds {
		items, links := map[string]bool{}, map[string]bool{}
		n := 0
		for _, p := range latentPairs {
			if p.Kind != k {
				continue
			}
			n++
			if items[p.Item] {
				t.Errorf("%s: item %q twice", kind.Name, p.Item)
			}
			items[p.Item], links[p.Link] = true, true
		}
		if len(links) < 2 || n < 6 {
			t.Errorf("%s: %d pairs with %d links", kind.Name, n, len(links))
		}
		counts = append(counts, fmt.Sprintf("%s %d", kind.Name, n))
	}
	t.Logf("%d pairs: %s", len(latentPairs), strings.Join(counts, ", "))
}

// TestLatentWordOverlap is the set's invariant: no latent question shares a
// content word with its needle, after lower-casing and stemming; every
// literal control does (it asks with the needle's item).
func TestLatentWordOverlap(t *testing.T) {
	checked, overlapping := 0, 0
	for _, p := range latentPairs {
		k := linkKinds[p.Kind]
		needle := fmt.Sprintf(k.Needle, "", p.Item) // the name is the character's, drawn apart
		if shared := sharedWords(p.question(false), needle); len(shared) > 0 {
			t.Errorf("%s: latent question %q shares %v with %q", k.Name, p.question(false), shared, needle)
			overlapping++
		}
		if lit := p.question(true); !strings.Contains(lit, p.Item) || len(sharedWords(lit, needle)) == 0 {
			t.Errorf("%s: literal question %q does not ask with the needle's item %q", k.Name, lit, p.Item)
		}
		checked++
	}
	t.Logf("overlap check: %d latent questions, %d share a content word with their needle", checked, overlapping)
}

// TestLatentHaystackFree checks the built-in haystack (seed 0, as used by
// default) never contains an item, a link or a character name as whole
// words, case-insensitively; and that names are clean of everything else
// a latent prompt holds.
func TestLatentHaystackFree(t *testing.T) {
	words := regexp.MustCompile(`[a-z']+`).FindAllString(strings.ToLower(corpora.Builtin(0).Text), -1)
	hay := " " + strings.Join(words, " ") + " "
	inHay := func(phrase string) bool {
		return strings.Contains(hay, " "+strings.Join(regexp.MustCompile(`[a-z']+`).FindAllString(strings.ToLower(phrase), -1), " ")+" ")
	}
	for _, p := range latentPairs {
		for _, s := range []string{itemKey(p.Item), p.Link} {
			if inHay(s) {
				t.Errorf("the built-in haystack contains %q (%s)", s, linkKinds[p.Kind].Name)
			}
		}
	}
	// Every word a latent prompt writes besides the haystack.
	var fixed []string
	fixed = append(fixed, LatentInstructions)
	for _, p := range latentPairs {
		k := linkKinds[p.Kind]
		fixed = append(fixed, fmt.Sprintf(k.Needle, "", p.Item), p.question(false), p.question(true))
	}
	other := map[string]bool{}
	for _, w := range regexp.MustCompile(`[A-Za-z]+`).FindAllString(strings.Join(fixed, " "), -1) {
		other[strings.ToLower(w)] = true
	}
	seen := map[string]bool{}
	for _, n := range characterNames {
		switch l := strings.ToLower(n); {
		case !regexp.MustCompile(`^[A-Z][a-z]+$`).MatchString(n):
			t.Errorf("name %q is not one capitalised word", n)
		case seen[l]:
			t.Errorf("name %q listed twice", n)
		case inHay(n):
			t.Errorf("the built-in haystack contains the name %q", n)
		case other[l]:
			t.Errorf("name %q is also a word of the latent set", n)
		case saysAbsent(n):
			t.Errorf("name %q reads as an absence phrase", n)
		}
		seen[strings.ToLower(n)] = true
	}
	if len(characterNames) < 4*(latentDistractors+1) {
		t.Errorf("only %d names", len(characterNames))
	}
}

// TestLatentQuestionsAreUnambiguous: a question sentence fits pairs of one
// kind with one link only, and a literal question exactly one pair.
func TestLatentQuestionsAreUnambiguous(t *testing.T) {
	for q, a := range latentQuestions {
		first := latentPairs[a.pairs[0]]
		for _, i := range a.pairs {
			if p := latentPairs[i]; p.Kind != first.Kind || p.Link != first.Link {
				t.Errorf("%q fits %v and %v", q, first, p)
			}
		}
		if !a.latent && len(a.pairs) != 1 {
			t.Errorf("literal %q fits %d pairs", q, len(a.pairs))
		}
	}
}

func TestLatentMake(t *testing.T) {
	lat, lit := mustTask(t, "latent"), mustTask(t, "latent:literal")
	kinds := map[int]int{}
	for seed := range uint64(200) {
		depth := float64(seed % 101)
		a := lat.Make(rand.New(rand.NewPCG(seed, 9)), depth, nil)
		b := lit.Make(rand.New(rand.NewPCG(seed, 9)), depth, nil)
		// The control is the same trial, asked with the needle's own item.
		if a.Question == b.Question || !reflect.DeepEqual(a.Needles, b.Needles) || !reflect.DeepEqual(a.Expected, b.Expected) ||
			!reflect.DeepEqual(a.Others, b.Others) || a.Instructions != b.Instructions {
			t.Fatalf("seed %d: latent and literal trials differ beyond the question:\n%+v\n%+v", seed, a, b)
		}
		if len(a.Expected) != 1 || len(a.Others) != latentDistractors || !a.Exclusive || a.Absent {
			t.Fatalf("seed %d: %+v", seed, a)
		}
		who := a.Expected[0]
		if a.Needles[0].Depth != depth || a.Needles[0].Distractor || !strings.HasPrefix(a.Needles[0].Text, " "+who+" ") {
			t.Errorf("seed %d: asked needle %+v, want %s's at %v", seed, a.Needles[0], who, depth)
		}
		// One pair per needle; the asked one answers the question, the others
		// are of the same kind with another link.
		ask, ok := latentQuestions[strings.TrimPrefix(a.Question, "\n\n")]
		if !ok || !ask.latent {
			t.Fatalf("seed %d: question %q is not a latent question of the set", seed, a.Question)
		}
		target := pairOf(t, a.Needles[0].Text)
		if !slices.Contains(ask.pairs, target) {
			t.Errorf("seed %d: %q does not ask about %q", seed, a.Question, a.Needles[0].Text)
		}
		if b.Question != "\n\n"+latentPairs[target].question(true) {
			t.Errorf("seed %d: literal question %q", seed, b.Question)
		}
		kinds[latentPairs[target].Kind]++
		names := map[string]bool{who: true}
		for i, p := range a.Needles[1:] {
			d := latentPairs[pairOf(t, p.Text)]
			if !p.Distractor || d.Kind != latentPairs[target].Kind || d.Link == latentPairs[target].Link {
				t.Errorf("seed %d: distractor %+v (pair %+v) for %+v", seed, p, d, latentPairs[target])
			}
			if !strings.HasPrefix(p.Text, " "+a.Others[i]+" ") || names[a.Others[i]] {
				t.Errorf("seed %d: distractor %q, name %q (names %v)", seed, p.Text, a.Others[i], names)
			}
			names[a.Others[i]] = true
		}
		// Each name occurs once in everything the trial writes.
		all := a.Instructions + a.Question
		for _, p := range a.Needles {
			all += p.Text
		}
		for n := range names {
			if c := len(regexp.MustCompile(`\b`+n+`\b`).FindAllString(all, -1)); c != 1 {
				t.Errorf("seed %d: %s occurs %d times", seed, n, c)
			}
		}
	}
	if len(kinds) != len(linkKinds) {
		t.Errorf("200 trials drew pairs of %d kinds only: %v", len(kinds), kinds)
	}
}

// pairOf finds the pair a needle sentence was written from.
func pairOf(t *testing.T, text string) int {
	t.Helper()
	for i, p := range latentPairs {
		if strings.HasSuffix(text, fmt.Sprintf(strings.TrimPrefix(linkKinds[p.Kind].Needle, "%s"), p.Item)) {
			return i
		}
	}
	t.Fatalf("no pair wrote %q", text)
	return -1
}

// TestLatentAvoidsHaystackWords: a pair whose item or link occurs in the
// haystack is never drawn, as target or distractor.
func TestLatentAvoidsHaystackWords(t *testing.T) {
	banned := map[string]bool{"Paris": true, "Eiffel Tower": true, "Colosseum": true, "Japan": true, "Asia": true}
	used := func(s string) bool { return banned[s] }
	for seed := range uint64(300) {
		tr := mustTask(t, "latent").Make(rand.New(rand.NewPCG(seed, 1)), 50, used)
		all := tr.Question
		for _, p := range tr.Needles {
			all += p.Text
		}
		for b := range banned {
			if strings.Contains(all, b) {
				t.Fatalf("seed %d: %q drawn although the haystack holds it: %q", seed, b, all)
			}
		}
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "--haystack") {
			t.Errorf("a haystack holding every link should fail naming --haystack, got %v", r)
		}
	}()
	mustTask(t, "latent").Make(rand.New(rand.NewPCG(1, 1)), 50, func(string) bool { return true })
}

func TestLatentQuestionDetection(t *testing.T) {
	tr := mustTask(t, "latent").Make(rand.New(rand.NewPCG(3, 3)), 50, nil)
	lit := mustTask(t, "latent:literal").Make(rand.New(rand.NewPCG(3, 3)), 50, nil)
	if !LatentQuestion(assemble(tr, proseFiller, 20)) {
		t.Error("a latent prompt was not recognised")
	}
	if LatentQuestion(assemble(lit, proseFiller, 20)) {
		t.Error("a literal control was taken for a latent question")
	}
	single := mustTask(t, "single").Make(rand.New(rand.NewPCG(3, 3)), 50, nil)
	if LatentQuestion(assemble(single, proseFiller, 20)) || LatentQuestion("") {
		t.Error("a single prompt was taken for a latent question")
	}
}

// TestGradeLatent grades hostile answers to "Which character has been to
// Paris?" when Amara lives next to the Eiffel Tower and Tariq, Ilse and
// Kofi are the other characters.
func TestGradeLatent(t *testing.T) {
	tr := Instance{Expected: []string{"Amara"}, Others: []string{"Tariq", "Ilse", "Kofi"}, Exclusive: true}
	cases := []struct {
		name, answer string
		score        float64
		extra        []string
	}{
		{"name", "Amara", 1, nil},
		{"sentence", "Amara has been to Paris: she lives next to the Eiffel Tower.", 1, nil},
		{"bold lower-case", "**amara**", 1, nil},
		{"think then name", "<think>Tariq lives by the Colosseum, Ilse... the Eiffel Tower is in Paris.</think>Amara", 1, nil},
		{"name with extra names", "Amara, Tariq", 0, []string{"Tariq"}},
		{"every name", "Amara, Tariq, Ilse or Kofi", 0, []string{"Tariq", "Ilse", "Kofi"}},
		{"reasoning naming the wrong character", "Tariq lives next to the Colosseum, so the answer is Tariq.", 0, []string{"Tariq"}},
		{"reasoning naming both", "Not Tariq (Rome); Amara, who lives by the Eiffel Tower.", 0, []string{"Tariq"}},
		{"wrong in think, right after", "<think>Is it Kofi?</think>Amara.", 1, nil},
		{"right in think, wrong after", "<think>Amara lives by the tower.</think>Kofi.", 0, []string{"Kofi"}},
		{"embedded in another word", "Amarante", 0, nil},
		{"prefix of the name", "Amar", 0, nil},
		{"possessive", "Amara's.", 1, nil},
		{"dont know", "I don't know.", 0, nil},
		{"none of them", "None of the characters.", 0, nil},
		{"NONE", "NONE", 0, nil},
		{"empty", "", 0, nil},
	}
	for _, c := range cases {
		r := GradeInstance(c.answer, tr)
		if r.Score != c.score || r.Correct != (c.score == 1) || !slices.Equal(r.Extra, c.extra) {
			t.Errorf("%s: GradeInstance(%q) = score %v correct %v extra %v; want %v %v", c.name, c.answer, r.Score, r.Correct, r.Extra, c.score, c.extra)
		}
	}
}
