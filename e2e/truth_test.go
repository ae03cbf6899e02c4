package e2e

import (
	"errors"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"niah/internal/tinymodel"
	"niah/results"
)

// --tokenizer auto on the native API reads the model's own tokenizer from
// the server: every prompt lands within 1% of its target in the server's
// own count.
func TestAutoTokenizerLandsOnTarget(t *testing.T) {
	srv := tinyModel(t)
	run := runNiah(t, 6, "--model", "ollama:niah-tiny@"+srv.URL, "--task", "single",
		"--lengths", "1k,3k", "--depths", "0,50,100", "--trials", "1", "--max-tokens", "4")
	recs, man := run.recs, run.man
	if !strings.HasPrefix(man.Tokenizer, "gguf:") {
		t.Errorf("auto should use the model's GGUF tokenizer from /api/show, used %s (%s)", man.Tokenizer, man.Models[0].TokenizerNote)
	}
	var errs []float64
	for _, r := range recs {
		if r.PromptTokensServer == nil {
			t.Fatalf("%s: no server count", r.ID)
		}
		// The length is the window: the prompt's target is the length less
		// the 4-token answer budget, and the prompt never passes it.
		target := r.Length - 4
		e := 100 * float64(abs(*r.PromptTokensServer-target)) / float64(target)
		errs = append(errs, e)
		if e > 1 || *r.PromptTokensServer > target {
			t.Errorf("%s: target %d, server counted %d (%.2f%%)", r.ID, target, *r.PromptTokensServer, e)
		}
	}
	sort.Float64s(errs)
	t.Logf("length error in the server's count over %d prompts: median %.3f%%, worst %.3f%%", len(errs), errs[len(errs)/2], errs[len(errs)-1])
}

// --tokenizer FILE.gguf reads the tokenizer from the model file offline;
// the server's own counts agree with it exactly (after the BOS it adds).
func TestGGUFTokenizerFileAgreesWithServer(t *testing.T) {
	srv := tinyModel(t)
	path := filepath.Join(t.TempDir(), "tiny.gguf")
	if err := tinymodel.Write(path, 1, tinymodel.Options{}); err != nil {
		t.Fatal(err)
	}
	run := runNiah(t, 4, "--model", "ollama:niah-tiny@"+srv.URL, "--task", "multivalue", "--tokenizer", path,
		"--lengths", "1k,2k", "--depths", "0,100", "--trials", "1", "--max-tokens", "4")
	if !strings.HasPrefix(run.man.Tokenizer, "gguf:") {
		t.Fatalf("tokenizer %s, want the .gguf file's", run.man.Tokenizer)
	}
	for _, r := range run.recs {
		if r.PromptTokensServer == nil || *r.PromptTokensServer != r.PromptTokens {
			t.Errorf("%s: planned %d, server counted %v", r.ID, r.PromptTokens, r.PromptTokensServer)
		}
	}
}

// Ollama's OpenAI-compatible API cannot set num_ctx and cuts prompts to
// 4096 tokens with HTTP 200: niah must record those trials invalid
// (truncated), never as retrieval failures, and probe must say so.
func TestOpenAIEndpointTruncationIsCaught(t *testing.T) {
	srv := tinyModel(t)
	dir := t.TempDir()
	stdout, stderr, err := niah(t, "run", "--model", "openai:niah-tiny@"+srv.URL+"/v1", "--task", "single",
		"--lengths", "2k,6k", "--depths", "50%", "--trials", "1", "--max-tokens", "4", "--out", dir)
	recs, _ := load(t, dir)
	if len(recs) != 2 {
		t.Fatalf("%d records: %v\n%s", len(recs), err, stderr)
	}
	// The random model may answer nothing printable at 2K (length_empty):
	// then no trial is graded and the run exits 4, saying so.
	var exit *exec.ExitError
	graded := recs[0].Valid() || recs[1].Valid()
	if graded && err != nil || !graded && (!errors.As(err, &exit) || exit.ExitCode() != 4 || !strings.Contains(stderr, "nothing was measured")) {
		t.Errorf("graded: %v; exit: %v\n%s", graded, err, stderr)
	}
	run := ran{recs: recs, stdout: stdout, dir: dir}
	for _, r := range run.recs {
		switch {
		case r.Length > 4096 && (r.Status != results.StatusInvalid || r.Reason != results.ReasonTruncated):
			t.Errorf("%s: above 4096 must be invalid/truncated, got %s/%s (server %v)", r.ID, r.Status, r.Reason, r.PromptTokensServer)
		case r.Length <= 4096 && r.Reason == results.ReasonTruncated:
			t.Errorf("%s: a prompt below the window flagged truncated (server %v, planned %d)", r.ID, r.PromptTokensServer, r.PromptTokens)
		}
	}
	if !strings.Contains(run.stdout, "truncated") || !strings.Contains(run.stdout, "native") {
		t.Errorf("the summary should count truncated trials and advise the native API")
	}

	probe, _, err := niah(t, "probe", "--model", "openai:niah-tiny@"+srv.URL+"/v1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(probe, "CUTS SILENTLY to 4096") {
		t.Errorf("probe should report the silent cut to 4096")
	}
	native, _, err := niah(t, "probe", "--model", "ollama:niah-tiny@"+srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(native, "REJECTS") {
		t.Errorf("probe of the native API should report a rejection")
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
