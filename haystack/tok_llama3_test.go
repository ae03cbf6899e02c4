package haystack

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// llama3Files reads Llama 3.2's vocabulary (encoder.json: spelling -> id)
// and merges (vocab.bpe) from Ollama's test data.
func llama3Files(dir string) (vocab map[string]int, merges []string, err error) {
	data, err := os.ReadFile(filepath.Join(dir, "encoder.json"))
	if err != nil {
		return nil, nil, err
	}
	if err := json.Unmarshal(data, &vocab); err != nil {
		return nil, nil, err
	}
	f, err := os.Open(filepath.Join(dir, "vocab.bpe"))
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			merges = append(merges, line)
		}
	}
	return vocab, merges, sc.Err()
}

// llama3Once holds a tokenizer.json laid out like Meta's Llama 3 release
// (Split regex + ByteLevel without regex, ignore_merges, merges as pairs),
// built from Ollama's Llama 3.2 files, and the tokenizer loaded from it.
var llama3Once struct {
	sync.Once
	data []byte
	tok  *byteLevelBPE
	err  error
}

func llama3HF(t testing.TB) ([]byte, *byteLevelBPE) {
	t.Helper()
	dir := filepath.Join(ollamaTokenizerTestdata(t), "llama3.2")
	llama3Once.Do(func() {
		vocab, merges, err := llama3Files(dir)
		if err != nil {
			llama3Once.err = err
			return
		}
		pairs := make([][2]string, len(merges))
		for i, m := range merges {
			a, b, _ := strings.Cut(m, " ")
			pairs[i] = [2]string{a, b}
		}
		doc := map[string]any{
			"version":    "1.0",
			"normalizer": nil,
			"pre_tokenizer": map[string]any{"type": "Sequence", "pretokenizers": []any{
				map[string]any{"type": "Split", "pattern": map[string]any{"Regex": llama3Pattern}, "behavior": "Isolated", "invert": false},
				map[string]any{"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false},
			}},
			"model": map[string]any{"type": "BPE", "dropout": nil, "unk_token": nil, "continuing_subword_prefix": nil,
				"end_of_word_suffix": nil, "fuse_unk": false, "byte_fallback": false, "ignore_merges": true,
				"vocab": vocab, "merges": pairs},
		}
		llama3Once.data, llama3Once.err = json.Marshal(doc)
		if llama3Once.err == nil {
			llama3Once.tok, llama3Once.err = loadHFTokenizer("llama3/tokenizer.json", llama3Once.data)
		}
	})
	if llama3Once.err != nil {
		t.Fatal(llama3Once.err)
	}
	return llama3Once.data, llama3Once.tok
}
