package needle

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// A SQuAD file's answerable questions and a HotpotQA file's questions,
// each with its own documents, as RULER reads them.
func TestLoadQA(t *testing.T) {
	sq, err := LoadQA("testdata/squad-small.json")
	if err != nil {
		t.Fatal(err)
	}
	if sq.format != "squad" || sq.rulerName() != "qa_1" || len(sq.items) != 3 || len(sq.docs) != 4 {
		t.Fatalf("squad: %s, %d questions, %d documents", sq.format, len(sq.items), len(sq.docs))
	}
	q := sq.items[0]
	if !slices.Equal(q.answers, []string{"Amos Threlkeld"}) || len(q.docs) != 1 || len(q.more) != 1 {
		t.Errorf("first question: %+v (answers deduplicated, the other paragraph of its article to come first)", q)
	}
	hp, err := LoadQA("testdata/hotpot-small.json")
	if err != nil {
		t.Fatal(err)
	}
	if hp.format != "hotpotqa" || hp.rulerName() != "qa_2" || len(hp.items) != 2 || len(hp.items[0].docs) != 3 ||
		!strings.HasPrefix(hp.docs[0], "Orla Fenwick\nOrla Fenwick was a painter born in Dunmere. Her best") {
		t.Errorf("hotpot: %d questions, documents %q", len(hp.items), hp.docs)
	}
}

// Bad input is one line naming the file and the line.
func TestLoadQAErrorsNameFileAndLine(t *testing.T) {
	for file, want := range map[string]string{
		"testdata/squad-bad-type.json":     "testdata/squad-bad-type.json:5: ",
		"testdata/squad-bad-syntax.json":   "testdata/squad-bad-syntax.json:5: ",
		"testdata/hotpot-bad-context.json": "testdata/hotpot-bad-context.json:3: a HotpotQA context entry is [title, [sentences...]]",
		"testdata/nosuch.json":             "ruler:qa=testdata/nosuch.json: open",
		"qa_test.go":                       "qa_test.go:1: not a SQuAD",
	} {
		_, err := LoadQA(file)
		if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v, want one line starting %q", file, err, want)
		}
	}
}

// A trial's own documents sit at its depth among the distractors, the
// other paragraphs of its article first; n units are n words of
// distractors, the last document cut at a word.
func TestQAComposesDocumentsAroundTheAnswer(t *testing.T) {
	sq, err := LoadQA("testdata/squad-small.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, depth := range []float64{0, 100} {
		for seed := range uint64(6) {
			c := sq.Compose(rand.New(rand.NewPCG(seed, 1)), depth, 4096)
			if c.Max <= 0 || c.Max >= 200 {
				t.Fatalf("max %d words of distractors", c.Max)
			}
			in := c.Sized(c.Max)
			gold := in.Needles[0].Text
			at := strings.Index(in.Context, gold)
			if at < 0 || depth == 0 && at != len("Document 1:\n") || depth == 100 && !strings.HasSuffix(in.Context, gold) {
				t.Errorf("depth %g: the question's document at %d of %q", depth, at, in.Context)
			}
			if !in.AnyOf || len(in.Expected) == 0 || !strings.HasSuffix(in.Question, "?") {
				t.Errorf("%+v", in)
			}
			words := len(strings.Fields(strings.ReplaceAll(in.Context, gold, "")))
			docs := strings.Count(in.Context, "Document ")
			if words-2*docs != c.Max {
				t.Errorf("%d distractor words, want %d", words-2*(docs-1)-2, c.Max)
			}
			short := c.Sized(5)
			if n := len(strings.Fields(strings.ReplaceAll(short.Context, short.Needles[0].Text, ""))) - 2*strings.Count(short.Context, "Document "); n != 5 {
				t.Errorf("5 units gave %d distractor words: %q", n, short.Context)
			}
		}
	}
}

// ruler:qa=FILE adds the file's QA task to the set, named as RULER names it.
func TestRulerSet(t *testing.T) {
	set := mustTask(t, "ruler").(Set)
	var names []string
	for _, m := range set.Members() {
		names = append(names, m.Name)
		if m.Task.Name() != m.Name || SeedName(m.Task) != m.Name {
			t.Errorf("%s: records and draws must carry the set's name, got %s", m.Name, m.Task.Name())
		}
	}
	want := []string{"niah_single_1", "niah_single_2", "niah_single_3", "niah_multikey_1", "niah_multikey_2", "niah_multikey_3",
		"niah_multivalue", "niah_multiquery", "vt", "cwe", "fwe"}
	if !slices.Equal(names, want) {
		t.Errorf("members %v", names)
	}
	withQA, err := ByName("ruler:qa=testdata/hotpot-small.json")
	if err != nil {
		t.Fatal(err)
	}
	ms := withQA.(Set).Members()
	if last := ms[len(ms)-1]; last.Name != "qa_2" || Depthless(last.Task) {
		t.Errorf("last member %s", last.Name)
	}
	if _, ok := ms[len(ms)-1].Task.(Composer); !ok {
		t.Error("the QA member must write its own context")
	}
	for _, bad := range []string{"ruler:qa=", "ruler:squad", "ruler:qa=testdata/nosuch.json", "cwe:3"} {
		if _, err := ByName(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	// The haystack of needles holds only needles, and its own test knows
	// every key and value in it.
	text, used, ok := Haystack(NeedlesHaystackUUID, 200000)
	if !ok || len(text) < 200000 || strings.Count(text, "The access code for ") < 1000 {
		t.Fatalf("uuid needle haystack: %d bytes", len(text))
	}
	key := text[len("The access code for ") : len("The access code for ")+36]
	if !used(key) || used("00000000-0000-4000-8000-000000000000") || !used("access code") {
		t.Errorf("used(%q) = %v", key, used(key))
	}
}
