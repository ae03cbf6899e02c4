package runner

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"niah/gguf"
	"niah/internal/tinymodel"
	"niah/needle"
)

// tokenizerFiles writes the tokenizer files niah reads (a GGUF's own
// vocabulary, a byte-level BPE tokenizer.json with Qwen's pre-tokenizer)
// and finds the Gemma SentencePiece model of Ollama's test data, when the
// module cache has it.
func tokenizerFiles(t *testing.T) map[string]string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{}
	ggufPath := filepath.Join(dir, "tiny.gguf")
	if err := tinymodel.Write(ggufPath, 1, tinymodel.Options{}); err != nil {
		t.Fatal(err)
	}
	files["gguf"] = ggufPath
	vocab := map[string]int{}
	for b, r := range gguf.GPT2ByteToRune() {
		vocab[string(r)] = b
	}
	merges := []string{"Ġ t", "h e", "Ġt he", "Ġ a", "Ġ 1", ". Ċ", "Ċ Ċ", "e r", "i n", "o n"}
	for i, m := range merges {
		vocab[strings.ReplaceAll(m, " ", "")] = 256 + i
	}
	const qwen2 = `(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`
	doc := map[string]any{
		"pre_tokenizer": map[string]any{"type": "Sequence", "pretokenizers": []any{
			map[string]any{"type": "Split", "pattern": map[string]any{"Regex": qwen2}, "behavior": "Isolated", "invert": false},
			map[string]any{"type": "ByteLevel", "add_prefix_space": false, "use_regex": false},
		}},
		"model": map[string]any{"type": "BPE", "vocab": vocab, "merges": merges},
	}
	b, _ := json.Marshal(doc)
	hf := filepath.Join(dir, "tokenizer.json")
	if err := os.WriteFile(hf, b, 0o644); err != nil {
		t.Fatal(err)
	}
	files["hf"] = hf
	if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
		spm := filepath.Join(strings.TrimSpace(string(out)), "github.com", "ollama", "ollama@v0.17.4", "tokenizer", "testdata", "gemma2", "tokenizer.model")
		if _, err := os.Stat(spm); err == nil {
			files["spm"] = spm
		}
	}
	return files
}

// cwe and fwe keep exact lengths in every tokenizer niah reads: the plan
// is the whole prompt's tokenization, and the prompt with the answer
// budget fills the length without passing it (1%, at least 8 tokens).
func TestComposedPromptsAreExactInEveryTokenizer(t *testing.T) {
	toks := []string{"cl100k", "o200k", "bytes", "sim"}
	files := tokenizerFiles(t)
	for _, k := range []string{"gguf", "hf", "spm"} {
		if f, ok := files[k]; ok {
			toks = append(toks, f)
		} else if os.Getenv("CI") == "true" {
			t.Fatalf("no %s tokenizer file in CI", k)
		}
	}
	for _, name := range []string{"cwe", "fwe"} {
		task, _ := needle.ByName(name)
		for _, tk := range toks {
			prs, err := PromptSet(context.Background(), Plan{Task: task, Tokenizer: tk, Grid: Grid{Lengths: []int{2048, 8192, 32768}}, Cache: testCache})
			if err != nil {
				t.Fatalf("%s %s: %v", name, tk, err)
			}
			pr := prs[0]
			for _, l := range []int{2048, 8192, 32768} {
				for trial := range 2 {
					p, err := pr.Build("", Item{Length: l, Trial: trial})
					if err != nil {
						t.Fatalf("%s %s %d: %v", name, filepath.Base(tk), l, err)
					}
					n, _ := pr.Tok.Count(p.Text())
					room := l - DefaultMaxTokens
					if n != p.Layout.Tokens || n > room || n < room-max(8, l/100) {
						t.Errorf("%s in %s at %d: %d tokens (planned %d) for a prompt of %d", name, filepath.Base(tk), l, n, p.Layout.Tokens, room)
					}
					if g := needle.GradeInstance(mustSolve(p.Text()), p.Content); !g.Correct {
						t.Errorf("%s in %s at %d: the oracle cannot answer the prompt", name, filepath.Base(tk), l)
					}
				}
			}
		}
	}
}

func mustSolve(prompt string) string {
	a, _ := needle.Solve(prompt)
	return a
}

// A task without depth sends as many trials per length as the grid's
// depths and trials make, in one row at depth 0, marked depthless.
func TestDepthlessTaskFillsOneRow(t *testing.T) {
	task, _ := needle.ByName("fwe")
	run, err := Open(context.Background(), Plan{Task: task, Grid: Grid{Lengths: []int{2048, 4096}, Depths: []float64{0, 50, 100}, Trials: 2},
		Models: []ModelSpec{{Spec: "sim"}}, Out: t.TempDir(), Cache: testCache})
	if err != nil {
		t.Fatal(err)
	}
	defer run.Close()
	res, err := run.Execute(context.Background(), Hooks{})
	if err != nil || len(res.Records) != 12 {
		t.Fatalf("%d records, %v", len(res.Records), err)
	}
	for _, r := range res.Records {
		if r.Depth != 0 || !r.Depthless || r.Trial > 5 || r.Task != "fwe" {
			t.Errorf("%s: depth %g depthless %v trial %d", r.ID, r.Depth, r.Depthless, r.Trial)
		}
	}
	if n, err := Pending(Plan{Task: task, Grid: Grid{Lengths: []int{2048, 4096}, Depths: []float64{0, 50, 100}, Trials: 2},
		Models: []ModelSpec{{Spec: "sim"}}, Out: run.Dir.Path}); err != nil || n != 0 {
		t.Errorf("a finished depthless run has %d trials pending (%v)", n, err)
	}
}
