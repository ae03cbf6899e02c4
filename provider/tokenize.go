package provider

import (
	"bytes"
	"context"
	"encoding/json"

	"niah/results"
)

// tokenizeDialect is one family of /tokenize endpoints: the request it
// takes and where its answer keeps the tokens. Counting, vocabulary
// fingerprints and boundary counts all go through tokenize below.
type tokenizeDialect struct {
	// request asks for text's tokens without special tokens, so the count
	// is the text's own.
	request func(model, text string) map[string]any
	answer  tokenAnswer
	// piecesField asks for each token's text as well (llama.cpp's
	// with_pieces), so one request counts up to many offsets; "" if the
	// endpoint cannot.
	piecesField string
}

// tokenAnswer is the shape of a /tokenize answer.
type tokenAnswer int

const (
	tokensField tokenAnswer = iota // {"tokens":[...]}: the count is the list's length
	countField                     // {"count":N,"tokens":[...]}
	bareList                       // [{"id":...},...]
)

var (
	// llamaTokenize is llama-server's /tokenize.
	llamaTokenize = &tokenizeDialect{answer: tokensField, piecesField: "with_pieces",
		request: func(_, text string) map[string]any { return map[string]any{"content": text, "add_special": false} }}
	// vllmTokenize is vLLM's and SGLang's /tokenize.
	vllmTokenize = &tokenizeDialect{answer: countField,
		request: func(model, text string) map[string]any {
			return map[string]any{"model": model, "prompt": text, "add_special_tokens": false}
		}}
	// tgiTokenize is Text Generation Inference's /tokenize: a list of token objects.
	tgiTokenize = &tokenizeDialect{answer: bareList,
		request: func(_, text string) map[string]any { return map[string]any{"inputs": text} }}
)

// tokenize posts body to the server's /tokenize and decodes the answer's
// tokens as T; count is the dialect's count, nil when the answer has
// none (a count of 0 is a real, empty text).
func tokenize[T any](ctx context.Context, root *conn, d *tokenizeDialect, body map[string]any) (count *int, toks []T, err error) {
	if d.answer == bareList {
		if err := root.call(ctx, "POST", "/tokenize", body, &toks); err != nil {
			return nil, nil, err
		}
		if toks == nil {
			return nil, nil, nil
		}
		n := len(toks)
		return &n, toks, nil
	}
	var out struct {
		Tokens []T  `json:"tokens"`
		Count  *int `json:"count"`
	}
	if err := root.call(ctx, "POST", "/tokenize", body, &out); err != nil {
		return nil, nil, err
	}
	if d.answer == countField {
		return out.Count, out.Tokens, nil
	}
	if out.Tokens == nil { // absent or null; an empty text gives []
		return nil, nil, nil
	}
	n := len(out.Tokens)
	return &n, out.Tokens, nil
}

// missing says what a /tokenize answer without a count lacked.
func (d *tokenizeDialect) missing() string {
	switch d.answer {
	case countField:
		return "/tokenize answer has no count"
	case bareList:
		return "/tokenize answer is null, not a token list"
	}
	return "/tokenize answer has no tokens"
}

// skipped is a JSON value that is counted, not kept: decoding a
// 1M-token /tokenize answer into []any costs 100 MB and 3x the time.
type skipped struct{}

func (*skipped) UnmarshalJSON([]byte) error { return nil }

// tokenID is a token of a /tokenize answer: its id, or an object that
// carries it (TGI, llama.cpp with_pieces).
type tokenID int

func (t *tokenID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		var obj struct {
			ID int `json:"id"`
		}
		err := json.Unmarshal(b, &obj)
		*t = tokenID(obj.ID)
		return err
	}
	var id int
	err := json.Unmarshal(b, &id)
	*t = tokenID(id)
	return err
}

// CountTokens asks the server's /tokenize for text's tokens, without
// special tokens, so the count is the text's own.
func (o *openAICounting) CountTokens(ctx context.Context, text string) (int, error) {
	root := o.root()
	d := o.serverDialect().tokenize
	if d == nil {
		return 0, root.fail(results.ReasonBadRequest, 0, "this server has no tokenize endpoint")
	}
	n, _, err := tokenize[skipped](ctx, root, d, d.request(o.spec.Model, text))
	if err != nil {
		return 0, err
	}
	if n == nil {
		return 0, root.fail(results.ReasonBadResponse, 200, "%s", d.missing())
	}
	return *n, nil
}
