package provider

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"niah/results"
)

// VocabularyIdentifying is implemented by clients whose server tokenizes:
// VocabularyID names the vocabulary the server holds now, whatever model
// name the spec gave (llama.cpp serves one model under any name).
type VocabularyIdentifying interface {
	VocabularyID(ctx context.Context) (string, error)
}

// vocabProbe is tokenized to fingerprint a vocabulary: words, digits,
// punctuation runs, blank lines, accents, CJK and an emoji split
// differently under every vocabulary we know of.
const vocabProbe = "niah vocabulary probe: The quick brown fox jumps over the lazy dog.\n\n" +
	"Its 1,234,567 tokens cost $8.90 (about 12%)... naïve café Ünïcödé 日本語のテキスト 🙂 <think>\t  end."

// VocabularyID hashes the server kind with the token ids the server gives
// the probe text: two servers share it only if they split text alike.
func (o *openAICounting) VocabularyID(ctx context.Context) (string, error) {
	root := o.root()
	kind := o.serverKind()
	var ids []int
	switch kind {
	case "llamacpp":
		var out struct {
			Tokens []int `json:"tokens"`
		}
		if err := root.call(ctx, "POST", "/tokenize", map[string]any{"content": vocabProbe, "add_special": false}, &out); err != nil {
			return "", err
		}
		ids = out.Tokens
	case "vllm", "sglang":
		var out struct {
			Tokens []int `json:"tokens"`
		}
		body := map[string]any{"model": o.spec.Model, "prompt": vocabProbe, "add_special_tokens": false}
		if err := root.call(ctx, "POST", "/tokenize", body, &out); err != nil {
			return "", err
		}
		ids = out.Tokens
	case "tgi":
		var out []struct {
			ID int `json:"id"`
		}
		if err := root.call(ctx, "POST", "/tokenize", map[string]any{"inputs": vocabProbe}, &out); err != nil {
			return "", err
		}
		for _, t := range out {
			ids = append(ids, t.ID)
		}
	default:
		return "", root.fail(results.ReasonBadRequest, 0, "this server has no tokenize endpoint")
	}
	if len(ids) == 0 {
		return "", root.fail(results.ReasonBadResponse, 200, "/tokenize gave no token ids for the vocabulary probe")
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(id)
	}
	sum := sha256.Sum256([]byte(kind + "\x00" + strings.Join(parts, ",")))
	return kind + "-vocab-" + hex.EncodeToString(sum[:8]), nil
}
