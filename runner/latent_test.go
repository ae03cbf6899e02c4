package runner

import (
	"context"
	"math"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"niah/corpora"
	"niah/haystack"
	"niah/needle"
	"niah/provider"
	"niah/results"
	"niah/stats"
)

// latent:literal asks the trials of latent: same characters, needles and
// depths, the question aside.
func TestLatentAndLiteralShareTrials(t *testing.T) {
	lat := testJob(t, "latent", &fakeClient{}).Prompter
	lit := testJob(t, "latent:literal", &fakeClient{}).Prompter
	for _, it := range Items(Grid{Lengths: []int{2048, 8192}, Depths: []float64{0, 35, 100}, Trials: 2}) {
		a, err := lat.Build("", it)
		if err != nil {
			t.Fatal(err)
		}
		b, err := lit.Build("", it)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a.Content.Needles, b.Content.Needles) || !reflect.DeepEqual(a.Content.Expected, b.Content.Expected) ||
			a.Content.Question == b.Content.Question {
			t.Fatalf("%+v: latent %+v\nliteral %+v", it, a.Content, b.Content)
		}
		if math.Abs(a.DepthActual-b.DepthActual) > 1 {
			t.Errorf("%+v: the needle sits at %.2f%% and %.2f%%", it, a.DepthActual, b.DepthActual)
		}
		if a.ID == b.ID || !strings.Contains(b.ID, "latent:literal/") {
			t.Errorf("ids %q and %q", a.ID, b.ID)
		}
		if needle.LatentQuestion(b.Text()) || !needle.LatentQuestion(a.Text()) {
			t.Errorf("%+v: the prompts do not end with their own questions", it)
		}
	}
}

// A run of each new task against a perfect reader scores 1 everywhere; a
// reader that names every character or variable it saw gets its extra
// names recorded: a latent answer scores 0, a hops answer scores found ÷
// (expected + extra), here 4 of 4 + 4 decoys, and is not correct.
func TestRunNewTasksGradesAndRecordsExtras(t *testing.T) {
	g := Grid{Lengths: []int{1024, 4096}, Depths: []float64{0, 50, 100}, Trials: 2}
	for _, c := range []struct {
		task      string
		shotgun   bool
		score     float64
		wantExtra bool
	}{
		{"latent", false, 1, false},
		{"latent:literal", false, 1, false},
		{"hops:3:distract", false, 1, false},
		{"latent", true, 0, true},
		{"hops:3:distract", true, 0.5, true},
	} {
		fc := &fakeClient{}
		if c.shotgun {
			fc.respond = func(prompt string, n int) (provider.Response, error) {
				// The right answer, then every capitalised word of the prompt.
				right, _ := needle.Solve(prompt)
				return provider.Response{Answer: right + ", " + strings.Join(namesIn(prompt), ", "), PromptTokens: &n, FinishReason: "stop"}, nil
			}
		}
		path := filepath.Join(t.TempDir(), "r.jsonl")
		out, err := (engine{Source: GridSource(g, 1), MaxTokens: 32, Store: openStore(t, path)}).run(context.Background(), []Job{testJob(t, c.task, fc)})
		if err != nil || out.Done != 12 {
			t.Fatalf("%s: %+v %v", c.task, out, err)
		}
		recs, _, _ := results.Load(path)
		for _, r := range recs {
			if r.Status != results.StatusOK || r.Score != c.score || r.Correct != (c.score == 1 && !c.wantExtra) ||
				(len(r.Extra) > 0) != c.wantExtra || r.Task != c.task {
				t.Errorf("%s shotgun=%v: %s answered %q: score %v correct %v extra %v", c.task, c.shotgun, r.ID, r.Answer, r.Score, r.Correct, r.Extra)
			}
		}
	}
}

// namesIn lists every capitalised word of a prompt once: the characters
// or variables of its needles among them.
func namesIn(prompt string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range regexp.MustCompile(`\b[A-Z][A-Za-z]+\b`).FindAllString(prompt, -1) {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// BenchmarkPrompt1MNewTasks builds and renders one 1M-token cl100k prompt
// of each new task from a warm index, as gen and run do:
//
//	go test ./runner -run '^$' -bench Prompt1MNewTasks -benchtime 3x
func BenchmarkPrompt1MNewTasks(b *testing.B) {
	tok, err := haystack.Tiktoken("cl100k")
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"latent", "latent:literal", "latent:inverted", "latent:distract", "latent:2hop", "hops:4", "hops:4:distract"} {
		task, err := needle.ByName(name)
		if err != nil {
			b.Fatal(err)
		}
		pr, err := NewPrompter(task, corpora.Builtin(0), tok, 42, 1<<20, testCache)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.ReplaceAll(name, ":", "_"), func(b *testing.B) {
			i := 0
			for b.Loop() {
				p, err := pr.Build("", Item{Length: 1 << 20, Depth: 50, Trial: i})
				if err != nil {
					b.Fatal(err)
				}
				if text := p.Text(); len(text) < 4<<20 || p.Layout.Tokens < 1<<20-64 || p.Layout.Tokens > 1<<20+64 {
					b.Fatalf("%d planned tokens, %d bytes for a 1M prompt", p.Layout.Tokens, len(text))
				}
				i++
			}
		})
	}
}

// TestSimHeatmapShapeForNewTasks runs the simulation (64K window) over the
// new tasks and checks the heatmap has the shape its profile promises:
// literal retrieval (latent:literal, hops) perfect up to an eighth of the
// window, latent retrieval only up to a quarter of that, falling with
// length, worst in the middle; and the latent effective length below the
// literal one on the same trials.
func TestSimHeatmapShapeForNewTasks(t *testing.T) {
	sim, err := openSpec("sim:64k", provider.Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := Grid{Lengths: []int{1024, 2048, 4096, 8192, 16384, 32768, 57344}, Depths: []float64{0, 25, 50, 75, 100}, Trials: 4}
	sums := map[string]*stats.Summary{}
	for _, task := range []string{"latent", "latent:literal", "hops:4"} {
		tk, _ := needle.ByName(task)
		pr, err := NewPrompter(tk, corpora.Builtin(0), haystack.Sim(), 42, 57344, testCache)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "r.jsonl")
		out, err := (engine{Source: GridSource(g, 1), MaxTokens: 32, Concurrency: 2, Store: openStore(t, path)}).run(context.Background(), []Job{{Label: task, Client: sim, Prompter: pr, Exact: true, Simulated: true}})
		if err != nil || out.Done != 140 {
			t.Fatalf("%s: %+v %v", task, out, err)
		}
		recs, _, _ := results.Load(path)
		sums[task] = stats.Summarize(recs)[0]
	}
	mean := func(task string, length int) float64 {
		for _, ls := range sums[task].PerLength {
			if ls.Length == length {
				return ls.Mean
			}
		}
		t.Fatalf("%s: no length %d", task, length)
		return 0
	}
	for _, l := range []int{1024, 2048, 4096, 8192} {
		for _, task := range []string{"latent:literal", "hops:4"} {
			if m := mean(task, l); m != 1 {
				t.Errorf("%s at %d: %.2f, want 1 up to an eighth of the window", task, l, m)
			}
		}
	}
	if mean("latent", 1024) != 1 || mean("latent", 2048) != 1 {
		t.Errorf("latent must be perfect up to 2K: %.2f %.2f", mean("latent", 1024), mean("latent", 2048))
	}
	// At 56K the literal profile fails too (an expected 0.55 against
	// latent's 0.48 over these depths): four trials a cell cannot order
	// them, so the comparison stops at 32K.
	for _, l := range []int{8192, 16384, 32768} {
		if lat, lit := mean("latent", l), mean("latent:literal", l); lat >= lit || lat >= 1 {
			t.Errorf("at %d latent %.2f should be below literal %.2f", l, lat, lit)
		}
	}
	if mean("latent", 57344) >= mean("latent", 8192) {
		t.Errorf("latent accuracy should fall with length: %.2f at 8K, %.2f at 56K", mean("latent", 8192), mean("latent", 57344))
	}
	// Lost in the middle: over the lengths where latent fails, depth 50 is
	// worse than the two ends.
	byDepth := map[float64]float64{}
	s := sums["latent"]
	for r, d := range s.Depths {
		for c, l := range s.Lengths {
			if l >= 8192 {
				byDepth[d] += s.Cells[r][c].Mean
			}
		}
	}
	if byDepth[50] >= byDepth[0] || byDepth[50] >= byDepth[100] {
		t.Errorf("latent by depth (sum over 8K+): %v, want the middle lowest", byDepth)
	}
	lat := stats.ComputeEffective(sums["latent"], stats.DefaultThreshold, stats.DefaultRelative)
	lit := stats.ComputeEffective(sums["latent:literal"], stats.DefaultThreshold, stats.DefaultRelative)
	if lat.NoLiMa >= lit.NoLiMa || lat.RULER >= lit.RULER || lit.RULER < 8192 {
		t.Errorf("effective lengths: latent %+v, literal %+v", lat, lit)
	}
	t.Logf("effective (RULER/NoLiMa): latent %d/%d, literal %d/%d", lat.RULER, lat.NoLiMa, lit.RULER, lit.NoLiMa)
}
