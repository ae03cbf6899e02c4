package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"niah/results"
)

// BoundaryCounting is implemented by clients whose tokenize endpoint says
// where each token starts (llama.cpp's with_pieces), so one request over
// a long text counts it up to each of many byte offsets.
type BoundaryCounting interface {
	// CountsAtBoundaries reports whether this server can (known after Info).
	CountsAtBoundaries() bool
	// CountBoundaries returns, for each byte offset in bounds (ascending,
	// within text), the number of tokens that start before it.
	CountBoundaries(ctx context.Context, text string, bounds []int) ([]int, error)
}

func (o *openAICounting) CountsAtBoundaries() bool {
	d := o.serverDialect().tokenize
	return d != nil && d.piecesField != ""
}

// piece is one token of a with_pieces answer: its text, or its bytes as
// a list of numbers when they are not valid UTF-8 on their own.
type piece struct {
	Piece json.RawMessage `json:"piece"`
}

func (p piece) size() (int, error) {
	raw := bytes.TrimSpace(p.Piece)
	if len(raw) > 0 && raw[0] == '[' {
		var bs []int
		err := json.Unmarshal(raw, &bs)
		return len(bs), err
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return len(s), err
}

// CountBoundaries asks the server's /tokenize for text's tokens with their
// pieces (llama.cpp's with_pieces) and maps each bound through the
// pieces' byte lengths.
func (o *openAICounting) CountBoundaries(ctx context.Context, text string, bounds []int) ([]int, error) {
	root := o.root()
	d := o.serverDialect().tokenize
	if d == nil || d.piecesField == "" {
		return nil, root.fail(results.ReasonBadRequest, 0, "this server's tokenize endpoint gives no pieces")
	}
	body := d.request(o.spec.Model, text)
	body[d.piecesField] = true
	_, tokens, err := tokenize[piece](ctx, root, d, body)
	if err != nil {
		return nil, err
	}
	starts := make([]int, len(tokens))
	pos := 0
	for i, p := range tokens {
		n, err := p.size()
		if err != nil {
			return nil, root.fail(results.ReasonBadResponse, 200, "/tokenize piece %d: %v", i, err)
		}
		starts[i] = pos
		pos += n
	}
	// A SentencePiece vocabulary adds a space before the text: its pieces
	// then run one byte longer than the text.
	shift := pos - len(text)
	if shift == 1 && len(tokens) > 0 && (len(text) == 0 || text[0] != ' ') {
		for i := range starts {
			starts[i] = max(starts[i]-1, 0)
		}
	} else if shift != 0 {
		return nil, root.fail(results.ReasonBadResponse, 200, "/tokenize pieces cover %d bytes of a %d-byte text", pos, len(text))
	}
	counts := make([]int, len(bounds))
	t := 0
	for i, b := range bounds {
		for t < len(starts) && starts[t] < b {
			t++
		}
		counts[i] = t
	}
	if len(bounds) > 0 && bounds[len(bounds)-1] > len(text) {
		return nil, fmt.Errorf("bound %d beyond a %d-byte text", bounds[len(bounds)-1], len(text))
	}
	return counts, nil
}
