package runner

import (
	"context"
	"testing"
	"time"

	"niah/haystack"
	"niah/needle"
)

// BenchmarkComposed1M builds one 1M-length cwe and fwe prompt: drawing
// the list, fitting it to the length by whole-prompt counts, rendering it.
//
//	go test ./runner -run '^$' -bench Composed1M -benchtime 2x
func BenchmarkComposed1M(b *testing.B) {
	for _, tk := range []string{"cl100k", "sim"} {
		for _, name := range []string{"cwe", "fwe"} {
			b.Run(name+"/"+tk, func(b *testing.B) {
				task, _ := needle.ByName(name)
				pr, err := Prompts(context.Background(), Plan{Task: task, Tokenizer: tk, Grid: Grid{Lengths: []int{1 << 20}}, Cache: testCache})
				if err != nil {
					b.Fatal(err)
				}
				counts := 0
				tok := pr.Tok
				pr.Tok = countingTokenizer{tok, &counts}
				i := 0
				for b.Loop() {
					start := time.Now()
					p, err := pr.Build("", Item{Length: 1 << 20, Trial: i})
					if err != nil {
						b.Fatal(err)
					}
					built := time.Since(start)
					text := p.Text()
					b.ReportMetric(built.Seconds(), "s/build")
					b.ReportMetric(time.Since(start).Seconds()-built.Seconds(), "s/render")
					b.ReportMetric(float64(p.Layout.Tokens), "tokens")
					b.ReportMetric(float64(len(text))/1e6, "MB")
					i++
				}
				b.ReportMetric(float64(counts)/float64(i), "counts/prompt")
			})
		}
	}
}

// countingTokenizer counts the Count calls a prompt takes.
type countingTokenizer struct {
	haystack.Tokenizer
	n *int
}

func (c countingTokenizer) Count(s string) (int, error) {
	*c.n++
	return c.Tokenizer.Count(s)
}
