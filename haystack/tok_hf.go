package haystack

import (
	"encoding/json"
	"fmt"
	"strings"
)

// gpt2Pattern is the regex of a ByteLevel pre-tokenizer with use_regex.
const gpt2Pattern = `'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`

type hfTokenizerJSON struct {
	Normalizer   *hfNormalizer   `json:"normalizer"`
	PreTokenizer *hfPreTokenizer `json:"pre_tokenizer"`
	Model        struct {
		Type                    string          `json:"type"`
		Dropout                 *float64        `json:"dropout"`
		ContinuingSubwordPrefix *string         `json:"continuing_subword_prefix"`
		EndOfWordSuffix         *string         `json:"end_of_word_suffix"`
		ByteFallback            bool            `json:"byte_fallback"`
		IgnoreMerges            bool            `json:"ignore_merges"`
		Vocab                   map[string]int  `json:"vocab"`
		Merges                  json.RawMessage `json:"merges"`
	} `json:"model"`
}

type hfNormalizer struct {
	Type        string         `json:"type"`
	Normalizers []hfNormalizer `json:"normalizers"`
}

type hfPreTokenizer struct {
	Type           string                          `json:"type"`
	Pretokenizers  []hfPreTokenizer                `json:"pretokenizers"`
	Pattern        struct{ Regex, String *string } `json:"pattern"`
	Behavior       string                          `json:"behavior"`
	Invert         bool                            `json:"invert"`
	AddPrefixSpace bool                            `json:"add_prefix_space"`
	UseRegex       bool                            `json:"use_regex"`
}

// loadHFTokenizer reads a Hugging Face tokenizer.json with a byte-level BPE
// model. Added tokens are not split out of the text: haystack text is
// counted as ordinary text, as the tiktoken tokenizers do.
func loadHFTokenizer(path string, data []byte) (*byteLevelBPE, error) {
	var tj hfTokenizerJSON
	if err := json.Unmarshal(data, &tj); err != nil {
		// A Unigram or WordPiece file has another vocab shape: say which
		// model it is rather than how its JSON failed to fit.
		var kind struct {
			Model struct{ Type string } `json:"model"`
		}
		if json.Unmarshal(data, &kind) == nil && kind.Model.Type != "" && kind.Model.Type != "BPE" {
			return nil, fmt.Errorf("%s: model type %q is not supported (only byte-level BPE; for SentencePiece models pass tokenizer.model)", path, kind.Model.Type)
		}
		return nil, fmt.Errorf("%s: not a tokenizer.json: %v", path, oneLineErr(err))
	}
	m := tj.Model
	switch {
	case m.Type != "BPE":
		return nil, fmt.Errorf("%s: model type %q is not supported (only byte-level BPE; for SentencePiece models pass tokenizer.model)", path, m.Type)
	case m.Dropout != nil && *m.Dropout != 0, m.ContinuingSubwordPrefix != nil && *m.ContinuingSubwordPrefix != "",
		m.EndOfWordSuffix != nil && *m.EndOfWordSuffix != "", m.ByteFallback:
		return nil, fmt.Errorf("%s: BPE options dropout/continuing_subword_prefix/end_of_word_suffix/byte_fallback are not supported (not a byte-level BPE; for SentencePiece models pass tokenizer.model)", path)
	}
	nfc, err := hfNormalizerIsNFC(tj.Normalizer)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	patterns, byteLevel, err := hfPatterns(tj.PreTokenizer)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if !byteLevel {
		return nil, fmt.Errorf("%s: pre_tokenizer has no ByteLevel step, so this is not a byte-level BPE (for SentencePiece models pass tokenizer.model)", path)
	}
	merges, err := hfMerges(m.Merges)
	if err != nil {
		return nil, fmt.Errorf("%s: model.merges: %w", path, err)
	}
	tokens := make([]string, 0, len(m.Vocab))
	for tok, id := range m.Vocab {
		if id < 0 || id > 1<<24 {
			return nil, fmt.Errorf("%s: token %q has id %d out of range", path, tok, id)
		}
		for id >= len(tokens) {
			tokens = append(tokens, "")
		}
		tokens[id] = tok
	}
	t, err := newByteLevelBPE(path, tokens, merges, patterns)
	if err != nil {
		return nil, err
	}
	t.nfc = nfc
	t.ignoreMerges = m.IgnoreMerges
	return t, nil
}

func hfNormalizerIsNFC(n *hfNormalizer) (bool, error) {
	if n == nil {
		return false, nil
	}
	switch n.Type {
	case "NFC":
		return true, nil
	case "Sequence":
		nfc := false
		for _, sub := range n.Normalizers {
			is, err := hfNormalizerIsNFC(&sub)
			if err != nil {
				return false, err
			}
			nfc = nfc || is
		}
		return nfc, nil
	}
	return false, fmt.Errorf("normalizer %q is not supported (only NFC)", n.Type)
}

// hfPatterns flattens the pre-tokenizer into the regexes applied in turn,
// and reports whether it maps bytes (ByteLevel).
func hfPatterns(p *hfPreTokenizer) (patterns []string, byteLevel bool, err error) {
	if p == nil {
		return nil, false, nil
	}
	switch p.Type {
	case "Sequence":
		for _, sub := range p.Pretokenizers {
			subPatterns, subByteLevel, err := hfPatterns(&sub)
			if err != nil {
				return nil, false, err
			}
			patterns = append(patterns, subPatterns...)
			byteLevel = byteLevel || subByteLevel
		}
		return patterns, byteLevel, nil
	case "ByteLevel":
		if p.AddPrefixSpace {
			return nil, false, fmt.Errorf("ByteLevel add_prefix_space=true is not supported")
		}
		if p.UseRegex {
			patterns = []string{gpt2Pattern}
		}
		return patterns, true, nil
	case "Split":
		if p.Behavior != "Isolated" || p.Invert {
			return nil, false, fmt.Errorf("Split behavior %q invert=%v is not supported (only Isolated)", p.Behavior, p.Invert)
		}
		switch {
		case p.Pattern.Regex != nil:
			return []string{*p.Pattern.Regex}, false, nil
		case p.Pattern.String != nil:
			return []string{regexpQuote(*p.Pattern.String)}, false, nil
		}
		return nil, false, fmt.Errorf("Split pre-tokenizer without a pattern")
	case "Digits":
		return nil, false, fmt.Errorf("Digits pre-tokenizer is not supported")
	}
	return nil, false, fmt.Errorf("pre_tokenizer %q is not supported (only Sequence, Split, ByteLevel)", p.Type)
}

// regexpQuote escapes a literal for regexp2 (.NET syntax, a superset of the
// characters regexp.QuoteMeta escapes, plus whitespace and #).
func regexpQuote(s string) string {
	var sb strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\*+?|{}[]()^$.#- `, r) {
			sb.WriteByte('\\')
		}
		sb.WriteRune(r)
	}
	return sb.String()
}

// hfMerges accepts both spellings of the merges list: "a b" strings (older
// files) and ["a", "b"] pairs (tokenizers >= 0.20).
func hfMerges(raw json.RawMessage) ([][2]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var pairs [][2]string
	if err := json.Unmarshal(raw, &pairs); err == nil {
		return pairs, nil
	}
	var lines []string
	if err := json.Unmarshal(raw, &lines); err != nil {
		return nil, fmt.Errorf("neither strings nor pairs: %w", err)
	}
	return splitMergeLines(lines)
}

// splitMergeLines turns "a b" merge lines into pairs. Byte-level spellings
// never contain a plain space, so the single space is unambiguous.
func splitMergeLines(lines []string) ([][2]string, error) {
	pairs := make([][2]string, 0, len(lines))
	for i, line := range lines {
		a, b, ok := strings.Cut(line, " ")
		if !ok || a == "" || b == "" || strings.Contains(b, " ") {
			return nil, fmt.Errorf("merge %d %q is not two tokens separated by one space", i, line)
		}
		pairs = append(pairs, [2]string{a, b})
	}
	return pairs, nil
}

// oneLineErr keeps a decoder message on one line (it may quote input).
func oneLineErr(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
