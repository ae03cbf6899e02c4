package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"niah/haystack"
	"niah/needle"
	"niah/render"
	"niah/results"
)

// One latent and one hops prompt at 1K in cl100k, byte for byte.
func TestGenGoldenLatentAndHops(t *testing.T) {
	tok, _ := haystack.Tiktoken("cl100k")
	for _, c := range []struct{ task, golden string }{
		{"latent", "gen_latent.jsonl"},
		{"hops:3:distract", "gen_hops.jsonl"},
	} {
		path := filepath.Join(t.TempDir(), "p.jsonl")
		if _, _, err := runNiah(t, "gen", "--task", c.task, "--lengths", "1k", "--depths", "40%", "--trials", "1", "--out", path); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(path)
		goldenFile(t, c.golden, b)
		recs, _, err := results.Load(path)
		if err != nil || len(recs) != 1 {
			t.Fatalf("%s: %d records, %v", c.task, len(recs), err)
		}
		r := recs[0]
		prompt := r.Messages[0].Content
		// 1K is the window: the prompt and the default 128-token answer.
		if n, _ := tok.Count(prompt); r.Task != c.task || n < 896-8 || n > 896 || r.PromptTokens != n {
			t.Errorf("%s: task %q, %d tokens (planned %d) for 1K", c.task, r.Task, n, r.PromptTokens)
		}
		if g := needle.GradeInstance(mustSolve(prompt), needle.Instance{Expected: r.Expected, Others: r.Others}); !g.Correct {
			t.Errorf("%s: the oracle cannot answer the generated prompt", c.task)
		}
		// The record names the prompt's other characters or variables, so
		// another runner can flag them in answers.
		if len(r.Others) < 3 {
			t.Errorf("%s: others %v", c.task, r.Others)
		}
		for _, o := range r.Others {
			if !strings.Contains(prompt, o) || slices.Contains(r.Expected, o) {
				t.Errorf("%s: other name %q is not a distractor of the prompt", c.task, o)
			}
		}
	}
}

// The sim runs latent and its literal control, resumes, reports, and
// compare shows the gap between them.
func TestLatentRunReportCompare(t *testing.T) {
	root := t.TempDir()
	dirs := map[string]string{}
	for _, task := range []string{"latent", "latent:literal"} {
		dir := filepath.Join(root, strings.ReplaceAll(task, ":", "-"))
		args := []string{"run", "--model", "sim:32k", "--task", task, "--lengths", "1k,2k,4k,8k,16k", "--depths", "3", "--trials", "3", "--out", dir}
		stdout, _, err := runNiah(t, args...)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(stdout, "latent task: read the NoLiMa effective length") {
			t.Errorf("%s: the summary does not say which effective length applies:\n%s", task, stdout)
		}
		if _, stderr, err := runNiah(t, args...); err != nil || !strings.Contains(stderr, "45 of 45 trials already recorded") {
			t.Fatalf("%s: rerun: %v\n%s", task, err, stderr)
		}
		dirs[task] = dir
	}
	out := filepath.Join(root, "cmp")
	stdout, _, err := runNiah(t, "compare", dirs["latent"], dirs["latent:literal"], "--out", out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout, "literal − latent") {
		t.Errorf("compare table has no latent gap:\n%s", stdout)
	}
	page, _ := os.ReadFile(filepath.Join(out, render.CompareHTML))
	if !bytes.Contains(page, []byte("literal vs latent")) {
		t.Error("compare.html has no literal vs latent section")
	}
}
