package needle

import (
	"fmt"
	"maps"
	"math"
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

// allPairs is both sets.
func allPairs() []latentPair { return slices.Concat(latentPairs, twoHopPairs) }

// TestLatentSetSizeAndKinds: at least 80 one-hop pairs over at least 6
// kinds, each kind with at least two links (so a distractor of another
// link exists), items distinct within a kind; instruments in at least four
// families of at least three; the two-hop tier at least 30 pairs. It logs
// the counts per kind and form.
func TestLatentSetSizeAndKinds(t *testing.T) {
	if len(latentPairs) < 80 || len(linkKinds) < 7 || len(twoHopPairs) < 30 {
		t.Fatalf("%d one-hop pairs, %d two-hop pairs over %d kinds", len(latentPairs), len(twoHopPairs), len(linkKinds))
	}
	var counts []string
	for k, kind := range linkKinds {
		items, links := map[string]bool{}, map[string]int{}
		n := 0
		for _, p := range allPairs() {
			if p.Kind != k {
				continue
			}
			n++
			if items[p.Item] {
				t.Errorf("%s: item %q twice", kind.Name, p.Item)
			}
			items[p.Item] = true
			links[p.Link]++
		}
		if len(links) < 2 || n < 6 {
			t.Errorf("%s: %d pairs with %d links", kind.Name, n, len(links))
		}
		if k == 3 {
			for l, c := range links {
				if c < 3 {
					t.Errorf("instrument family %s has %d items, want 3", l, c)
				}
			}
			if len(links) < 4 {
				t.Errorf("%d instrument families, want 4", len(links))
			}
		}
		counts = append(counts, fmt.Sprintf("%s %d (%d links)", kind.Name, n, len(links)))
	}
	t.Logf("%d one-hop pairs, each in the latent, latent:literal, latent:inverted and latent:distract forms; %d two-hop pairs (latent:2hop)",
		len(latentPairs), len(twoHopPairs))
	t.Logf("per kind: %s", strings.Join(counts, "; "))
}

// forms lists every task form and its pair set.
var allForms = []latentTask{{form: formLatent}, {form: formLiteral}, {form: formInverted}, {form: formDistract}, {form: form2hop}}

// TestLatentWordOverlap is the set's invariant, over every form: no latent,
// inverted or two-hop question shares a content word with its needle,
// after lower-casing and stemming, and neither does a lure with the
// needle; every literal control does (it asks with the needle's item).
func TestLatentWordOverlap(t *testing.T) {
	checked := 0
	for _, f := range allForms {
		for _, p := range pairSets[f.set()] {
			needle, q := f.needle("", p), f.question(p)
			if f.form == formLiteral {
				if !strings.Contains(q, p.Item) || len(sharedWords(q, needle)) == 0 {
					t.Errorf("literal question %q does not ask with the needle's item %q", q, p.Item)
				}
				continue
			}
			if shared := sharedWords(q, needle); len(shared) > 0 {
				t.Errorf("%s %s: question %q shares %v with %q", f.Name(), linkKinds[p.Kind].Name, q, shared, needle)
			}
			if f.form == formDistract {
				lure := fmt.Sprintf(linkKinds[p.Kind].Lure, p.Link)
				if shared := sharedWords(lure, needle); len(shared) > 0 {
					t.Errorf("lure %q shares %v with %q", lure, shared, needle)
				}
			}
			checked++
		}
	}
	t.Logf("overlap check: %d questions of the latent, inverted, distract and 2hop forms, none sharing a content word with its needle", checked)
}

// TestLatentHaystackFree checks the built-in haystack holds no word of any
// pair (item, link, inflections, demonyms, cues), case-insensitively, and
// that character names are clean of everything else a latent prompt holds.
func TestLatentHaystackFree(t *testing.T) {
	ix := wordsOf(corpora.Builtin(0).Text)
	held := map[string]string{}
	for _, p := range allPairs() {
		for _, w := range p.pairWords() {
			if _, done := held[w]; !done && ix.has(w) {
				held[w] = p.String()
			}
		}
	}
	for _, w := range slices.Sorted(maps.Keys(held)) {
		t.Errorf("the built-in haystack holds %q, a word of %s", w, held[w])
	}
	// Every word a latent prompt writes besides the haystack.
	var fixed []string
	fixed = append(fixed, LatentInstructions)
	for _, f := range allForms {
		for _, p := range pairSets[f.set()] {
			fixed = append(fixed, f.needle("", p), f.question(p), fmt.Sprintf(linkKinds[p.Kind].Lure, p.Link))
			fixed = append(fixed, p.pairWords()...)
		}
	}
	other := map[string]bool{}
	for _, w := range splitWords(fold(strings.Join(fixed, " "))) {
		other[w] = true
	}
	people := map[string]bool{}
	for _, n := range corpora.PeopleNames() {
		people[fold(n)] = true
	}
	seen := map[string]bool{}
	for _, n := range characterNames {
		switch l := fold(n); {
		case !regexp.MustCompile(`^[A-Z][a-z]+$`).MatchString(n):
			t.Errorf("name %q is not one capitalised word", n)
		case seen[l]:
			t.Errorf("name %q listed twice", n)
		case ix.has(n):
			t.Errorf("the built-in haystack contains the name %q", n)
		case people[l]:
			t.Errorf("name %q is also one of the haystack's people", n)
		case other[l]:
			t.Errorf("name %q is also a word of the latent set", n)
		case saysAbsent(n):
			t.Errorf("name %q reads as an absence phrase", n)
		}
		seen[fold(n)] = true
	}
	if len(characterNames) < 4*(latentDistractors+1) {
		t.Errorf("only %d names", len(characterNames))
	}
}

// TestLatentQuestionsAreUnambiguous: a question sentence's needles are of
// one kind and one link, and a literal or inverted one fits exactly one
// pair.
func TestLatentQuestionsAreUnambiguous(t *testing.T) {
	for _, f := range allForms {
		byQuestion := map[string][]latentPair{}
		for _, p := range pairSets[f.set()] {
			byQuestion[f.question(p)] = append(byQuestion[f.question(p)], p)
		}
		for q, ps := range byQuestion {
			for _, p := range ps {
				if p.Kind != ps[0].Kind || p.Link != ps[0].Link {
					t.Errorf("%s: %q fits %v and %v", f.Name(), q, ps[0], p)
				}
			}
			if (f.form == formLiteral || f.form == formInverted) && len(ps) != 1 {
				t.Errorf("%s: %q fits %d pairs", f.Name(), q, len(ps))
			}
			if a := latentQuestions[q]; len(a.needles) != len(ps) && f.form != formDistract {
				t.Errorf("%s: %q is known with %d needles, the set has %d", f.Name(), q, len(a.needles), len(ps))
			}
		}
	}
}

// TestLatentNamesShareNoOrigin proves over the whole set that no character
// stands beside a pair of its own origin: every pair of a geographic kind,
// of painters and of authors knows its countries (so the rule has
// something to hold), every name's countries are known, the names beside
// each pair share none of them, and Make draws only those.
func TestLatentNamesShareNoOrigin(t *testing.T) {
	europe := strings.Fields(`France Italy Spain Germany England Scotland Wales Ireland Greece Poland Hungary Norway Finland Portugal
		Iceland Sweden Austria Russia Belgium Denmark Netherlands Romania Lithuania Switzerland Serbia Croatia Slovakia Slovenia
		Bulgaria Ukraine Czech Republic United Kingdom`)
	known := func(c string) bool {
		_, ok := continentOf[c]
		return ok || slices.Contains(europe, c) || c == "Czech Republic" || c == "United Kingdom"
	}
	for _, n := range characterNames {
		if len(nameOrigins[n]) == 0 {
			t.Errorf("name %s has no origin", n)
		}
		for _, c := range nameOrigins[n] {
			if !known(c) {
				t.Errorf("name %s: origin %q is not a country the set places", n, c)
			}
		}
	}
	excluded := 0
	for s, pairs := range pairSets {
		for i, p := range pairs {
			os := p.origins()
			if p.Kind != 3 && len(os) == 0 {
				t.Errorf("%s (%s) knows no origin", p, linkKinds[p.Kind].Name)
			}
			for _, o := range os {
				if c, ok := strings.CutPrefix(o, "@"); !known(o) && !(ok && slices.Contains([]string{"Africa", "Asia", "South America", "North America", "Antarctica"}, c)) {
					t.Errorf("%s: origin %q is unknown", p, o)
				}
			}
			for _, n := range besideSets[s][i] {
				if sharesOrigin(n, p) {
					t.Errorf("%s may stand beside %s", n, p)
				}
			}
			excluded += len(characterNames) - len(besideSets[s][i])
			if len(besideSets[s][i]) < 40 {
				t.Errorf("%s: only %d names may stand beside it", p, len(besideSets[s][i]))
			}
		}
	}
	// The example of the issue: no Hungarian name beside goulash, no
	// Japanese one beside sushi, no African one beside a giraffe.
	for _, c := range []struct{ name, item string }{{"Imre", "goulash"}, {"Hiroshi", "sushi"}, {"Kofi", "giraffe"}, {"Dmitri", "War and Peace"}, {"Chiara", "the Mona Lisa"}} {
		for i, p := range latentPairs {
			if p.Item == c.item && slices.Contains(besideSets[0][i], c.name) {
				t.Errorf("%s may stand beside %s", c.name, c.item)
			}
		}
	}
	for _, f := range allForms {
		for seed := range uint64(300) {
			tr := f.Make(rand.New(rand.NewPCG(seed, 4)), 50, nil)
			for i, n := range tr.Needles {
				if f.form == formDistract && i == len(tr.Needles)-1 {
					continue // the lure names no one
				}
				who := strings.Fields(n.Text)[0]
				if p := pairSets[f.set()][pairOf(t, f, n.Text)]; sharesOrigin(who, p) {
					t.Fatalf("%s seed %d: %s stands beside %s", f.Name(), seed, who, p)
				}
			}
		}
	}
	t.Logf("%d names; on average %.1f of them are kept from each pair by origin", len(characterNames),
		float64(excluded)/float64(len(latentPairs)+len(twoHopPairs)))
}

func TestLatentMake(t *testing.T) {
	kinds := map[int]int{}
	for seed := range uint64(200) {
		depth := float64(seed % 101)
		rng := func() *rand.Rand { return rand.New(rand.NewPCG(seed, 9)) }
		a := allForms[0].Make(rng(), depth, nil)
		// Every one-hop form is the same trial: the control asked with the
		// needle's own item, the inverted one with the link in the needle,
		// the distract one with a lure added.
		for _, f := range allForms[1:4] {
			b := f.Make(rng(), depth, nil)
			if (a.Question == b.Question) != (f.form == formDistract) || !reflect.DeepEqual(a.Expected, b.Expected) || !reflect.DeepEqual(a.Others, b.Others) ||
				a.Instructions != b.Instructions || a.Pair != b.Pair || len(b.Needles) < len(a.Needles) {
				t.Fatalf("seed %d: latent and %s trials differ beyond the question:\n%+v\n%+v", seed, f.Name(), a, b)
			}
			for i := range a.Needles {
				if a.Needles[i].Depth != b.Needles[i].Depth || (f.form != formInverted && a.Needles[i] != b.Needles[i]) {
					t.Fatalf("seed %d: %s needle %d %+v, latent %+v", seed, f.Name(), i, b.Needles[i], a.Needles[i])
				}
			}
			p := latentPairs[pairOf(t, allForms[0], a.Needles[0].Text)]
			switch f.form {
			case formLiteral:
				if b.Question != "\n\n"+fmt.Sprintf(linkKinds[p.Kind].Literal, p.Item) {
					t.Errorf("seed %d: literal question %q", seed, b.Question)
				}
			case formInverted:
				if !strings.Contains(b.Needles[0].Text, p.Link) || strings.Contains(b.Needles[0].Text, p.Item) || !strings.Contains(b.Question, p.Item) {
					t.Errorf("seed %d: inverted needle %q, question %q for %s", seed, b.Needles[0].Text, b.Question, p)
				}
			case formDistract:
				lure := b.Needles[len(b.Needles)-1]
				if len(b.Needles) != len(a.Needles)+1 || !lure.Distractor || math.Abs(lure.Depth-depth) < lureGap ||
					lure.Text != " "+fmt.Sprintf(linkKinds[p.Kind].Lure, p.Link) {
					t.Errorf("seed %d: lure %+v for the needle at %v (%s)", seed, lure, depth, p)
				}
				for _, n := range characterNames {
					if strings.Contains(lure.Text, n) {
						t.Errorf("seed %d: the lure names %s", seed, n)
					}
				}
			}
		}
		for _, f := range []latentTask{allForms[0], allForms[4]} {
			tr := f.Make(rng(), depth, nil)
			if len(tr.Expected) != 1 || len(tr.Others) != latentDistractors || !tr.Exclusive || tr.Absent || tr.Pair == "" {
				t.Fatalf("%s seed %d: %+v", f.Name(), seed, tr)
			}
			who := tr.Expected[0]
			if tr.Needles[0].Depth != depth || tr.Needles[0].Distractor || !strings.HasPrefix(tr.Needles[0].Text, " "+who+" ") {
				t.Errorf("%s seed %d: asked needle %+v, want %s's at %v", f.Name(), seed, tr.Needles[0], who, depth)
			}
			// One pair per needle; the asked one answers the question, the
			// others are of its kind and cannot.
			ask, ok := latentQuestions[strings.TrimPrefix(tr.Question, "\n\n")]
			if !ok || !ask.latent {
				t.Fatalf("%s seed %d: question %q is not a latent question of the set", f.Name(), seed, tr.Question)
			}
			target := pairSets[f.set()][pairOf(t, f, tr.Needles[0].Text)]
			if tr.Pair != target.String() {
				t.Errorf("%s seed %d: pair %q, needle of %s", f.Name(), seed, tr.Pair, target)
			}
			if f.form == formLatent {
				kinds[target.Kind]++
			}
			names := map[string]bool{who: true}
			for i, p := range tr.Needles[1:] {
				d := pairSets[f.set()][pairOf(t, f, p.Text)]
				if !p.Distractor || !canDistract(d, target) {
					t.Errorf("%s seed %d: distractor %+v (pair %+v) for %+v", f.Name(), seed, p, d, target)
				}
				if !strings.HasPrefix(p.Text, " "+tr.Others[i]+" ") || names[tr.Others[i]] {
					t.Errorf("%s seed %d: distractor %q, name %q (names %v)", f.Name(), seed, p.Text, tr.Others[i], names)
				}
				names[tr.Others[i]] = true
			}
			// Each name occurs once in everything the trial writes.
			all := tr.Instructions + tr.Question
			for _, p := range tr.Needles {
				all += p.Text
			}
			for n := range names {
				if c := len(regexp.MustCompile(`\b`+n+`\b`).FindAllString(all, -1)); c != 1 {
					t.Errorf("%s seed %d: %s occurs %d times", f.Name(), seed, n, c)
				}
			}
		}
	}
	if len(kinds) != kind2hop {
		t.Errorf("200 trials drew pairs of %d kinds only: %v", len(kinds), kinds)
	}
}

// pairOf finds the pair a needle sentence of form f was written from.
func pairOf(t *testing.T, f latentTask, text string) int {
	t.Helper()
	for i, p := range pairSets[f.set()] {
		if strings.HasSuffix(text, f.needle("", p)) {
			return i
		}
	}
	t.Fatalf("no pair wrote %q", text)
	return -1
}

// TestLatentKeepsUserHaystackClean binds the task to a user haystack that
// names Italy's demonym, Rome's, a character visiting Florence and a drum,
// in all cases: no pair pointing there is drawn, as target or distractor;
// the count of pairs left out says so; and a haystack that leaves nothing
// is a one-line error, not a panic.
func TestLatentKeepsUserHaystackClean(t *testing.T) {
	hay := "The ITALIAN cook had a roman nose. Later they went on to florence, where a DRUM was beaten. Nobody saw the eiffel tower. Björn, Søren and Zoltán waved."
	banned := regexp.MustCompile(`(?i)Italy|Rome|Florence|Tuscany|Paris|Eiffel|woodwind|brass|percussion|string|Bjorn|Soren|Zoltan`)
	for _, f := range allForms {
		bound, err := Bind(f, hay)
		if err != nil {
			t.Fatal(err)
		}
		left, total, ok := PairsLeftOut(bound)
		if !ok || left == 0 || left >= total {
			t.Errorf("%s: %d of %d pairs left out (%v)", f.Name(), left, total, ok)
		}
		t.Logf("%s: the haystack leaves out %d of %d pairs", f.Name(), left, total)
		for seed := range uint64(300) {
			tr := bound.Make(rand.New(rand.NewPCG(seed, 1)), 50, func(s string) bool { return strings.Contains(hay, s) })
			all := tr.Question
			for _, p := range tr.Needles {
				all += p.Text
			}
			if m := banned.FindString(all); m != "" {
				t.Fatalf("%s seed %d: %q drawn although the haystack points at it: %q", f.Name(), seed, m, all)
			}
		}
	}
	// Every pair's words: nothing left to ask.
	var all []string
	for _, p := range allPairs() {
		all = append(all, p.pairWords()...)
	}
	for _, f := range []latentTask{allForms[0], allForms[4]} {
		_, err := Bind(f, strings.Join(all, ". ")+".")
		if err == nil || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "haystack") {
			t.Errorf("%s: a haystack holding every pair's words: %v", f.Name(), err)
		}
	}
	if _, err := Bind(mustTask(t, "single"), "anything"); err != nil {
		t.Errorf("single is not bound to haystacks: %v", err)
	}
}

// TestLatentAvoidsUsedWords: unbound (as a gen of other runners would
// call it), a pair whose item or link used reports is never drawn.
func TestLatentAvoidsUsedWords(t *testing.T) {
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
}

func TestLatentByName(t *testing.T) {
	for _, n := range []string{"latent", "latent:literal", "latent:inverted", "latent:distract", "latent:2hop", "LATENT:2HOP"} {
		if got := mustTask(t, n).Name(); got != strings.ToLower(n) {
			t.Errorf("ByName(%q).Name() = %q", n, got)
		}
	}
	for _, bad := range []string{"latent:uuid", "latent:", "latent:3hop"} {
		if _, err := ByName(bad); err == nil || !strings.Contains(err.Error(), "latent:2hop") {
			t.Errorf("ByName(%q) = %v, want the forms listed", bad, err)
		}
	}
	for _, f := range allForms {
		if !PairedAcrossLengths(f) {
			t.Errorf("%s is not paired across lengths", f.Name())
		}
	}
	if PairedAcrossLengths(mustTask(t, "single")) || PairedAcrossLengths(mustTask(t, "hops:2")) {
		t.Error("single and hops draw afresh per length")
	}
}

func TestLatentQuestionDetection(t *testing.T) {
	for _, f := range allForms {
		tr := f.Make(rand.New(rand.NewPCG(3, 3)), 50, nil)
		prompt := assemble(tr, proseFiller, 20)
		if got := LatentQuestion(prompt); got != (f.form != formLiteral) {
			t.Errorf("%s: LatentQuestion = %v", f.Name(), got)
		}
		traits, ok := LatentPromptTraits(prompt)
		if ok != (f.form != formLiteral) || traits.TwoHop != (f.form == form2hop) || traits.Lured != (f.form == formDistract) {
			t.Errorf("%s: traits %+v %v", f.Name(), traits, ok)
		}
	}
	single := mustTask(t, "single").Make(rand.New(rand.NewPCG(3, 3)), 50, nil)
	if LatentQuestion(assemble(single, proseFiller, 20)) || LatentQuestion("") {
		t.Error("a single prompt was taken for a latent question")
	}
}
