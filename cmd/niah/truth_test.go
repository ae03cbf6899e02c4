package main

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/needle"
	"niah/results"
)

// truthCase is one row of the measurement-truth table: a command line
// against a fake server, and what must come of it.
type truthCase struct {
	name  string
	args  func(t *testing.T, dir string) []string
	check func(t *testing.T, dir, stdout, stderr string, err error)
}

func loadRecs(t *testing.T, dir string) []results.Record {
	t.Helper()
	recs, _, _, err := results.LoadRun(dir)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// abortRow: Ollama's repetition abort is graded and settled; its length,
// which the answer did not count, is confirmed by a one-token follow-up
// (the server counts the same prompt) whose cost the summary shows; a
// rerun sends nothing.
func abortRow(name, spec string, stream bool) truthCase {
	var srv *fakeOllama
	return truthCase{name: name,
		args: func(t *testing.T, dir string) []string {
			srv = newFakeOllama(t, ollamaAbort)
			a := []string{"run", "--model", strings.ReplaceAll(spec, "URL", srv.URL), "--tokenizer", "bytes",
				"--lengths", "1k", "--depths", "0,100", "--trials", "1", "--max-tokens", "64", "--out", dir}
			if stream {
				a = append(a, "--stream")
			}
			return a
		},
		check: func(t *testing.T, dir, stdout, stderr string, err error) {
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			for _, r := range loadRecs(t, dir) {
				if r.Status != results.StatusOK || r.FinishReason != results.FinishRepetitionAbort || r.LengthUnverified || r.Score != 0 || r.Answer == "" {
					t.Errorf("record %+v", r)
				}
				if lc := r.LengthCheck; lc == nil || lc.PromptTokens == nil || r.PromptTokensServer == nil || *r.PromptTokensServer != *lc.PromptTokens ||
					*lc.PromptTokens != r.PromptTokens {
					t.Errorf("%s: the follow-up's count must confirm the length: %+v", r.ID, r.LengthCheck)
				}
			}
			const said = "length checked by a one-token follow-up: 2 answers carried no prompt count (e.g. a repetition abort); the server counted 2 of their prompts again; the follow-ups cost "
			if !strings.Contains(stdout, said) || strings.Contains(stdout, "length unverified") {
				t.Errorf("the summary must say so:\n%s", stdout)
			}
			html, _ := os.ReadFile(filepath.Join(dir, "report.html"))
			if !strings.Contains(string(html), said) {
				t.Error("report.html does not show the follow-ups")
			}
			before := srv.trials.Load()
			args := abortRowArgs(srv.URL, spec, dir, stream)
			if _, stderr, err := runNiah(t, args...); err != nil || srv.trials.Load() != before || !strings.Contains(stderr, "2 of 2 trials already recorded") {
				t.Fatalf("a rerun must send no settled trial: %v, %d trials sent again\n%s", err, srv.trials.Load()-before, stderr)
			}
		}}
}

func abortRowArgs(url, spec, dir string, stream bool) []string {
	a := []string{"run", "--model", strings.ReplaceAll(spec, "URL", url), "--tokenizer", "bytes",
		"--lengths", "1k", "--depths", "0,100", "--trials", "1", "--max-tokens", "64", "--out", dir}
	if stream {
		a = append(a, "--stream")
	}
	return a
}

// answering is a /v1-only server (not Ollama) that answers each trial
// with answer and reports promptTokens (-1: the byte count plus template).
func answering(t *testing.T, answer func(prompt string) string, promptTokens int, status int) *fakeOllama {
	return newFakeOllama(t, func(w http.ResponseWriter, req chatReq, v1 bool) {
		n := promptTokens
		if n < 0 || !req.trial() {
			n = len(req.text()) + 4
		}
		if status != 0 && req.trial() {
			w.WriteHeader(status)
			w.Write([]byte(`{"error":{"message":"the model does not support this request","type":"invalid_request_error"}}`))
			return
		}
		writeJSON(w, map[string]any{
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": answer(req.text())}}},
			"usage":   map[string]any{"prompt_tokens": n, "completion_tokens": 3},
		})
	})
}

func TestMeasurementTruthCLI(t *testing.T) {
	rows := []truthCase{
		abortRow("1 repetition abort, native", "ollama:q@URL", false),
		abortRow("1 repetition abort, native stream", "ollama:q@URL", true),
		abortRow("1 repetition abort, /v1", "openai:q@URL/v1", false),
		abortRow("1 repetition abort, /v1 stream", "openai:q@URL/v1", true),
		{name: "2 a zero prompt count is unknown, not a cut: a follow-up counts it",
			args: func(t *testing.T, dir string) []string {
				srv := answering(t, mustSolve, 0, 0)
				srv.Config.Handler = withoutOllamaRoutes(srv.Config.Handler)
				return []string{"run", "--model", "vllm:q@" + srv.URL + "/v1", "--tokenizer", "bytes", "--lengths", "1k", "--depths", "50%", "--trials", "2", "--out", dir}
			},
			check: func(t *testing.T, dir, stdout, stderr string, err error) {
				if err != nil {
					t.Fatalf("%v\n%s", err, stderr)
				}
				for _, r := range loadRecs(t, dir) {
					if r.Status != results.StatusOK || r.Reason != "" || r.LengthUnverified || r.Score != 1 || r.LengthCheck == nil {
						t.Errorf("record %+v", r)
					}
				}
				if strings.Contains(stdout, "truncated") || !strings.Contains(stdout, "length checked by a one-token follow-up: 2 answers carried no prompt count") {
					t.Errorf("stdout:\n%s", stdout)
				}
			}},
		{name: "2 a zero count the follow-up cannot confirm either stays unverified",
			args: func(t *testing.T, dir string) []string {
				// counts the calibration's haystack text, never a prompt with a needle in it
				srv := newFakeOllama(t, func(w http.ResponseWriter, req chatReq, v1 bool) {
					n := len(req.text()) + 4
					if _, at := needle.Solve(req.text()); len(at) > 0 {
						n = 0
					}
					writeJSON(w, map[string]any{
						"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": mustSolve(req.text())}}},
						"usage":   map[string]any{"prompt_tokens": n, "completion_tokens": 3},
					})
				})
				srv.Config.Handler = withoutOllamaRoutes(srv.Config.Handler)
				return []string{"run", "--model", "vllm:q@" + srv.URL + "/v1", "--tokenizer", "bytes", "--lengths", "1k", "--depths", "50%", "--trials", "3", "--concurrency", "1", "--out", dir}
			},
			check: func(t *testing.T, dir, stdout, stderr string, err error) {
				if err != nil {
					t.Fatalf("%v\n%s", err, stderr)
				}
				checks := 0
				for _, r := range loadRecs(t, dir) {
					if r.Status != results.StatusOK || r.Reason != "" || !r.LengthUnverified || r.Score != 1 {
						t.Errorf("record %+v", r)
					}
					if r.LengthCheck != nil {
						checks++
					}
				}
				if checks != 1 { // the first follow-up got no count: no more are sent
					t.Errorf("%d follow-ups, want 1", checks)
				}
				if strings.Contains(stdout, "truncated") || !strings.Contains(stdout, "length unverified: 3 of 3 graded trials (the server reported no prompt count (or 0))") ||
					!strings.Contains(stdout, "1 answers carried no prompt count (e.g. a repetition abort); the server counted 0 of their prompts again") {
					t.Errorf("stdout:\n%s", stdout)
				}
			}},
		{name: "1 a cut hidden by a loop: the follow-up's count shows it",
			args: func(t *testing.T, dir string) []string {
				// Ollama's /v1: a 4,096-token window, a looping answer aborted without counts
				srv := newFakeOllama(t, func(w http.ResponseWriter, req chatReq, v1 bool) {
					if req.trial() {
						ollamaAbort(w, req, v1)
						return
					}
					writeJSON(w, map[string]any{
						"choices": []any{map[string]any{"index": 0, "finish_reason": "length", "message": map[string]any{"role": "assistant", "content": "4"}}},
						"usage":   map[string]any{"prompt_tokens": min(len(req.text())+4, 4096), "completion_tokens": 1},
					})
				})
				return []string{"run", "--model", "openai:q@" + srv.URL + "/v1", "--tokenizer", "bytes", "--lengths", "2k,6k", "--depths", "50%", "--trials", "1", "--max-tokens", "64", "--out", dir}
			},
			check: func(t *testing.T, dir, stdout, stderr string, err error) {
				if err != nil {
					t.Fatalf("%v\n%s", err, stderr)
				}
				for _, r := range loadRecs(t, dir) {
					switch {
					case r.Length > 4096 && (r.Status != results.StatusInvalid || r.Reason != results.ReasonTruncated || !strings.Contains(r.Error, "4096 prompt tokens") ||
						!strings.Contains(r.Error, "one-token follow-up")):
						t.Errorf("a cut hidden by a loop must be invalid/truncated: %+v", r)
					case r.Length <= 4096 && (r.Status != results.StatusOK || r.LengthUnverified):
						t.Errorf("a whole prompt must be graded and confirmed: %+v", r)
					}
				}
				if !strings.Contains(stdout, "1 (truncated 1)") {
					t.Errorf("stdout:\n%s", stdout)
				}
			}},
		{name: "4 every length at 0% gives no NoLiMa length",
			args: func(t *testing.T, dir string) []string {
				srv := answering(t, func(string) string { return "I could not find it." }, -1, 0)
				return []string{"run", "--model", "vllm:q@" + srv.URL + "/v1", "--tokenizer", "bytes", "--lengths", "1k,2k", "--depths", "50%", "--trials", "2", "--out", dir}
			},
			check: func(t *testing.T, dir, stdout, stderr string, err error) {
				if err != nil {
					t.Fatalf("%v\n%s", err, stderr)
				}
				if strings.Contains(stdout, "NoLiMa effective context 2K") || !strings.Contains(stdout, "NoLiMa effective context undefined: its 1K score is 0%") {
					t.Errorf("stdout:\n%s", stdout)
				}
			}},
		{name: "4 a run whose trials all errored exits 4",
			args: func(t *testing.T, dir string) []string {
				srv := answering(t, mustSolve, -1, 422)
				return []string{"run", "--model", "vllm:q@" + srv.URL + "/v1", "--tokenizer", "bytes", "--lengths", "1k", "--depths", "0,100", "--trials", "1", "--out", dir}
			},
			check: func(t *testing.T, dir, stdout, stderr string, err error) {
				var ex *exitError
				if !errors.As(err, &ex) || ex.code != 4 || !strings.HasPrefix(ex.msg, "nothing was measured: all 2 trials ended in errors (2 error bad_request): vllm at ") ||
					!strings.HasSuffix(ex.msg, ": HTTP 422: the model does not support this request; rerun the same command to send them again") {
					t.Fatalf("want exit 4 with one line, got %#v", err)
				}
			}},
		{name: "4 report skips impossible records, one warning per kind",
			args: func(t *testing.T, dir string) []string {
				lines := []string{
					`{"schema":"niah.trial/1","id":"a","task":"single","length":4096,"depth":50,"score":1,"correct":true,"status":"ok"}`,
					`{"schema":"niah.trial/1","id":"b","task":"single","length":4096,"depth":0,"score":1.333,"status":"ok"}`,
					`{"schema":"niah.trial/1","id":"c","task":"single","length":4096,"depth":0,"score":2,"status":"ok"}`,
					`{"schema":"niah.trial/1","id":"d","task":"single","length":-5,"depth":0,"score":1,"status":"ok"}`,
					`{"schema":"niah.trial/1","id":"e","task":"single","length":0,"depth":0,"score":1,"status":"ok"}`,
					`{"schema":"niah.trial/1","id":"f","task":"single","length":99999999999,"depth":0,"score":1,"status":"ok"}`,
					`{"schema":"niah.trial/1","id":"g","task":"single","length":4096,"depth":-10,"score":1,"status":"ok"}`,
				}
				os.WriteFile(filepath.Join(dir, "r.jsonl"), []byte(strings.Join(lines, "\n")+"\n"), 0o644)
				return []string{"report", filepath.Join(dir, "r.jsonl"), "--format", "txt"}
			},
			check: func(t *testing.T, dir, stdout, stderr string, err error) {
				if err != nil {
					t.Fatal(err)
				}
				if n := strings.Count(stderr, "warning:"); n != 3 || !strings.Contains(stderr, "2 records with a score outside 0..1 skipped") ||
					!strings.Contains(stderr, "3 records with a length that is not between 1 and 134217728 tokens skipped") ||
					!strings.Contains(stderr, "1 records with a depth outside 0..100% skipped") {
					t.Errorf("%d warning lines:\n%s", n, stderr)
				}
				if strings.Contains(stdout, "133.3%") || !strings.Contains(stdout, "1/1") {
					t.Errorf("stdout:\n%s", stdout)
				}
			}},
		{name: "5 probe on llama-server with context shift states n_ctx and confirms it",
			args: func(t *testing.T, dir string) []string {
				srv := newFakeLlama(t, 2048, 1, true, byteVocab)
				return []string{"probe", "--model", "llamacpp:any@" + srv.URL + "/v1", "--max", "4k"}
			},
			check: func(t *testing.T, dir, stdout, stderr string, err error) {
				if err != nil {
					t.Fatalf("%v\n%s", err, stderr)
				}
				for _, want := range []string{
					"slots              1 (total_slots)",
					"verdict: the limit is the context, 2048 tokens (from props.default_generation_settings.n_ctx); a prompt of 1970 tokens just under it was taken whole.",
					"sent 1970 tokens: accepts, server counted 1970",
					"CUTS SILENTLY to 1059 tokens",
					"--no-context-shift",
					"lengths up to 2048 tokens less the answer budget",
				} {
					if !strings.Contains(stdout, want) {
						t.Errorf("missing %q:\n%s", want, stdout)
					}
				}
				if strings.Contains(stdout, "measure nothing") {
					t.Errorf("the size cut to is not the limit:\n%s", stdout)
				}
			}},
		{name: "5 probe on llama-server with --no-context-shift: rejects",
			args: func(t *testing.T, dir string) []string {
				srv := newFakeLlama(t, 2048, 1, false, byteVocab)
				return []string{"probe", "--model", "llamacpp:any@" + srv.URL + "/v1", "--max", "4k"}
			},
			check: func(t *testing.T, dir, stdout, stderr string, err error) {
				if err != nil || !strings.Contains(stdout, "verdict: REJECTS prompts of 2083 tokens") {
					t.Fatalf("%v\n%s", err, stdout)
				}
			}},
		{name: "5 the per-slot trap: -np 4 -c 8192 shows in probe, manifest and advice",
			args: func(t *testing.T, dir string) []string {
				srv := newFakeLlama(t, 2048, 4, true, byteVocab)
				stdout, stderr, err := runNiah(t, "probe", "--model", "llamacpp:any@"+srv.URL+"/v1", "--max", "4k")
				if err != nil || !strings.Contains(stdout, "slots              4 (total_slots): the context is per slot, 2048 tokens each of 8192 in all; start llama-server with -np 1") {
					t.Fatalf("probe: %v\n%s%s", err, stdout, stderr)
				}
				return []string{"run", "--model", "llamacpp:any@" + srv.URL + "/v1", "--lengths", "1k,3k", "--depths", "50%", "--trials", "1", "--out", dir}
			},
			check: func(t *testing.T, dir, stdout, stderr string, err error) {
				if err != nil {
					t.Fatalf("%v\n%s", err, stderr)
				}
				_, man, _, _ := results.LoadRun(dir)
				if man.Models[0].TotalSlots != 4 || man.Models[0].ContextLength != 2048 {
					t.Errorf("manifest model %+v", man.Models[0])
				}
				if !strings.Contains(stdout, "1 trials invalid (truncated): llama-server cut the prompt") || !strings.Contains(stdout, "-np 1 and a larger -c") ||
					!strings.Contains(stdout, "(this server has 4 slots: -np 4)") {
					t.Errorf("the advice must name -np and -c:\n%s", stdout)
				}
			}},
		{name: "6 two servers answering llamacpp:any never share a token index",
			args: func(t *testing.T, dir string) []string {
				a := newFakeLlama(t, 8192, 1, true, byteVocab)
				if _, stderr, err := runNiah(t, "run", "--model", "llamacpp:any@"+a.URL+"/v1", "--lengths", "2k", "--depths", "50%", "--trials", "1", "--out", filepath.Join(dir, "a")); err != nil {
					t.Fatalf("%v\n%s", err, stderr)
				}
				b := newFakeLlama(t, 8192, 1, true, splitVocab)
				return []string{"run", "--model", "llamacpp:any@" + b.URL + "/v1", "--lengths", "2k", "--depths", "50%", "--trials", "1", "--out", filepath.Join(dir, "b")}
			},
			check: func(t *testing.T, dir, stdout, stderr string, err error) {
				if err != nil {
					t.Fatalf("%v\n%s", err, stderr)
				}
				for _, run := range []string{"a", "b"} {
					for _, r := range loadRecs(t, filepath.Join(dir, run)) {
						if r.Status != results.StatusOK || r.Score != 1 || r.PromptTokensServer == nil || r.LengthUnverified {
							t.Errorf("run %s: %+v (server %v)", run, r, *r.PromptTokensServer)
						}
						// 2K is the window: a prompt of 2K less the 128-token answer.
						if d := abs(*r.PromptTokensServer - (2048 - 128)); d > 16 {
							t.Errorf("run %s: the server counted %d tokens for the prompt of a 2K window", run, *r.PromptTokensServer)
						}
					}
				}
			}},
	}
	for _, row := range rows {
		t.Run(row.name, func(t *testing.T) {
			dir := t.TempDir()
			stdout, stderr, err := runNiah(t, row.args(t, dir)...)
			row.check(t, dir, stdout, stderr, err)
		})
	}
}

// withoutOllamaRoutes hides the /api routes: a plain OpenAI-compatible proxy.
func withoutOllamaRoutes(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
