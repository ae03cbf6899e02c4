package provider

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"niah/results"
)

// BenchmarkCompleteLongPrompt measures the client's own cost of one
// request carrying a ~1M-token (4 MiB) prompt: encoding, sending over
// loopback, parsing the answer.
func BenchmarkCompleteLongPrompt(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		_, _ = io.WriteString(w, vllmAnswer)
	}))
	defer srv.Close()
	spec, _ := ParseSpec("vllm:m@" + srv.URL + "/v1")
	c, err := Open(spec, Options{})
	if err != nil {
		b.Fatal(err)
	}
	prompt := strings.Repeat("The grass is green. The sky is blue. ", 4<<20/37)
	req := Request{Messages: []results.Message{{Role: "user", Content: prompt}}, MaxTokens: 32}
	b.SetBytes(int64(len(prompt)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := c.Complete(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}
