package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"niah/refmodel"
	"niah/results"
	"niah/stats"
)

var refs sync.Map // model name -> error from creating it

// refModel registers the hand-built reference model variant opts
// (retrieval by byte induction, effective context 2,310 × its RoPE scale by
// design) on the shared Ollama under name, once per test binary.
func refModel(t *testing.T, name string, opts refmodel.Options) string {
	t.Helper()
	srv := tinyModel(t)
	if _, done := refs.Load(name); !done {
		path := filepath.Join(t.TempDir(), name+".gguf")
		if err := refmodel.Write(path, opts); err != nil {
			t.Fatal(err)
		}
		srv.Create(t, name, path, "")
		refs.Store(name, true)
	}
	return "ollama:" + name + "@" + srv.URL
}

// runRef runs the self-check grid (3 lengths × 3 depths) on a reference
// model and returns the records, the RULER effective length and the run
// directory.
func runRef(t *testing.T, model, lengths string) ([]results.Record, int, string) {
	t.Helper()
	run := runNiah(t, 9, "--model", model, "--task", "passkey", "--haystack", "noise", "--tokenizer", "bytes",
		"--lengths", lengths, "--depths", "0,50,100", "--trials", "1", "--max-tokens", "8")
	recs, dir := run.recs, run.dir
	sums := stats.Summarize(recs)
	if len(sums) != 1 {
		t.Fatalf("%d summaries", len(sums))
	}
	eff := stats.ComputeEffective(sums[0], stats.DefaultThreshold, stats.DefaultRelative)
	return recs, eff.RULER, dir
}

// The whole chain — prompt building, byte lengths, Ollama's tokenizer and
// KV cache, generation, grading, the effective-length verdict — checked
// against a model whose true answer is known: 100% at every depth up to
// 2K tokens, 0 past 2,310, and an effective context between the two.
func TestReferenceModelSelfCheck(t *testing.T) {
	recs, eff, dir := runRef(t, refModel(t, "niah-ref", refmodel.Options{}), "1k,2k,3k")
	for _, r := range recs {
		if r.Status != results.StatusOK {
			t.Errorf("%s: %s/%s %s", r.ID, r.Status, r.Reason, r.Error)
			continue
		}
		switch want := r.Length <= 2048; {
		case want && r.Score != 1:
			t.Errorf("%s (%d tokens): below the designed context it must retrieve; answered %q for %v", r.ID, r.PromptTokens, r.Answer, r.Expected)
		case !want && r.Score != 0:
			t.Errorf("%s (%d tokens): past 2,310 it must fail by design; answered %q for %v", r.ID, r.PromptTokens, r.Answer, r.Expected)
		}
	}
	if eff < 2048 || eff >= 3072 {
		t.Errorf("effective context %d: want between the largest passing (2K) and the smallest failing (3K) length", eff)
	}
	// Why: a position limit, bracketing the designed 2,310.
	if d := stats.Diagnose(stats.Summarize(recs)[0]); d.Kind != stats.PositionLimit || d.Holds != 2048 || d.Fails != 3072 {
		t.Errorf("diagnosis %d, bracket [%d, %d]: want a position limit between 2K and 3K", d.Kind, d.Holds, d.Fails)
	}
	// The report, re-rendered from the records alone, says the same.
	out, _, err := niah(t, "report", dir, "--format", "txt")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "effective context 2K") || !strings.Contains(out, "diagnosis: position limit near 3K") {
		t.Errorf("the report should give an effective context of 2K and a position limit near 3K")
	}
}

// The RoPE check (slow: about 10 minutes of CPU prefill, so opt-in with
// NIAH_SLOW=1): the same construction with linear RoPE scaling ×2 keeps
// retrieving past 2,310 tokens where the base model fails, and compare
// shows the difference.
func TestReferenceModelRopeScale(t *testing.T) {
	if os.Getenv("NIAH_SLOW") == "" {
		t.Skip("set NIAH_SLOW=1: the RoPE check prefills 18 prompts of 2-4K tokens on CPU")
	}
	const lengths = "2k,3k,4k"
	base, effBase, dirBase := runRef(t, refModel(t, "niah-ref", refmodel.Options{}), lengths)
	x2, effX2, dirX2 := runRef(t, refModel(t, "niah-ref-x2", refmodel.Options{RopeScale: 2}), lengths)
	for _, r := range base {
		if (r.Length <= 2048) != (r.Score == 1) {
			t.Errorf("base %s: score %v at %d tokens", r.ID, r.Score, r.Length)
		}
	}
	for _, r := range x2 {
		if r.Score != 1 {
			t.Errorf("x2 %s: score %v at %d tokens (designed context 4,620)", r.ID, r.Score, r.Length)
		}
	}
	if effBase != 2048 || effX2 != 4096 {
		t.Errorf("effective context: base %d, x2 %d; want 2048 and 4096", effBase, effX2)
	}
	if d := stats.Diagnose(stats.Summarize(base)[0]); d.Kind != stats.PositionLimit || d.Param != 3072 {
		t.Errorf("base diagnosis %d near %d: want a position limit near 3K", d.Kind, d.Param)
	}
	if d := stats.Diagnose(stats.Summarize(x2)[0]); d.Kind != stats.NoFailure {
		t.Errorf("x2 diagnosis %d: want no failure up to 4K", d.Kind)
	}
	out, _, err := niah(t, "compare", dirBase, dirX2, "--out", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "4K") || !strings.Contains(out, "2K") {
		t.Errorf("compare should show effective lengths 2K and 4K")
	}
}
