package haystack

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzLoadHFTokenizer: any tokenizer.json either loads into a tokenizer
// that counts text without panicking, or is refused with one line naming
// the file.
func FuzzLoadHFTokenizer(f *testing.F) {
	vocab := map[string]int{}
	for b, r := range gpt2ByteToRune {
		vocab[string(r)] = b
	}
	vocab["ab"], vocab["abc"] = 256, 257
	good, _ := json.Marshal(map[string]any{
		"normalizer":    map[string]any{"type": "NFC"},
		"pre_tokenizer": map[string]any{"type": "ByteLevel", "add_prefix_space": false, "use_regex": true},
		"model":         map[string]any{"type": "BPE", "vocab": vocab, "merges": []string{"a b", "ab c"}},
	})
	f.Add(good)
	f.Add([]byte(`{"model":{"type":"Unigram","vocab":[["a",-1.5],["b",-2]]}}`))
	f.Add([]byte(`{"pre_tokenizer":{"type":"Sequence","pretokenizers":[{"type":"Split","pattern":{"Regex":"\\s+"},"behavior":"Isolated"},{"type":"ByteLevel","use_regex":false}]},"model":{"type":"BPE","vocab":{"a":0},"merges":[["a","a"]]}}`))
	f.Add([]byte(`{"model": `))
	f.Fuzz(func(t *testing.T, data []byte) {
		tok, err := loadHFTokenizer("tokenizer.json", data)
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "tokenizer.json") || strings.Contains(msg, "\n") {
				t.Fatalf("error does not name the file in one line: %q", msg)
			}
			return
		}
		for _, text := range []string{"", "abc abc", "Hello, world.\n\n", "é 12345 \x00\xff"} {
			if _, err := tok.Count(text); err != nil {
				t.Fatalf("Count(%q): %v", text, err)
			}
		}
	})
}
