package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestStreamRawKeepsEveryChunk: the raw record of a long stream holds each
// chunk as it was sent. The line scanner reuses its buffer, so a chunk
// kept without copying is overwritten by later ones once the stream
// outgrows the buffer (64 KB).
func TestStreamRawKeepsEveryChunk(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "k")
	t.Setenv("GEMINI_API_KEY", "k")
	const n = 3000
	var sse, ndjson, gem, anth strings.Builder
	anth.WriteString(sseEvents("message_start", anthropicMessageStart))
	for i := range n {
		fmt.Fprintf(&sse, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w%05d \"}}]}\n\n", i)
		fmt.Fprintf(&ndjson, "{\"message\":{\"role\":\"assistant\",\"content\":\"w%05d \"},\"done\":false}\n", i)
		gem.WriteString(geminiSSE(fmt.Sprintf(`{"candidates":[{"content":{"role":"model","parts":[{"text":"w%05d "}]},"index":0}]}`, i)))
		anth.WriteString(sseEvents("content_block_delta", fmt.Sprintf(`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"w%05d "}}`, i)))
	}
	sse.WriteString("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
	ndjson.WriteString("{\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\"}\n")
	gem.WriteString(geminiSSE(`{"candidates":[{"content":{"role":"model","parts":[{"text":""}]},"finishReason":"STOP","index":0}]}`))
	anth.WriteString(sseEvents("message_delta", `{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":9}}`,
		"message_stop", `{"type":"message_stop"}`))
	f := newFake(t, map[string][]scripted{
		"POST /v1/chat/completions":                   {{body: sse.String()}},
		"POST /api/chat":                              {{body: ndjson.String()}},
		"POST /v1beta/models/g:streamGenerateContent": {{body: gem.String()}},
		"POST /v1/messages":                           {{body: anth.String()}},
	})
	for _, tc := range []struct {
		spec, base string
		first      int // index of the first text chunk in Raw
	}{{"vllm:m", "/v1", 0}, {"ollama:q", "", 0}, {"gemini:g", "", 0}, {"anthropic:c", "", 1}} {
		r, err := client(t, tc.spec, f.URL+tc.base, Options{Stream: true}).Complete(context.Background(), Request{Messages: userMsg})
		if err != nil {
			t.Fatal(err)
		}
		var raw []json.RawMessage
		if err := json.Unmarshal(r.Raw, &raw); err != nil || len(raw) < n+tc.first {
			t.Fatalf("%s: raw is not the chunks: %v (%d bytes)", tc.spec, err, len(r.Raw))
		}
		for i := range n {
			if !strings.Contains(string(raw[tc.first+i]), fmt.Sprintf("w%05d ", i)) {
				t.Fatalf("%s: raw chunk %d is %s", tc.spec, i, raw[tc.first+i])
			}
		}
		if !strings.HasPrefix(r.Answer, "w00000 w00001 ") || len(r.Answer) != 7*n {
			t.Fatalf("%s: answer %d bytes", tc.spec, len(r.Answer))
		}
	}
}
