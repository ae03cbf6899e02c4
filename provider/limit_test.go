package provider

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"niah/results"
)

// A body that never ends is read up to the cap and refused as a bad
// response naming the cap, streamed or not, in every protocol.
func TestEndlessBodyIsCutAtTheCap(t *testing.T) {
	const limit = 2 << 20 // the same code path as the default, a quicker test
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Endless SSE events when streaming (the body cap ends the read),
		// else one endless JSON string.
		chunk := strings.Repeat("a", 64<<10)
		body, _ := io.ReadAll(r.Body)
		switch {
		case r.URL.Path == "/api/chat" && bytes.Contains(body, []byte(`"stream":true`)):
			chunk = `{"message":{"content":"` + chunk + `"},"done":false}` + "\n"
		case r.URL.Query().Get("alt") == "sse" || bytes.Contains(body, []byte(`"stream":true`)):
			chunk = "data: {\"x\":\"" + chunk + "\"}\n\n"
		}
		w.WriteHeader(200)
		for r.Context().Err() == nil {
			if _, err := w.Write([]byte(chunk)); err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	t.Setenv("NIAH_TEST_KEY", "test-key-123")
	for _, prov := range []string{"openai", "ollama", "anthropic", "gemini"} {
		for _, stream := range []bool{false, true} {
			c := client(t, prov+":m", srv.URL, Options{APIKeyEnv: "NIAH_TEST_KEY", MaxRetries: -1, Stream: stream, MaxAnswerBytes: limit})
			_, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8})
			pe := classOf(t, err)
			if pe.Reason != results.ReasonBadResponse || !strings.Contains(pe.Message, "larger than 2 MB") {
				t.Errorf("%s stream=%v: %s %q", prov, stream, pe.Reason, pe.Message)
			}
		}
	}
}

// Streamed text stops growing at maxStreamText, on a character boundary.
func TestStreamTextIsCapped(t *testing.T) {
	var st streamText
	st.WriteString("a") // then 2-byte characters: the cap falls inside one
	for range maxStreamText/2 + 10 {
		st.WriteString("é")
	}
	if len(st.String()) != maxStreamText-1 || !utf8.ValidString(st.String()) {
		t.Fatalf("%d bytes kept, valid UTF-8 %v", len(st.String()), utf8.ValidString(st.String()))
	}
}
