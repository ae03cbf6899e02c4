package haystack

import (
	"encoding/json"
	"strings"
	"testing"
)

// qwenLikeTokenizer is a minimal Qwen-style tokenizer.json: byte-level
// BPE with Qwen 2's pre-tokenizer and merges that make ".\n\n" and
// ".\n\n\n\n" single tokens (".ĊĊ", ".ĊĊĊĊ"), plus a few word merges. It
// reproduces the seam that cost real Qwen and Llama 3 prompts a token.
func qwenLikeTokenizer(t testing.TB) Tokenizer {
	t.Helper()
	vocab := map[string]int{}
	for b, r := range gpt2ByteToRune {
		vocab[string(r)] = b
	}
	merges := []string{"Ċ Ċ", "ĊĊ ĊĊ", ". ĊĊ", ". ĊĊĊĊ", "Ġ t", "h e", "Ġt he", "e r", "Ġ a", "i n", "o n"}
	for i, m := range merges {
		vocab[strings.ReplaceAll(m, " ", "")] = 256 + i
	}
	doc := map[string]any{
		"pre_tokenizer": map[string]any{"type": "Sequence", "pretokenizers": []any{
			map[string]any{"type": "Split", "pattern": map[string]any{"Regex": qwen2Pattern}, "behavior": "Isolated", "invert": false},
			map[string]any{"type": "ByteLevel", "add_prefix_space": false, "use_regex": false},
		}},
		"model": map[string]any{"type": "BPE", "vocab": vocab, "merges": merges},
	}
	data, _ := json.Marshal(doc)
	tok, err := loadHFTokenizer("qwen-like/tokenizer.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := tok.Count(".\n\n"); n != 1 {
		t.Fatalf("the test vocabulary must merge \".\\n\\n\" into one token, got %d", n)
	}
	return tok
}

// endKind names how a layout's haystack ended before the join: at a
// sentence or a paragraph (its blank line now dropped); "word" would be
// inside a sentence, which no layout may do.
func endKind(ix *Index, l Layout) string {
	switch rest := ix.Text[l.HayEnd:]; {
	case strings.HasPrefix(rest, "\n\n"):
		return "paragraph"
	case ix.Text[l.HayEnd-1] == '.':
		return "sentence"
	}
	return "word"
}

// The plan is the whole prompt's tokenization, for every way a haystack can
// end, in every byte-level BPE vocabulary at hand, with the question's
// blank line (single, multikey, latent, hops) and with the passkey lead-in.
func TestPlanEqualsWholePromptTokenization(t *testing.T) {
	cl, _ := Tiktoken("cl100k")
	o2, _ := Tiktoken("o200k")
	toks := map[string]Tokenizer{"qwen-like": qwenLikeTokenizer(t), "cl100k": cl, "o200k": o2}
	if dir, err := ollamaDir(); err == nil && dir != "" {
		_, toks["llama3.2"] = llama3HF(t)
	} else {
		t.Logf("Llama 3 vocabulary not available offline (%v): testing the others", err)
	}
	text := testProse(8000, 3)
	questions := []string{"\n\nWhat is the number for river in the text above?", " What is the pass key? The pass key is"}
	step := 47
	if raceEnabled {
		step = 211 // the race detector slows BPE ~10x
	}
	for name, tok := range toks {
		ix := newTestIndex(t, text, tok)
		kinds := map[string]int{}
		for _, target := range seamTargets(ix, tok, step) {
			for qi, q := range questions {
				for _, depth := range []float64{0, 100} {
					p := Parts{Instructions: "Read this.\n\n", Question: q, Target: target,
						Needles: []Insert{{Text: " The number for river is 1234567.", Depth: depth}}}
					l, err := ix.Plan(p, countOf(tok))
					if err != nil {
						t.Fatal(err)
					}
					prompt := ix.Render(p, l)
					whole, _ := tok.Count(prompt)
					kind := endKind(ix, l)
					kinds[kind]++
					if l.SkipFrom < l.SkipTo {
						kinds["elided"]++
					}
					if l.LeadFrom < l.LeadTo {
						kinds["lead"]++
					}
					if whole != l.Tokens {
						t.Errorf("%s, %s end, target %d, question %d, depth %g: planned %d, the prompt has %d",
							name, kind, target, qi, depth, l.Tokens, whole)
					}
					if d := l.Tokens - target; d > 8 || d < -8 {
						t.Errorf("%s: target %d planned %d", name, target, l.Tokens)
					}
					if strings.Contains(prompt, "\n\n\n") || strings.Contains(prompt, "\n\n "+strings.TrimSpace(q)) {
						t.Errorf("%s: more than one blank line before the question: %q", name, prompt[max(0, len(prompt)-len(q)-30):])
					}
				}
			}
		}
		for _, k := range []string{"sentence", "paragraph"} {
			if kinds[k] == 0 {
				t.Errorf("%s: no prompt ended at a %s boundary (%v): the test misses a kind", name, k, kinds)
			}
		}
		if kinds["word"] > 0 {
			t.Errorf("%s: %d haystacks ended inside a sentence", name, kinds["word"])
		}
		t.Logf("%s: %v prompts by end kind, every plan equal to the whole count", name, kinds)
	}
}

// seamTargets sweeps lengths from 200 to 3200 by step and adds lengths
// that end the haystack exactly on a paragraph end and on a sentence end,
// so every kind of end is met however coarse the sweep.
func seamTargets(ix *Index, tok Tokenizer, step int) []int {
	var out []int
	for target := 200; target < 3200; target += step {
		out = append(out, target)
	}
	fixed := 0
	for _, s := range []string{"Read this.\n\n", "\n\nWhat is the number for river in the text above?", " The number for river is 1234567."} {
		n, _ := tok.Count(s)
		fixed += n
	}
	paragraphs, sentences := 0, 0
	for _, c := range ix.Cuts[1:] {
		if c.Tok < 300 || c.Tok > 3000 {
			continue
		}
		switch at := int(c.Byte); {
		case ix.Text[at-1] == '\n' && paragraphs < 3:
			paragraphs++
			out = append(out, int(c.Tok)+fixed)
		case ix.Text[at-1] == '.' && sentences < 3:
			sentences++
			out = append(out, int(c.Tok)+fixed)
		}
	}
	return out
}
