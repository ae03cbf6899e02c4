package runner

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"sync/atomic"
	"testing"

	"niah/corpora"
	"niah/haystack"
	"niah/provider"
)

// wordToken is the fake server's vocabulary: a token is a run of spaces
// and the word after it, or a run of newlines, so a sentence's leading
// space and a paragraph's first letter open a token, as in BPE schemes.
var wordToken = regexp.MustCompile(`\n+|[ \t]*[^\s]+|[ \t]+`)

// tokenizeServer speaks llama.cpp's /tokenize (with_pieces as in its
// README: {"tokens":[{"id":..,"piece":".."}]}) and counts its requests.
func tokenizeServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/tokenize" {
			http.NotFound(w, r)
			return
		}
		requests.Add(1)
		var body struct {
			Content    string `json:"content"`
			WithPieces bool   `json:"with_pieces"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		words := wordToken.FindAllString(body.Content, -1)
		var tokens []any
		for i, wd := range words {
			if body.WithPieces {
				tokens = append(tokens, map[string]any{"id": i, "piece": wd})
			} else {
				tokens = append(tokens, i)
			}
		}
		if tokens == nil {
			tokens = []any{}
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"tokens": tokens})
	}))
	t.Cleanup(srv.Close)
	return srv, &requests
}

func serverTok(t *testing.T, url string, chunked bool) haystack.Tokenizer {
	t.Helper()
	c, err := openSpec("llamacpp:any@"+url+"/v1", provider.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := Resolve(context.Background(), "auto", c, provider.ServerInfo{Kind: "llamacpp", Model: "m", HasTokenizer: true})
	if err != nil {
		t.Fatal(err)
	}
	if !chunked {
		return res.Tok.(*chunkTokenizer).serverTokenizer // one request per sentence, as before
	}
	return res.Tok
}

// A fresh index counts only the haystack the grid needs, in large chunks,
// with the same counts as sentence by sentence.
func TestServerIndexCountsInFewRequests(t *testing.T) {
	srv, requests := tokenizeServer(t)
	corpus := corpora.Builtin(0)
	index := func(tok haystack.Tokenizer, need int) *haystack.Index {
		requests.Store(0)
		ix, err := haystack.NewCache(t.TempDir()).IndexFor(corpus.Text, corpus.Hash, tok, need)
		if err != nil {
			t.Fatal(err)
		}
		return ix
	}
	chunked := index(serverTok(t, srv.URL, true), 3072)
	small := requests.Load()
	bySentence := index(serverTok(t, srv.URL, false), 3072)
	perSentence := requests.Load()
	n := min(len(chunked.Cuts), len(bySentence.Cuts))
	if n < 100 || !slices.Equal(chunked.Cuts[:n], bySentence.Cuts[:n]) {
		t.Fatalf("chunked and per-sentence counts differ over the first %d cuts", n)
	}
	if chunked.Tokens() < 3072 || small > 20 {
		t.Errorf("a 3K run: %d requests for %d tokens (want at most 20)", small, chunked.Tokens())
	}
	big := index(serverTok(t, srv.URL, true), 1<<20)
	if big.Tokens() < 1<<20 || requests.Load() > 300 {
		t.Errorf("a 1M run: %d requests for %d tokens (want at most 300)", requests.Load(), big.Tokens())
	}
	if !slices.Equal(big.Cuts[:len(chunked.Cuts)], chunked.Cuts) {
		t.Error("the 1M index does not extend the 3K one")
	}
	t.Logf("3K: %d requests chunked, %d sentence by sentence; 1M: %d requests", small, perSentence, requests.Load())
}
