package provider

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"niah/results"
)

// A body that never ends is read up to a cap (the body's or a stream
// line's) and refused as a bad response naming the cap, streamed or not, in every protocol.
func TestEndlessBodyIsCutAtTheCap(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// One endless line, or endless SSE events for Gemini's streaming
		// path: either the line cap or the body cap must end the read.
		chunk := strings.Repeat("a", 64<<10)
		if r.URL.Query().Get("alt") == "sse" {
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
	t.Setenv("NIAH_TEST_KEY", "k")
	for _, prov := range []string{"openai", "ollama", "anthropic", "gemini"} {
		for _, stream := range []bool{false, true} {
			c := client(t, prov+":m", srv.URL, Options{APIKeyEnv: "NIAH_TEST_KEY", MaxRetries: -1, Stream: stream})
			_, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8})
			pe := classOf(t, err)
			bounded := strings.Contains(pe.Message, "larger than 16 MB") || strings.Contains(pe.Message, "stream line longer than")
			if pe.Reason != results.ReasonBadResponse || !bounded {
				t.Errorf("%s stream=%v: %s %q", prov, stream, pe.Reason, pe.Message)
			}
		}
	}
}
