package haystack

import (
	"strings"
	"testing"
)

// wholeTokenizers are the tokenizers niah plans in that are at hand
// offline: tiktoken's two, a byte-level BPE from a tokenizer.json, Llama 3
// and Gemma's SentencePiece when Ollama's test data is in the module cache,
// the simulation's and bytes.
func wholeTokenizers(t *testing.T) map[string]Tokenizer {
	cl, _ := Tiktoken("cl100k")
	o2, _ := Tiktoken("o200k")
	toks := map[string]Tokenizer{"cl100k": cl, "o200k": o2, "qwen-like": qwenLikeTokenizer(t), "sim": Sim(), "bytes": Bytes()}
	if dir, err := ollamaDir(); err == nil && dir != "" {
		_, toks["llama3.2"] = llama3HF(t)
		if g, err := gemmaOnce(); err == nil {
			toks["gemma2"] = g
		}
	} else {
		t.Logf("Llama 3 and Gemma vocabularies not available offline (%v): testing the others", err)
	}
	return toks
}

// TestHaystackIsWholeSentencesBeforeTheQuestion holds item 8 of issue 18
// over every tokenizer at hand, many lengths and the depths that put a
// needle first and last: the text right before the question ends a
// sentence; every piece of haystack is whole sentences of the corpus,
// except a lead, which opens the haystack right after the instructions and
// ends a paragraph; the plan equals the whole prompt's count; and the
// length is never over the target and at most 4 tokens under it, exactly
// the target in most prompts.
func TestHaystackIsWholeSentencesBeforeTheQuestion(t *testing.T) {
	text := testProse(12000, 8)
	instr := "Read this.\n\n"
	questions := []string{"\n\nWhich character has been to Paris?", " What is the pass key? The pass key is"}
	needle := " Lars lives next to the Eiffel Tower."
	step := 61
	if raceEnabled {
		step = 397
	}
	for name, tok := range wholeTokenizers(t) {
		ix := newTestIndex(t, text, tok)
		isCut := map[int]bool{}
		for _, c := range ix.Cuts {
			isCut[int(c.Byte)] = true
		}
		n, exact, elided, leads := 0, 0, 0, 0
		for target := 150; target < 4000; target += step {
			for qi, q := range questions {
				for _, depth := range []float64{0, 40, 100} {
					p := Parts{Instructions: instr, Question: q, Target: target, Needles: []Insert{{Text: needle, Depth: depth}}}
					l, err := ix.Plan(p, countOf(tok))
					if err != nil {
						t.Fatal(err)
					}
					prompt := ix.Render(p, l)
					n++
					if whole, _ := tok.Count(prompt); whole != l.Tokens {
						t.Errorf("%s target %d: planned %d, the prompt has %d", name, target, l.Tokens, whole)
					}
					if d := l.Tokens - target; d > 0 || d < -4 {
						t.Errorf("%s target %d depth %g: %d tokens", name, target, depth, l.Tokens)
					}
					if l.Tokens == target {
						exact++
					}
					before := strings.TrimRight(strings.TrimSuffix(prompt, q), " ")
					if last := before[len(before)-1]; last != '.' && last != '!' && last != '?' {
						t.Errorf("%s target %d question %d depth %g: the text before the question ends %q", name, target, qi, depth, before[len(before)-40:])
					}
					// Every haystack span starts and ends at a cut (or at the
					// haystack's end, its blank line dropped), but the lead.
					for i, s := range ix.spans(p, l) {
						if s.inserted || s.from == s.to {
							continue
						}
						if s.from == l.LeadFrom && s.to == l.LeadTo && l.LeadTo > l.LeadFrom {
							if i != 1 || !strings.HasSuffix(s.text, ".\n\n") {
								t.Errorf("%s target %d: the lead %q is span %d", name, target, s.text, i)
							}
							continue
						}
						if !isCut[s.from] || (!isCut[s.to] && s.to != l.HayEnd) {
							t.Errorf("%s target %d: haystack piece %d..%d cuts a sentence: %q", name, target, s.from, s.to, s.text)
						}
					}
					if l.SkipFrom < l.SkipTo {
						elided++
					}
					if l.LeadFrom < l.LeadTo {
						leads++
					}
				}
			}
		}
		t.Logf("%s: %d prompts, %d of exactly the target length, %d with an elision, %d with a lead", name, n, exact, elided, leads)
		if elided == 0 {
			t.Errorf("%s: no prompt needed an elision: the test misses the case", name)
		}
	}
}

// A short prompt in a haystack of long sentences cannot drop whole
// sentences to land on its length: a lead, the end of a later paragraph,
// opens the haystack instead, right after the instructions, and the
// length is still exact.
func TestLeadOpensShortPrompts(t *testing.T) {
	tok := Bytes()
	ix := newTestIndex(t, testProse(3000, 9), tok)
	leads := 0
	for target := 120; target < 600; target += 7 {
		p := Parts{Instructions: "I.\n\n", Question: " Q?", Target: target, Needles: []Insert{{Text: " The needle.", Depth: 50}}}
		l, err := ix.Plan(p, countOf(tok))
		if err != nil {
			t.Fatal(err)
		}
		s := ix.Render(p, l)
		if len(s) != l.Tokens || l.Tokens < target-4 || l.Tokens > target {
			t.Errorf("target %d: %d bytes, planned %d", target, len(s), l.Tokens)
		}
		if l.LeadTo > l.LeadFrom {
			leads++
			lead := ix.Text[l.LeadFrom:l.LeadTo]
			if !strings.HasPrefix(s, "I.\n\n"+lead) || !strings.HasSuffix(lead, ".\n\n") || strings.Contains(s[4+len(lead):], lead) {
				t.Errorf("target %d: lead %q in %q", target, lead, s)
			}
			if l.Shared != len("I.\n\n") {
				t.Errorf("target %d: a prompt with a lead shares only its instructions, not %d tokens", target, l.Shared)
			}
		}
	}
	if leads == 0 {
		t.Error("no short prompt needed a lead: the test misses the case")
	}
}
