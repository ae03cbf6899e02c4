package runner

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"niah/corpora"
	"niah/haystack"
	"niah/needle"
	"niah/provider"
	"niah/results"
)

// The prompt-generation figures: run with
//   go test ./runner -run '^$' -bench . -benchtime 1x
// (they use the user cache dir like the binary does; BenchmarkIndexCold
// starts from an empty one).

func benchPrompter(b *testing.B, longest int) *Prompter {
	b.Helper()
	tok, err := haystack.Tiktoken("cl100k")
	if err != nil {
		b.Fatal(err)
	}
	task, _ := needle.ByName("single")
	pr, err := NewPrompter(task, corpora.Builtin(0), tok, 42, longest, testCache)
	if err != nil {
		b.Fatal(err)
	}
	return pr
}

// BenchmarkIndexCold tokenizes the whole built-in corpus in cl100k with an
// empty cache: the one-time cost of a new corpus or tokenizer.
func BenchmarkIndexCold(b *testing.B) {
	c := corpora.Builtin(0)
	tok, _ := haystack.Tiktoken("cl100k")
	for b.Loop() {
		cache := haystack.NewCache(b.TempDir())
		start := time.Now()
		ix, err := cache.IndexFor(c.Text, c.Hash, tok, 1<<30)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/corpus")
		b.ReportMetric(float64(ix.Tokens()), "tokens")
	}
}

// BenchmarkPrompt1M builds and renders one 1M-token prompt from a warm index.
func BenchmarkPrompt1M(b *testing.B) {
	pr := benchPrompter(b, 1<<20)
	i := 0
	for b.Loop() {
		p, err := pr.Build("", Item{Length: 1 << 20, Depth: 50, Trial: i})
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Text()) < 1<<20 {
			b.Fatal("short prompt")
		}
		i++
	}
}

// BenchmarkGrid4Kto1M builds and renders the 4K–1M × 11-depth grid (99
// prompts) from a warm index, as gen and run do, one prompt at a time.
func BenchmarkGrid4Kto1M(b *testing.B) {
	pr := benchPrompter(b, 1<<20)
	lengths, _ := ParseLengths("4k..1m")
	depths, _ := ParseDepths("11", "linear")
	items := Items(Grid{Lengths: lengths, Depths: depths, Trials: 1})
	for b.Loop() {
		for _, it := range items {
			p, err := pr.Build("", it)
			if err != nil {
				b.Fatal(err)
			}
			_ = p.Text()
		}
	}
	b.ReportMetric(float64(len(items)), "prompts")
}

// BenchmarkGridAccuracy re-tokenizes every prompt of the 4K–1M × 11 grid
// whole and reports the worst length error (percent of the target, and
// tokens) and the worst depth error (percentage points, lengths ≥ 16K).
func BenchmarkGridAccuracy(b *testing.B) {
	if os.Getenv("NIAH_BENCH_ACCURACY") == "" {
		b.Skip("set NIAH_BENCH_ACCURACY=1: re-tokenizes 60M tokens (a minute)")
	}
	pr := benchPrompter(b, 1<<20)
	lengths, _ := ParseLengths("4k..1m")
	depths, _ := ParseDepths("11", "linear")
	for b.Loop() {
		var worstPct, worstTok, worstDepth float64
		for _, it := range Items(Grid{Lengths: lengths, Depths: depths, Trials: 1}) {
			p, err := pr.Build("", it)
			if err != nil {
				b.Fatal(err)
			}
			n, _ := pr.Tok.Count(p.Text())
			d := math.Abs(float64(n - it.Length))
			worstTok = math.Max(worstTok, d)
			worstPct = math.Max(worstPct, 100*d/float64(it.Length))
			if it.Length >= 16384 {
				worstDepth = math.Max(worstDepth, math.Abs(p.DepthActual-it.Depth))
			}
		}
		b.ReportMetric(worstPct, "worst-len-%")
		b.ReportMetric(worstTok, "worst-len-tok")
		b.ReportMetric(worstDepth, "worst-depth-pp")
	}
}

// BenchmarkRunSim32K is the runner's own overhead: 32K-token trials
// against the built-in simulation at concurrency 8, every record synced to
// disk. It reports requests per second and CPU seconds per request.
func BenchmarkRunSim32K(b *testing.B) {
	sim, _ := openSpec("sim", provider.Options{})
	task, _ := needle.ByName("single")
	pr, err := NewPrompter(task, corpora.Builtin(0), haystack.Sim(), 42, 32768, testCache)
	if err != nil {
		b.Fatal(err)
	}
	depths, _ := ParseDepths("11", "linear")
	grid := Grid{Lengths: []int{32768}, Depths: depths, Trials: 20}
	var requests int
	var cpu time.Duration
	start := time.Now()
	for b.Loop() {
		store, _, err := results.OpenStore(filepath.Join(b.TempDir(), "results.jsonl"))
		if err != nil {
			b.Fatal(err)
		}
		c0 := cpuTime()
		out, err := (engine{Source: GridSource(grid, 1), MaxTokens: 32, Concurrency: 8, Store: store}).run(context.Background(), []Job{{Label: "sim", Client: sim, Prompter: pr, Exact: true, Simulated: true}})
		cpu += cpuTime() - c0
		store.Close()
		if err != nil || out.Done != 220 {
			b.Fatalf("%+v %v", out, err)
		}
		requests += out.Done
	}
	b.ReportMetric(float64(requests)/time.Since(start).Seconds(), "req/s")
	b.ReportMetric(cpu.Seconds()/float64(requests)*1000, "cpu-ms/req")
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
