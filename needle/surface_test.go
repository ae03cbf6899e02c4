package needle

import (
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"sort"
	"strings"
	"testing"

	"niah/corpora"
	"niah/haystack"
)

// surfaceScore is what a reader who picks sentences by their surface, not
// their meaning, would go by, strongest cue first:
//   - template: the sentence has the shape of one of the task's needles
//     (the reader knows every template, default and inverted);
//   - it opens with a name: a capitalised word the prompt never writes in
//     lower case;
//   - capitalised words after the first (items such as the Eiffel Tower);
//   - its length in words, the nearer the needles' own mean the better
//     (the reader is told it).
type surfaceScore struct {
	template, nameFirst bool
	capitals            int
	lengthGap           float64
}

func (s surfaceScore) value() float64 {
	v := -s.lengthGap / 4
	if s.template {
		v += 8
	}
	if s.nameFirst {
		v += 4
	}
	return v + float64(min(s.capitals, 3))
}

// TestNeedlesDoNotStandOut builds 32K-token latent prompts (cl100k, the
// built-in haystack) at three depths and ranks every sentence of each by
// surfaceScore: the needles must not be the top-ranked sentences, and
// many haystack sentences must rank level with or above each of them. It
// logs the rank it finds.
func TestNeedlesDoNotStandOut(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes 32K tokens of the built-in haystack")
	}
	tok, err := haystack.Tiktoken("cl100k")
	if err != nil {
		t.Fatal(err)
	}
	c := corpora.Builtin(0)
	ix, err := haystack.NewCache(t.TempDir()).IndexFor(c.Text, c.Hash, tok, 40000)
	if err != nil {
		t.Fatal(err)
	}
	var shapes []*regexp.Regexp
	for _, k := range linkKinds {
		for _, tpl := range []string{k.Needle, k.Inverted, k.Lure} {
			if tpl == "" {
				continue
			}
			pat := "^" + strings.ReplaceAll(regexp.QuoteMeta(tpl), "%s", "(.+)") + "$"
			shapes = append(shapes, regexp.MustCompile(pat))
		}
	}
	worst, total := math.MaxInt, 0
	for i, depth := range []float64{10, 50, 90} {
		task, err := Bind(latentTask{}, c.Text)
		if err != nil {
			t.Fatal(err)
		}
		tr := task.Make(rand.New(rand.NewPCG(uint64(i), 42)), depth, nil)
		p := haystack.Parts{Instructions: tr.Instructions, Question: tr.Question, Target: 32768}
		for _, n := range tr.Needles {
			p.Needles = append(p.Needles, haystack.Insert{Text: n.Text, Depth: n.Depth})
		}
		l, err := ix.Plan(p, tok.Count)
		if err != nil {
			t.Fatal(err)
		}
		prompt := ix.Render(p, l)
		hay := strings.TrimSuffix(strings.TrimPrefix(prompt, tr.Instructions), tr.Question)
		sentences := regexp.MustCompile(`[^.!?\n]+[.!?]`).FindAllString(hay, -1)
		lower := map[string]bool{}
		for _, w := range regexp.MustCompile(`\b[a-z]+\b`).FindAllString(hay, -1) {
			lower[w] = true
		}
		isNeedle := map[string]bool{}
		meanLen := 0.0
		for _, n := range tr.Needles {
			isNeedle[strings.TrimSpace(n.Text)] = true
			meanLen += float64(len(strings.Fields(n.Text))) / float64(len(tr.Needles))
		}
		type ranked struct {
			text   string
			value  float64
			needle bool
		}
		var rs []ranked
		for _, s := range sentences {
			s = strings.TrimSpace(s)
			words := strings.Fields(s)
			sc := surfaceScore{lengthGap: math.Abs(float64(len(words)) - meanLen)}
			for _, re := range shapes {
				sc.template = sc.template || re.MatchString(s)
			}
			first := strings.Trim(words[0], ",;:'")
			sc.nameFirst = first[0] >= 'A' && first[0] <= 'Z' && !lower[strings.ToLower(first)]
			for _, w := range words[1:] {
				if w[0] >= 'A' && w[0] <= 'Z' {
					sc.capitals++
				}
			}
			rs = append(rs, ranked{s, sc.value(), isNeedle[s]})
		}
		sort.SliceStable(rs, func(a, b int) bool { return rs[a].value > rs[b].value })
		found := 0
		var report []string
		for r, x := range rs {
			if !x.needle {
				continue
			}
			found++
			// Haystack sentences ranked level with or above this needle.
			above := 0
			for _, y := range rs {
				if !y.needle && y.value >= x.value {
					above++
				}
			}
			worst = min(worst, above)
			report = append(report, fmt.Sprintf("rank %d (%d haystack sentences level or above)", r+1, above))
			if above < 4*len(tr.Needles) {
				t.Errorf("depth %g: needle %q ranks %d of %d with only %d haystack sentences level or above", depth, x.text, r+1, len(rs), above)
			}
		}
		if found != len(tr.Needles) {
			t.Fatalf("depth %g: found %d of %d needles among the sentences", depth, found, len(tr.Needles))
		}
		total += len(rs)
		t.Logf("32K prompt, needle at %g%%: %d sentences; the needles are at %s", depth, len(rs), strings.Join(report, ", "))
	}
	t.Logf("every needle of the 3 prompts (%d sentences) has at least %d haystack sentences ranked level with or above it", total, worst)
}
