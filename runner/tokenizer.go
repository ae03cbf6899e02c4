package runner

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"niah/haystack"
	"niah/provider"
)

// Lengths mean the model's own tokens. Resolve picks the tokenizer that
// makes them so for one model.
//
// auto: the server's own tokenizer where it offers one (llama.cpp, vLLM,
// SGLang, TGI /tokenize; Anthropic count_tokens; Gemini countTokens; the
// simulation's); else the model's tokenizer read from the server (Ollama
// serves the GGUF's vocabulary through /api/show); else o200k as a
// stand-in, with a warning, and calibration of the average ratio from
// short probe requests is left to Calibrate. Hosted APIs whose counter is
// rate-limited (Anthropic, Gemini) get the o200k stand-in calibrated by
// their counter.
type Resolved struct {
	Tok   haystack.Tokenizer
	Exact bool   // the model's own tokenizer
	Note  string // how it was chosen, for the manifest and summary
	Warn  string // set when lengths are approximate
}

// Resolve chooses the tokenizer named by flag ("auto", "server", a fixed
// name or a file) for a model.
func Resolve(ctx context.Context, flag string, c provider.Client, info provider.ServerInfo) (Resolved, error) {
	switch flag {
	case "auto", "server":
		if info.Simulated {
			return Resolved{Tok: haystack.Sim(), Exact: true, Note: "the simulation's own tokenizer"}, nil
		}
		if t, ok := c.(provider.Tokenizing); ok && info.HasTokenizer {
			if row, _ := provider.Lookup(info.Kind); row.Tokens == provider.TokensHostedCounter {
				// A hosted counter is rate-limited: counting the haystack
				// sentence by sentence would take thousands of requests.
				// o200k plans, calibrated on two large samples it counts.
				tok, err := haystack.Tiktoken("o200k")
				if err != nil {
					return Resolved{}, err
				}
				return Resolved{Tok: tok, Note: fmt.Sprintf("o200k stand-in, calibrated with %s's token counter", info.Kind)}, nil
			}
			st := &serverTokenizer{c: t, ctx: ctx, name: "server:" + string(info.Kind) + ":" + info.Model}
			if v, ok := c.(provider.VocabularyIdentifying); ok {
				st.key = "server-spec-" + shortHash(c.Spec()) // no vocabulary id: at least one index per server
				if id, err := v.VocabularyID(ctx); err == nil {
					st.key = "server-" + id
				}
			}
			res := Resolved{Tok: st, Exact: true, Note: fmt.Sprintf("%s's own tokenizer endpoint", info.Kind)}
			if bc, ok := c.(provider.BoundaryCounting); ok && bc.CountsAtBoundaries() {
				res.Tok = &chunkTokenizer{serverTokenizer: st, bc: bc}
			}
			return res, nil
		}
		if t, ok := c.(provider.VocabularySource); ok {
			tok, err := t.Tokenizer(ctx)
			if err == nil && tok != nil {
				return Resolved{Tok: tok, Exact: true, Note: "the model's tokenizer, read from the server (" + tok.Name() + ")"}, nil
			}
		}
		if flag == "server" {
			return Resolved{}, badSetting("tokenizer", fmt.Errorf("server: %s offers no tokenizer; use auto, a tokenizer file, or cl100k/o200k", c.Spec()))
		}
		tok, err := haystack.Tiktoken("o200k")
		if err != nil {
			return Resolved{}, err
		}
		return Resolved{Tok: tok, Note: "o200k stand-in",
			Warn: fmt.Sprintf("%s offers no tokenizer: lengths are o200k tokens, not the model's (a tokenizer file gives exact lengths)", c.Spec())}, nil
	}
	tok, err := FixedTokenizer(flag)
	if err != nil {
		return Resolved{}, err
	}
	// tiktoken encodings are the model's own only on OpenAI's models; bytes,
	// sim and tokenizer files are exact by construction.
	row, _ := provider.Lookup(info.Kind)
	exact := row.Tokens == provider.TokensTiktoken || (flag != "cl100k" && flag != "o200k" && flag != "cl100k_base" && flag != "o200k_base")
	return Resolved{Tok: tok, Exact: exact, Note: "tokenizer " + flag}, nil
}

// serverTokenizer counts through the server's tokenize endpoint. Its
// name is the server kind and model as the spec gave them (records show
// it); its index is cached under key, the vocabulary the server really
// holds, so two servers answering to one name never share an index.
type serverTokenizer struct {
	c    provider.Tokenizing
	ctx  context.Context
	name string
	key  string // "" when the client cannot identify its vocabulary
}

func (s *serverTokenizer) Name() string { return s.name }

// IndexKey is what the token index is cached under.
func (s *serverTokenizer) IndexKey() string {
	if s.key == "" {
		return s.name
	}
	return s.key
}

func (s *serverTokenizer) Count(text string) (int, error) { return s.c.CountTokens(s.ctx, text) }

// Remote tells the index that each Count is a request.
func (s *serverTokenizer) Remote() {}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

// chunkTokenizer is a server tokenizer whose endpoint gives token offsets:
// the index counts a long text up to every sentence boundary at once.
type chunkTokenizer struct {
	*serverTokenizer
	bc provider.BoundaryCounting
}

func (s *chunkTokenizer) CountBoundaries(text string, bounds []int) ([]int, error) {
	return s.bc.CountBoundaries(s.ctx, text, bounds)
}
