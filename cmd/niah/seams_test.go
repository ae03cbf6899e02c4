package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/gguf"
	"niah/haystack"
	"niah/results"
)

// qwenLikeJSON writes a minimal Qwen-style tokenizer.json (byte-level BPE,
// Qwen 2's pre-tokenizer) whose merges make ".\n\n" one token, as Qwen's
// and Llama 3's vocabularies do.
func qwenLikeJSON(t *testing.T) string {
	t.Helper()
	vocab := map[string]int{}
	for b, r := range gguf.GPT2ByteToRune() {
		vocab[string(r)] = b
	}
	merges := []string{"Ċ Ċ", "ĊĊ ĊĊ", ". ĊĊ", ". ĊĊĊĊ", "Ġ t", "h e", "Ġt he"}
	for i, m := range merges {
		vocab[strings.ReplaceAll(m, " ", "")] = 256 + i
	}
	const qwen2 = `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
	doc := map[string]any{
		"pre_tokenizer": map[string]any{"type": "Sequence", "pretokenizers": []any{
			map[string]any{"type": "Split", "pattern": map[string]any{"Regex": qwen2}, "behavior": "Isolated", "invert": false},
			map[string]any{"type": "ByteLevel", "add_prefix_space": false, "use_regex": false},
		}},
		"model": map[string]any{"type": "BPE", "vocab": vocab, "merges": merges},
	}
	data, _ := json.Marshal(doc)
	path := filepath.Join(t.TempDir(), "tokenizer.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Item 3 over the command line: every prompt niah gen writes tokenizes,
// whole, to its prompt_tokens, and none has two blank lines before the
// question, whatever the haystack ended on.
func TestGenPromptTokensAreTheWholeTokenization(t *testing.T) {
	file := qwenLikeJSON(t)
	qwen, err := haystack.LoadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cl, _ := haystack.Tiktoken("cl100k")
	for _, c := range []struct {
		flag, task string
		tok        haystack.Tokenizer
	}{{file, "single", qwen}, {file, "passkey", qwen}, {"cl100k", "single", cl}, {"cl100k", "multikey", cl}, {"cl100k", "hops:2", cl}, {"cl100k", "passkey", cl}} {
		tok, task := c.tok, c.task
		out := filepath.Join(t.TempDir(), "p.jsonl")
		if _, stderr, err := runNiah(t, "gen", "--tokenizer", c.flag, "--task", task, "--lengths", "1k,2k,3k", "--depths", "7", "--trials", "3", "--out", out); err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		recs, _, err := results.Load(out)
		if err != nil || len(recs) != 63 {
			t.Fatalf("%d records, %v", len(recs), err)
		}
		sentenceEnds := 0
		for _, r := range recs {
			text := r.Messages[0].Content
			n, _ := tok.Count(text)
			if n != r.PromptTokens {
				t.Errorf("%s %s: prompt_tokens %d, the prompt tokenizes to %d", task, r.ID, r.PromptTokens, n)
			}
			if strings.Contains(text, "\n\n\n") {
				t.Errorf("%s %s: two blank lines in the prompt", task, r.ID)
			}
			if q := strings.LastIndex(text, "\n\nWhat"); q > 0 && text[q-1] == '.' {
				sentenceEnds++
			}
		}
		t.Logf("%s %s: %d prompts, %d with the haystack's last sentence right before the question's blank line", tok.Name(), task, len(recs), sentenceEnds)
	}
}
