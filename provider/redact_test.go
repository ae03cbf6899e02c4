package provider

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// keyCatcher is a server that notes every credential header it receives.
type keyCatcher struct {
	*httptest.Server
	mu   sync.Mutex
	got  []string
	hits int
}

func newKeyCatcher(t *testing.T, h http.HandlerFunc) *keyCatcher {
	k := &keyCatcher{}
	k.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k.mu.Lock()
		k.hits++
		for _, name := range credentialHeaders {
			if v := r.Header.Get(name); v != "" {
				k.got = append(k.got, name+": "+v)
			}
		}
		k.mu.Unlock()
		h(w, r)
	}))
	t.Cleanup(k.Close)
	return k
}

// A 307 to another port of the same host must not carry the API key; one
// to the same origin does. Every protocol's key header is checked.
func TestRedirectKeepsKeysHome(t *testing.T) {
	const answer = `{"choices":[{"message":{"content":"42"},"finish_reason":"stop"}],` +
		`"message":{"content":"42"},"done":true,"type":"message","content":[{"type":"text","text":"42"}],"stop_reason":"end_turn",` +
		`"candidates":[{"content":{"parts":[{"text":"42"}]},"finishReason":"STOP"}]}`
	other := newKeyCatcher(t, func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(answer)) })
	t.Setenv("NIAH_TEST_KEY", "sekrit-123")
	for _, prov := range []string{"openai", "ollama", "anthropic", "gemini"} {
		for _, cross := range []bool{true, false} {
			var home *keyCatcher
			home = newKeyCatcher(t, func(w http.ResponseWriter, r *http.Request) {
				if strings.HasPrefix(r.URL.Path, "/again") {
					_, _ = w.Write([]byte(answer))
					return
				}
				to := other.URL
				if !cross {
					to = home.URL + "/again"
				}
				http.Redirect(w, r, to+r.URL.Path, http.StatusTemporaryRedirect)
			})
			c := client(t, prov+":m", home.URL, Options{APIKeyEnv: "NIAH_TEST_KEY", MaxRetries: -1})
			if _, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8}); err != nil {
				t.Fatalf("%s cross=%v: %v", prov, cross, err)
			}
			if want := map[bool]int{true: 1, false: 2}[cross]; len(home.got) != want || !strings.Contains(home.got[0], "sekrit-123") {
				t.Fatalf("%s: the origin got %v", prov, home.got)
			}
			if cross && len(other.got) != 0 {
				t.Fatalf("%s: another port of 127.0.0.1 received %v", prov, other.got)
			}
			if !cross && home.hits != 2 {
				t.Fatalf("%s: same-origin redirect: %d requests", prov, home.hits)
			}
		}
	}
	if other.hits != 4 {
		t.Fatalf("the other port saw %d redirected requests, want 4", other.hits)
	}
}

// Credentials in the base URL reach no message: not the spec's rendering,
// not an error naming the server, not an echoed body.
func TestURLCredentialsRedacted(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "bad key pa55word in "+r.URL.String(), http.StatusBadRequest)
	}))
	defer srv.Close()
	for _, spec := range []string{
		"openai:m@" + strings.Replace(srv.URL, "http://", "http://user:pa55word@", 1) + "/v1",
		"vllm:m@" + srv.URL + "/v1?api_key=pa55word",
	} {
		s, err := ParseSpec(spec)
		if err != nil {
			t.Fatal(err)
		}
		c, err := Open(s, Options{MaxRetries: -1})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8})
		for _, text := range []string{c.Spec(), err.Error(), RedactText("--model=" + spec)} {
			if strings.Contains(text, "pa55word") || strings.Contains(text, "user:") {
				t.Fatalf("leaked: %q", text)
			}
		}
	}
	if _, err := ParseSpec("nope:m@http://u:pa55word@h/v1"); err == nil || strings.Contains(err.Error(), "pa55word") {
		t.Fatalf("spec error: %v", err)
	}
}
