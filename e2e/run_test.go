package e2e

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"niah/results"
)

func within(got, want, tol int) bool { return got >= want-tol && got <= want+tol }

// The native API: every trial recorded once, with the server's own prompt
// count, equal to the planned prompt (bytes + BOS, calibrated), which with
// the answer budget fills the length.
func TestNativeOllamaRun(t *testing.T) {
	srv := tinyModel(t)
	run := runNiah(t, 6, "--model", "ollama:niah-tiny@"+srv.URL, "--task", "passkey", "--tokenizer", "bytes",
		"--lengths", "1k,2k", "--depths", "0,50,100", "--trials", "1", "--max-tokens", "8")
	recs, man, dir := run.recs, run.man, run.dir
	for _, r := range recs {
		if r.HTTPStatus != 200 || r.PromptTokensServer == nil || r.Reason == results.ReasonTruncated {
			t.Errorf("%s: status %s, server count %v (%s)", r.ID, r.Status, r.PromptTokensServer, r.Error)
			continue
		}
		// A length is the window: the prompt and the 8-token answer budget
		// fill it, and the prompt never takes the answer's share.
		if *r.PromptTokensServer != r.PromptTokens || !within(r.PromptTokens+8, r.Length, 8) || r.PromptTokens+8 > r.Length {
			t.Errorf("%s: length %d, planned %d, server counted %d", r.ID, r.Length, r.PromptTokens, *r.PromptTokensServer)
		}
		if r.LatencyMS <= 0 || r.HTTPStatus != 200 {
			t.Errorf("%s: latency %d ms, HTTP %d", r.ID, r.LatencyMS, r.HTTPStatus)
		}
	}
	if len(man.Models) != 1 || man.Models[0].Kind != "ollama" || man.Models[0].ContextLength == 0 {
		t.Errorf("manifest models: %+v", man.Models)
	}
	for _, f := range []string{"heatmap.png", "heatmap.svg", "report.html"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
}

// The OpenAI-compatible endpoint of the same server.
func TestOpenAICompatibleRun(t *testing.T) {
	srv := tinyModel(t)
	run := runNiah(t, 2, "--model", "openai:niah-tiny@"+srv.URL+"/v1", "--task", "passkey", "--tokenizer", "bytes",
		"--lengths", "1k", "--depths", "0,100", "--trials", "1", "--max-tokens", "8")
	for _, r := range run.recs {
		if r.HTTPStatus != 200 || r.PromptTokensServer == nil || *r.PromptTokensServer != r.PromptTokens {
			t.Errorf("%s: status %s, planned %d, server %v (%s)", r.ID, r.Status, r.PromptTokens, r.PromptTokensServer, r.Error)
		}
	}
}

// A prompt above the configured num_ctx is rejected (niah always sends
// truncate:false) and recorded invalid, not failed.
func TestAboveNumCtxIsInvalid(t *testing.T) {
	srv := tinyModel(t)
	dir := t.TempDir()
	stdout, stderr, err := niah(t, "run", "--model", "ollama:niah-tiny@"+srv.URL, "--task", "passkey", "--tokenizer", "bytes",
		"--option", "num_ctx=1024", "--lengths", "512,2k", "--depths", "50%", "--trials", "1", "--max-tokens", "4", "--out", dir)
	recs, _ := load(t, dir)
	byLen := map[int]results.Record{}
	for _, r := range recs {
		byLen[r.Length] = r
	}
	// With no trial graded the run measured nothing: exit 4, saying so.
	var exit *exec.ExitError
	if graded := byLen[512].Status == results.StatusOK; graded && err != nil ||
		!graded && (!errors.As(err, &exit) || exit.ExitCode() != 4 || !strings.Contains(stderr, "nothing was measured")) {
		t.Errorf("512 graded: %v; exit: %v", graded, err)
	}
	// The random model may answer nothing printable (then the trial is
	// flagged length_empty), but the prompt itself must go through.
	if r := byLen[512]; r.HTTPStatus != 200 || r.Reason == results.ReasonContextExceeded || r.PromptTokensServer == nil {
		t.Errorf("512 tokens fit num_ctx 1024: %+v", r)
	}
	if r := byLen[2048]; r.Status != results.StatusInvalid || r.Reason != results.ReasonContextExceeded || r.HTTPStatus != 400 {
		t.Errorf("2048 tokens above num_ctx 1024: status %s reason %s HTTP %d", r.Status, r.Reason, r.HTTPStatus)
	}
	if !strings.Contains(stdout, "context_exceeded") {
		t.Errorf("the summary should say why trials were invalid")
	}
}

// A run killed with SIGKILL mid-way, then rerun with the same command,
// ends with every trial exactly once.
func TestKilledRunResumes(t *testing.T) {
	srv := tinyModel(t)
	dir := t.TempDir()
	args := []string{"run", "--model", "ollama:niah-tiny@" + srv.URL, "--task", "passkey", "--tokenizer", "bytes",
		"--lengths", "1k", "--depths", "5", "--trials", "4", "--max-tokens", "4", "--out", dir}
	cmd := exec.Command(niahBinary(t), args...)
	cmd.Env = append(os.Environ(), "NIAH_CACHE_DIR="+cacheDir(t))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, results.ResultsFile)
	deadline := time.Now().Add(3 * time.Minute)
	for {
		b, _ := os.ReadFile(path)
		if strings.Count(string(b), "\n") >= 3 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("no trial recorded in 3 minutes")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	killedAt := lines(t, dir)
	if killedAt >= 20 {
		t.Fatalf("the run finished (%d lines) before it could be killed", killedAt)
	}
	stdout, stderr, err := niah(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "already recorded") {
		t.Errorf("the rerun should say it resumes:\n%s", stderr)
	}
	recs, _ := load(t, dir)
	ids := map[string]bool{}
	for _, r := range recs {
		ids[r.ID] = true
	}
	if len(recs) != 20 || len(ids) != 20 || lines(t, dir) != 20 {
		t.Fatalf("after resume: %d records, %d ids, %d lines; want 20 each (killed at %d)\n%s", len(recs), len(ids), lines(t, dir), killedAt, stdout)
	}
}
