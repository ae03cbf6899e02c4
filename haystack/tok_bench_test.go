package haystack

import "testing"

// Run with: go test -run '^$' -bench Count -benchtime 3x ./haystack/
func BenchmarkCount(b *testing.B) {
	text := warAndPeace(b, 1<<20)
	toks := map[string]func() (Tokenizer, error){
		"cl100k": func() (Tokenizer, error) { return Tiktoken("cl100k") },
		"o200k":  func() (Tokenizer, error) { return Tiktoken("o200k") },
		"llama3-hf": func() (Tokenizer, error) {
			_, t := llama3HF(b)
			return t, nil
		},
		"gemma-spm": func() (Tokenizer, error) { return gemmaOnce() },
	}
	for _, name := range []string{"cl100k", "o200k", "llama3-hf", "gemma-spm"} {
		b.Run(name, func(b *testing.B) {
			tok, err := toks[name]()
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(text)))
			n := 0
			for b.Loop() {
				n, _ = tok.Count(text)
			}
			b.ReportMetric(float64(n), "tokens")
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}
