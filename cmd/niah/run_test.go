package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/haystack"
	"niah/internal/fakeserve"
	"niah/needle"
	"niah/provider"
	"niah/results"
	"niah/runner"
	"niah/suite"
)

func TestMain(m *testing.M) {
	// The test binary doubles as a fake model server and as niah itself,
	// for tests that need separate processes (signals, shards).
	if suite.WatchdogMain() || fakeserve.Main() {
		return
	}
	if os.Getenv("NIAH_TEST_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	dir, _ := os.MkdirTemp("", "niah-cmd-cache")
	os.Setenv("NIAH_CACHE_DIR", dir) // the token index cache (haystack.DefaultDir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func runNiah(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestRunSimWritesRecordsReportsAndResumes(t *testing.T) {
	dir := t.TempDir()
	args := []string{"run", "--model", "sim", "--lengths", "4k,8k", "--depths", "3", "--trials", "2", "--out", dir}
	stdout, stderr, err := runNiah(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout, "SIMULATION") || !strings.Contains(stderr, "SIMULATION") {
		t.Errorf("a simulated run must say so:\n%s\n%s", stdout, stderr)
	}
	if !strings.Contains(stdout, "effective context 8K") {
		t.Errorf("the simulation retrieves perfectly below 32K:\n%s", stdout)
	}
	recs, man, warns, err := results.LoadRun(dir)
	if err != nil || len(warns) > 0 || len(recs) != 12 {
		t.Fatalf("%d records, warnings %v, %v", len(recs), warns, err)
	}
	for _, r := range recs {
		if !r.Simulated || r.Status != results.StatusOK || r.Score != 1 || *r.PromptTokensServer != r.PromptTokens {
			t.Errorf("%s: %+v", r.ID, r)
		}
	}
	if man.Task != "single" || man.Seed != 42 || len(man.Models) != 1 || !man.Models[0].Simulated || man.CorpusHash == "" {
		t.Errorf("manifest: %+v", man)
	}
	for _, f := range []string{"heatmap.png", "heatmap.svg", "report.html"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	// The same command resumes: nothing is sent twice.
	_, stderr, err = runNiah(t, args...)
	if err != nil || !strings.Contains(stderr, "12 of 12 trials already recorded") {
		t.Fatalf("rerun: %v\n%s", err, stderr)
	}
	b, _ := os.ReadFile(filepath.Join(dir, results.ResultsFile))
	if n := bytes.Count(b, []byte("\n")); n != 12 {
		t.Errorf("%d lines after the rerun, want 12", n)
	}
	// Another seed in the same directory is refused, naming --out.
	_, _, err = runNiah(t, "run", "--model", "sim", "--lengths", "4k", "--depths", "3", "--seed", "7", "--out", dir)
	if err == nil || !strings.Contains(err.Error(), "--out") {
		t.Errorf("a different run in the same --out must be refused: %v", err)
	}
}

func TestRunExpectContextExits3(t *testing.T) {
	_, _, err := runNiah(t, "run", "--model", "sim:16k", "--lengths", "4k,8k,16k", "--depths", "3", "--trials", "1",
		"--expect-context", "16k", "--out", t.TempDir())
	var ex *exitError
	if !errors.As(err, &ex) || ex.code != 3 {
		t.Fatalf("want exit 3 (16K is at the sim's window, so rejected), got %v", err)
	}
}

func TestGenAndPlan(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prompts.jsonl")
	grid := []string{"--lengths", "4k,16k", "--depths", "0,50,100", "--trials", "2", "--task", "multikey"}
	if _, _, err := runNiah(t, append([]string{"gen", "--out", path}, grid...)...); err != nil {
		t.Fatal(err)
	}
	recs, _, err := results.Load(path)
	if err != nil || len(recs) != 12 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	tok, _ := haystack.Tiktoken("cl100k")
	for _, r := range recs {
		if len(r.Messages) != 1 || len(r.Expected) != 1 || r.Tokenizer != "cl100k" || r.Task != "multikey" {
			t.Fatalf("%s: %+v", r.ID, r)
		}
		// A length is the window: the prompt and the default answer budget
		// (128) fill it, and the prompt never passes its share.
		n, _ := tok.Count(r.Messages[0].Content)
		if d := n + runner.DefaultMaxTokens - r.Length; d > 0 || d < -8 || r.LengthCounts != results.CountsWindow {
			t.Errorf("%s: %d tokens for length %d (%q)", r.ID, n, r.Length, r.LengthCounts)
		}
		if got := needle.Grade(mustSolve(r.Messages[0].Content), r.Expected, false); !got.Correct {
			t.Errorf("%s: the needle is not findable", r.ID)
		}
	}
	// Same grid and seed: same ids and same prompts.
	again := filepath.Join(t.TempDir(), "again.jsonl")
	runNiah(t, append([]string{"gen", "--out", again}, grid...)...)
	a, _ := os.ReadFile(path)
	b, _ := os.ReadFile(again)
	if !bytes.Equal(a, b) {
		t.Error("gen is not deterministic for a seed")
	}
	out, _, err := runNiah(t, append([]string{"plan"}, grid...)...)
	if err != nil {
		t.Fatal(err)
	}
	goldenFile(t, "plan_multikey.txt", []byte(out))
}

func mustSolve(prompt string) string {
	answer, _ := needle.Solve(prompt)
	return answer
}

func TestUserErrorsNameTheFlag(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"run"}, "--model"},
		{[]string{"run", "--model", "sim", "--lengths", "4q"}, "--lengths"},
		{[]string{"run", "--model", "sim", "--depths", "120,5"}, "--depths"},
		{[]string{"run", "--model", "sim", "--task", "haystack"}, "--task"},
		{[]string{"run", "--model", "sim", "--haystack", "nosuchcorpus"}, "--haystack"},
		{[]string{"run", "--model", "sim", "--option", "novalue"}, "--option"},
		{[]string{"run", "--model", "sim", "--order", "random"}, "--order"},
		{[]string{"run", "--model", "sim", "--tokenizer", "/no/such/tokenizer.json"}, "--tokenizer"},
		{[]string{"run", "--model", "nosuch:model"}, "--model"},
		{[]string{"run", "--model", "sim", "--expect-context", "lots"}, "--expect-context"},
		{[]string{"gen"}, "--out"},
		{[]string{"plan", "--trials", "0"}, "--trials"},
		{[]string{"corpora", "sizes"}, "corpora"},
		{[]string{"run", "--model", "sim", "--depth-spacing", "cubic"}, "--depth-spacing"},
		{[]string{"run", "--model", "sim", "--depths", "3,4", "--depth-spacing", "sigmoid"}, "--depth-spacing"},
		{[]string{"gen", "--out", "-", "--tokenizer", "auto"}, "--tokenizer"},
		{[]string{"plan", "--lengths", "8k..4k"}, "--lengths"},
		{[]string{"gen", "--out", "-", "--haystack", "builtin:x"}, "--haystack"},
	} {
		_, _, err := runNiah(t, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") ||
			strings.Contains(err.Error(), c.want+": "+c.want) || strings.Contains(err.Error(), c.want+" "+c.want) {
			t.Errorf("niah %s: error %q should be one line naming %s (not twice over)", strings.Join(c.args, " "), err, c.want)
		}
	}
}

func TestUnreachableServerIsOneLine(t *testing.T) {
	ln := httptest.NewServer(http.NotFoundHandler())
	url := ln.URL
	ln.Close() // nothing listens there now
	dir := t.TempDir()
	_, _, err := runNiah(t, "run", "--model", "ollama:qwen3:8b@"+url, "--lengths", "4k", "--out", dir)
	if err == nil || !strings.Contains(err.Error(), url) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("want one line naming the server, got %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, results.ResultsFile)); !os.IsNotExist(err) {
		t.Error("no results file should be written when the server is down")
	}
}

// An API key comes from the environment and reaches no file, log or report.
func TestAPIKeyNeverWritten(t *testing.T) {
	const secret = "sk-test-7f3a9c1e5b"
	t.Setenv("NIAH_TEST_KEY", secret)
	tok, _ := haystack.Tiktoken("o200k")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+secret {
			w.WriteHeader(401)
			return
		}
		if !strings.HasSuffix(r.URL.Path, "/chat/completions") {
			if strings.HasSuffix(r.URL.Path, "/models") {
				w.Write([]byte(`{"object":"list","data":[{"id":"fake-model","object":"model"}]}`))
				return
			}
			http.NotFound(w, r)
			return
		}
		var req struct {
			Messages []struct{ Content string } `json:"messages"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		n, _ := tok.Count(req.Messages[0].Content)
		answer, _ := needle.Solve(req.Messages[0].Content)
		json.NewEncoder(w).Encode(map[string]any{
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": answer}}},
			"usage":   map[string]any{"prompt_tokens": n, "completion_tokens": 9},
		})
	}))
	defer srv.Close()
	dir := t.TempDir()
	stdout, stderr, err := runNiah(t, "run", "--model", "openai:fake-model@"+srv.URL+"/v1", "--api-key-env", "NIAH_TEST_KEY",
		"--lengths", "4k", "--depths", "3", "--trials", "1", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	recs, _, _, _ := results.LoadRun(dir)
	if len(recs) != 3 || recs[0].Score != 1 {
		t.Fatalf("records: %+v", recs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("%s contains the API key", f)
		}
	}
	if strings.Contains(stdout+stderr, secret) {
		t.Error("the API key was printed")
	}
	man, _ := results.ReadManifest(filepath.Join(dir, results.ManifestFile))
	if man.Models[0].APIKeyEnv != "NIAH_TEST_KEY" {
		t.Errorf("the manifest should name the key's variable: %+v", man.Models[0])
	}
	// The fake offers no tokenizer: lengths are a calibrated stand-in, and
	// the run says so where people look.
	if len(man.Warnings) == 0 || !strings.Contains(stderr, "offers no tokenizer") || !strings.Contains(stdout, "warning:") {
		t.Errorf("the o200k stand-in must be warned about in stderr, the summary and the manifest: %q", man.Warnings)
	}
}

func TestShortUserHaystack(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	text := strings.Repeat("The kettle sang on the stove while the rain kept on. ", 40)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "p.jsonl")
	_, _, err := runNiah(t, "gen", "--haystack", path, "--lengths", "4k", "--depths", "3", "--trials", "1", "--out", out)
	if err == nil || !strings.Contains(err.Error(), "--haystack-repeat") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("a haystack too short for 4K must say how to allow repetition, in one line: %v", err)
	}
	if _, _, err := runNiah(t, "gen", "--haystack", path, "--haystack-repeat", "--lengths", "4k", "--depths", "3",
		"--trials", "1", "--out", out); err != nil {
		t.Fatal(err)
	}
	recs, _, _ := results.Load(out)
	if len(recs) != 3 || !strings.HasPrefix(recs[0].Haystack, "file:") {
		t.Fatalf("records %+v", recs)
	}
}

// The command's error keeps the server's refusal as a *provider.Error
// through runner and cmd, so a caller can act on its reason.
func TestRunErrorKeepsTheProviderError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`))
	}))
	defer srv.Close()
	t.Setenv("NIAH_TEST_KEY", "sk-test")
	_, _, err := runNiah(t, "run", "--model", "anthropic:claude-x@"+srv.URL, "--api-key-env", "NIAH_TEST_KEY", "--out", t.TempDir())
	var pe *provider.Error
	if !errors.As(err, &pe) || pe.Reason != results.ReasonAuth {
		t.Fatalf("run: %v (%T), want a *provider.Error with reason auth", err, err)
	}
}
