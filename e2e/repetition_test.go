package e2e

import (
	"fmt"
	"strings"
	"testing"

	"niah/results"
)

// The tiny random model loops: Ollama stops it after 31 identical tokens
// and sends neither done:true nor counts (native), or no finish reason and
// prompt_tokens 0 (/v1). Those answers are graded and settled on both
// APIs; a one-token follow-up of the same prompt (served from Ollama's
// prefix cache) has the server count it, so their lengths are confirmed,
// and a rerun sends none again. (The other two wire forms, native streamed
// and /v1 whole, cost two more minutes of CPU prefill; the fakes in
// cmd/niah and provider cover them.)
func TestRepetitionAbortIsScored(t *testing.T) {
	srv := tinyModel(t)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"native", []string{"--model", "ollama:niah-tiny@" + srv.URL, "--option", "num_ctx=2048"}},
		{"v1 stream", []string{"--model", "openai:niah-tiny@" + srv.URL + "/v1", "--stream"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := append(c.args, "--tokenizer", "auto", "--task", "single", "--lengths", "512,1k,1536",
				"--depths", "0,100", "--trials", "1", "--max-tokens", "64")
			run := runNiah(t, 6, args...)
			aborts := 0
			for _, r := range run.recs {
				if r.Status == results.StatusError {
					t.Errorf("%s: an answer was recorded as an error: %s %s", r.ID, r.Reason, r.Error)
				}
				if r.FinishReason == results.FinishRepetitionAbort {
					aborts++
					lc := r.LengthCheck
					if r.Status != results.StatusOK || r.LengthUnverified || r.Answer == "" || lc == nil || lc.PromptTokens == nil ||
						r.PromptTokensServer == nil || *r.PromptTokensServer != *lc.PromptTokens {
						t.Errorf("%s: a repetition abort must be graded, its length confirmed by the follow-up: %+v %+v", r.ID, r, lc)
						continue
					}
					t.Logf("%s: trial %d ms; follow-up counted %d tokens (%d planned) in %d ms, server prefill %v ms",
						r.ID, r.LatencyMS, *lc.PromptTokens, r.PromptTokens, lc.LatencyMS, ms(lc.PrefillMS))
				}
			}
			if aborts == 0 {
				t.Fatalf("no repetition abort in %d trials: the tiny model no longer loops here", len(run.recs))
			}
			if !strings.Contains(run.stdout, "length checked by a one-token follow-up: ") || strings.Contains(run.stdout, "length unverified") {
				t.Errorf("the summary must show the follow-ups and no unverified length:\n%s", run.stdout)
			}
			t.Logf("%s: %d of %d trials were repetition aborts", c.name, aborts, len(run.recs))
			_, stderr, err := niah(t, append(append([]string{"run"}, args...), "--out", run.dir)...)
			if err != nil || !strings.Contains(stderr, "6 of 6 trials already recorded") || lines(t, run.dir) != 6 {
				t.Fatalf("a rerun must send nothing: %v, %d lines\n%s", err, lines(t, run.dir), stderr)
			}
		})
	}
}

// ms renders an optional duration for a log line.
func ms(p *float64) string {
	if p == nil {
		return "?"
	}
	return fmt.Sprintf("%.0f", *p)
}

// TestCutHiddenByALoopIsCaught is issue 23's reproduction: on Ollama's /v1
// (no num_ctx: a 4,096-token window) a 6K prompt is cut to 4,096 tokens,
// the model loops, and Ollama aborts the answer without counts; niah
// graded it as a retrieval failure, "unverified". The one-token follow-up
// of the same prompt has the server count it: 4,096, so the trial is
// invalid (truncated). The 2K prompt's count confirms it whole. The tiny
// model, left alone, does not loop on the cut prompt; a negative
// frequency_penalty, which the /v1 API takes, makes it repeat itself
// until Ollama's repeat limit aborts it, as a real model past its usable
// context does.
func TestCutHiddenByALoopIsCaught(t *testing.T) {
	srv := tinyModel(t)
	dir := t.TempDir()
	_, _, err := niah(t, "run", "--model", "openai:niah-tiny@"+srv.URL+"/v1", "--tokenizer", "auto", "--task", "single",
		"--lengths", "2k,6k", "--depths", "50%", "--trials", "1", "--max-tokens", "64", "--option", "frequency_penalty=-2", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	recs, _ := load(t, dir)
	if len(recs) != 2 {
		t.Fatalf("%d records, want 2", len(recs))
	}
	for _, r := range recs {
		if r.FinishReason != results.FinishRepetitionAbort {
			t.Fatalf("%s: the model did not loop (finish reason %q): nothing hides a cut here", r.ID, r.FinishReason)
		}
		lc := r.LengthCheck
		if lc == nil || lc.PromptTokens == nil {
			t.Fatalf("%s: no follow-up count: %+v", r.ID, lc)
		}
		t.Logf("%s: trial %d ms, %d tokens planned; follow-up %d ms, counted %d", r.ID, r.LatencyMS, r.PromptTokens, lc.LatencyMS, *lc.PromptTokens)
		switch {
		case r.Length > 4096 && (*lc.PromptTokens != 4096 || r.Status != results.StatusInvalid || r.Reason != results.ReasonTruncated ||
			!strings.Contains(r.Error, "the server counted 4096 prompt tokens") || !strings.Contains(r.Error, "one-token follow-up")):
			t.Errorf("a cut hidden by a loop must be invalid/truncated: %+v", r)
		case r.Length <= 4096 && (r.Status != results.StatusOK || r.LengthUnverified || *lc.PromptTokens != r.PromptTokens):
			t.Errorf("a whole prompt must be graded, its length confirmed: %+v", r)
		}
	}
}
