package runner

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/haystack"
	"niah/provider"
)

// llamaTokenizerServer mimics llama-server's /v1/models, /props and
// /tokenize, splitting text with split: one vocabulary per server.
func llamaTokenizerServer(t *testing.T, split func(string) []int) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/v1/models":
			w.Write([]byte(`{"object":"list","data":[{"id":"model.gguf","object":"model","meta":{"n_ctx_train":8192}}]}`))
		case "/props":
			w.Write([]byte(`{"default_generation_settings":{"n_ctx":8192},"total_slots":1,"build_info":"b1"}`))
		case "/tokenize":
			var req struct {
				Content string `json:"content"`
			}
			json.NewDecoder(r.Body).Decode(&req)
			json.NewEncoder(w).Encode(map[string]any{"tokens": split(req.Content)})
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func byBytes(s string) []int {
	ids := make([]int, len(s))
	for i := range len(s) {
		ids[i] = int(s[i])
	}
	return ids
}

func byWords(s string) []int {
	var ids []int
	for i, w := range strings.Fields(s) {
		ids = append(ids, 1000+i+len(w))
	}
	return ids
}

// Two servers that both answer to llamacpp:any with different
// vocabularies must never share a cached token index.
func TestServerIndexIsKeyedByVocabulary(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	text := strings.Repeat("The river bends north of the old mill. ", 200)
	sum := sha256.Sum256([]byte(text))
	hash := hex.EncodeToString(sum[:])
	resolve := func(srv *httptest.Server) haystack.Tokenizer {
		spec, err := provider.ParseSpec("llamacpp:any@" + srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		c, err := provider.Open(spec, provider.Options{})
		if err != nil {
			t.Fatal(err)
		}
		info, err := c.Info(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Resolve(ctx, "auto", c, info)
		if err != nil {
			t.Fatal(err)
		}
		return res.Tok
	}
	a, b := resolve(llamaTokenizerServer(t, byBytes)), resolve(llamaTokenizerServer(t, byWords))
	a2 := resolve(llamaTokenizerServer(t, byBytes)) // another server, same vocabulary
	if a.Name() != b.Name() {
		t.Fatalf("records name the tokenizer by spec (%q, %q): that must not change", a.Name(), b.Name())
	}
	ka, kb := a.(haystack.IndexKeyed).IndexKey(), b.(haystack.IndexKeyed).IndexKey()
	if ka == kb || ka != a2.(haystack.IndexKeyed).IndexKey() || !strings.HasPrefix(ka, "server-llamacpp-vocab-") {
		t.Fatalf("index keys %q %q %q", ka, kb, a2.(haystack.IndexKeyed).IndexKey())
	}
	ixA, err := haystack.NewCache(dir).IndexFor(text, hash, a, 1000)
	if err != nil {
		t.Fatal(err)
	}
	ixB, err := haystack.NewCache(dir).IndexFor(text, hash, b, 1000) // a fresh process, same disk cache
	if err != nil {
		t.Fatal(err)
	}
	if ixA.Tokens() == ixB.Tokens() {
		t.Fatalf("byte and word vocabularies indexed alike: %d tokens each", ixA.Tokens())
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.idx"))
	if len(files) != 2 {
		entries, _ := os.ReadDir(dir)
		t.Fatalf("want one index file per vocabulary, got %v", entries)
	}
}
