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
	kind, dia := o.server()
	d := dia.tokenize
	if d == nil {
		return "", root.fail(results.ReasonBadRequest, 0, "this server has no tokenize endpoint")
	}
	_, ids, err := tokenize[tokenID](ctx, root, d, d.request(o.spec.Model, vocabProbe))
	if err != nil {
		return "", err
	}
	if len(ids) == 0 {
		return "", root.fail(results.ReasonBadResponse, 200, "/tokenize gave no token ids for the vocabulary probe")
	}
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.Itoa(int(id))
	}
	sum := sha256.Sum256([]byte(string(kind) + "\x00" + strings.Join(parts, ",")))
	return string(kind) + "-vocab-" + hex.EncodeToString(sum[:8]), nil
}
