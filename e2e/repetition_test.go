package e2e

import (
	"strings"
	"testing"

	"niah/results"
)

// The tiny random model loops: Ollama stops it after 31 identical tokens
// and sends neither done:true nor counts (native), or no finish reason and
// prompt_tokens 0 (/v1). Those answers are graded, settled and marked
// unverified, on both APIs, and a rerun sends none again. (The other two
// wire forms, native streamed and /v1 whole, cost two more minutes of CPU
// prefill; the fakes in cmd/niah and provider cover them.)
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
					if r.Status != results.StatusOK || !r.LengthUnverified || r.Answer == "" {
						t.Errorf("%s: a repetition abort must be graded and unverified: %+v", r.ID, r)
					}
				}
			}
			if aborts == 0 {
				t.Fatalf("no repetition abort in %d trials: the tiny model no longer loops here", len(run.recs))
			}
			if !strings.Contains(run.stdout, "length unverified: ") {
				t.Errorf("the summary must count unverified lengths:\n%s", run.stdout)
			}
			t.Logf("%s: %d of %d trials were repetition aborts", c.name, aborts, len(run.recs))
			_, stderr, err := niah(t, append(append([]string{"run"}, args...), "--out", run.dir)...)
			if err != nil || !strings.Contains(stderr, "6 of 6 trials already recorded") || lines(t, run.dir) != 6 {
				t.Fatalf("a rerun must send nothing: %v, %d lines\n%s", err, lines(t, run.dir), stderr)
			}
		})
	}
}
