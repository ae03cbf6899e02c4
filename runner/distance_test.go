package runner

import (
	"strings"
	"testing"

	"niah/corpora"
	"niah/haystack"
	"niah/needle"
)

// The recorded distance is the text between the asked needle's end and
// the question's start, counted in the planning tokenizer: with bytes, in
// bytes. Distractors between them count; those before the asked needle
// do not.
func TestDistanceTokens(t *testing.T) {
	for _, name := range []string{"passkey", "single", "multikey", "multi"} {
		task, err := needle.ByName(name)
		if err != nil {
			t.Fatal(err)
		}
		pr, err := NewPrompter(task, corpora.Builtin(0), haystack.Bytes(), 7, 8192, testCache)
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range []Item{{4096, 0, 0}, {4096, 50, 1}, {4096, 100, 0}, {2048, 30, 2}} {
			p, err := pr.Build("", it)
			if err != nil {
				t.Fatal(err)
			}
			text := p.Text()
			var asked needle.Placement
			for _, n := range p.Content.Needles {
				if !n.Distractor {
					asked = n
					break
				}
			}
			// A needle that opens a paragraph carries its space at its end.
			body := strings.TrimLeft(asked.Text, " ")
			at := strings.Index(text, body)
			if at < 0 {
				t.Fatalf("%s %+v: needle %q not in the prompt", name, it, body)
			}
			end := at + len(body)
			if text[at-1] != ' ' {
				end++
			}
			want := len(text) - len(p.Content.Question) - end
			rec := p.Record(pr)
			if p.Distance != want || rec.DistanceTokens == nil || *rec.DistanceTokens != want {
				t.Errorf("%s %+v: distance %d (record %v), want %d", name, it, p.Distance, rec.DistanceTokens, want)
			}
		}
	}
	none, _ := needle.ByName("none")
	pr, err := NewPrompter(none, corpora.Builtin(0), haystack.Bytes(), 7, 4096, testCache)
	if err != nil {
		t.Fatal(err)
	}
	p, err := pr.Build("", Item{2048, 50, 0})
	if err != nil {
		t.Fatal(err)
	}
	if rec := p.Record(pr); rec.DistanceTokens != nil {
		t.Errorf("no needle, yet a distance %d", *rec.DistanceTokens)
	}
}
