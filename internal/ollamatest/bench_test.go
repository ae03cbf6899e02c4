package ollamatest

import (
	"path/filepath"
	"testing"
	"time"

	"niah/internal/tinymodel"
)

// BenchmarkTinyPrefill2K measures Ollama's prefill of a 2,000-byte
// (2,001-token) prompt on the tiny model, each iteration a fresh prompt so
// nothing comes from the KV cache. Reported as prefill-ms and tokens/s.
func BenchmarkTinyPrefill2K(b *testing.B) {
	s := Shared(b)
	path := filepath.Join(b.TempDir(), "tiny.gguf")
	if err := tinymodel.Write(path, 1, tinymodel.Options{}); err != nil {
		b.Fatal(err)
	}
	s.Create(b, "tiny", path, "")
	opts := map[string]any{"num_ctx": 4096, "num_predict": 1, "temperature": 0, "seed": 1}
	var total time.Duration
	var tokens int
	i := 0
	for b.Loop() {
		i++
		req := map[string]any{"model": "tiny", "prompt": prompt(byte('A'+i%50), 2000), "raw": true, "stream": false, "options": opts}
		code, body := s.PostJSON(b, "/api/generate", req)
		if code != 200 {
			b.Fatalf("HTTP %d: %s", code, body)
		}
		r := decode[genResponse](b, "/api/generate", body)
		total += time.Duration(r.PromptEvalDuration)
		tokens += r.PromptEvalCount
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "prefill-ms/op")
	b.ReportMetric(float64(tokens)/total.Seconds(), "tokens/s")
}
