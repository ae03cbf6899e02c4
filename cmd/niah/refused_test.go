package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"niah/results"
)

// hostedRun runs niah against a hosted fake: two trials (depths 0 and
// 100, one each), one at a time, in the server's own token counts.
func hostedRun(t *testing.T, spec, dir string, extra ...string) (string, string, error) {
	args := append([]string{"run", "--model", spec, "--tokenizer", "bytes", "--lengths", "1k", "--depths", "0,100",
		"--trials", "1", "--max-tokens", "16", "--concurrency", "1", "--out", dir}, extra...)
	return runNiah(t, args...)
}

// byStatus splits a run's records into the graded and the others.
func byStatus(t *testing.T, dir string) (ok, other []results.Record) {
	for _, r := range loadRecs(t, dir) {
		t.Logf("record depth %g: status %s, reason %q, finish %q, score %g, attempts %d, error %q", r.Depth, r.Status, r.Reason, r.FinishReason, r.Score, r.Attempts, r.Error)
		if r.Status == results.StatusOK {
			ok = append(ok, r)
		} else {
			other = append(other, r)
		}
	}
	return ok, other
}

// TestBlockedAndRefusedAreInvalid: a prompt Gemini blocks
// (promptFeedback.blockReason, whole and streamed) and an answer Anthropic
// ends with stop_reason "refusal" (whole and streamed) measure no
// retrieval: the record is invalid, reason refused, the block or stop
// reason kept as its finish reason; the summary counts them apart. The
// other trial of each run is answered and graded.
func TestBlockedAndRefusedAreInvalid(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "gk-test-key")
	t.Setenv("ANTHROPIC_API_KEY", "ak-test-key")
	gemini := func(w http.ResponseWriter, n int, prompt string, stream bool) {
		body := geminiChunk(mustSolve(prompt), "STOP", len(prompt))
		if n == 1 {
			body = fmt.Sprintf(`{"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[]},"usageMetadata":{"promptTokenCount":%d,"totalTokenCount":%d}}`, len(prompt), len(prompt))
		}
		if stream {
			body = "data: " + body + "\r\n\r\n"
		}
		w.Write([]byte(body))
	}
	anthropic := func(w http.ResponseWriter, n int, prompt string, stream bool) {
		text, stop := mustSolve(prompt), "end_turn"
		if n == 1 {
			text, stop = "", "refusal"
		}
		if stream {
			w.Write([]byte(anthropicEvents(text, stop, len(prompt))))
			return
		}
		w.Write([]byte(anthropicMessage(text, stop, len(prompt))))
	}
	for _, c := range []struct {
		name   string
		fake   func(*testing.T) *hostedFake
		spec   string
		stream bool
		finish string
	}{
		{"gemini blockReason", func(t *testing.T) *hostedFake { return newFakeGemini(t, gemini) }, "gemini:g@URL/v1beta", false, "PROMPT_BLOCKED:SAFETY"},
		{"gemini blockReason, streamed", func(t *testing.T) *hostedFake { return newFakeGemini(t, gemini) }, "gemini:g@URL/v1beta", true, "PROMPT_BLOCKED:SAFETY"},
		{"anthropic refusal", func(t *testing.T) *hostedFake { return newFakeAnthropic(t, anthropic) }, "anthropic:claude-x@URL", false, "refusal"},
		{"anthropic refusal, streamed", func(t *testing.T) *hostedFake { return newFakeAnthropic(t, anthropic) }, "anthropic:claude-x@URL", true, "refusal"},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := c.fake(t)
			dir := t.TempDir()
			var extra []string
			if c.stream {
				extra = append(extra, "--stream")
			}
			stdout, stderr, err := hostedRun(t, strings.ReplaceAll(c.spec, "URL", srv.URL), dir, extra...)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			ok, other := byStatus(t, dir)
			if len(ok) != 1 || ok[0].Score != 1 || len(other) != 1 {
				t.Fatalf("want one graded trial and one refused: %+v %+v", ok, other)
			}
			r := other[0]
			if r.Status != results.StatusInvalid || r.Reason != results.ReasonRefused || r.FinishReason != c.finish || r.Score != 0 || r.Error == "" {
				t.Errorf("the refused trial must be invalid/refused with %q kept: %+v", c.finish, r)
			}
			for _, want := range []string{"1 (refused 1)", "refused: 1 trials were blocked by the API or declined by the model (" + c.finish + " 1)"} {
				if !strings.Contains(stdout, want) {
					t.Errorf("the summary must say %q:\n%s", want, stdout)
				}
			}
		})
	}
}

// geminiPlainError is an error as Gemini may send it after HTTP 200 in an
// alt=sse stream: plain JSON over several lines, no "data:" prefix.
func geminiPlainError(code int, status, message string) string {
	b, _ := json.MarshalIndent(map[string]any{"error": map[string]any{"code": code, "message": message, "status": status}}, "", "  ")
	return string(b) + "\n"
}

// TestGeminiErrorInsideA200Stream: an error Gemini sends after HTTP 200
// as plain multi-line JSON is classified like the same body sent whole: a
// 503 is retried (the retry's answer is graded), a 400 "input token count
// exceeds" makes the trial invalid, context_exceeded.
func TestGeminiErrorInsideA200Stream(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "gk-test-key")
	answer := func(w http.ResponseWriter, prompt string) {
		w.Write([]byte("data: " + geminiChunk(mustSolve(prompt), "STOP", len(prompt)) + "\r\n\r\n"))
	}
	t.Run("503 is retried", func(t *testing.T) {
		srv := newFakeGemini(t, func(w http.ResponseWriter, n int, prompt string, stream bool) {
			if n%2 == 1 { // the first attempt of each trial
				w.Write([]byte(geminiPlainError(503, "UNAVAILABLE", "The model is overloaded. Please try again later.")))
				return
			}
			answer(w, prompt)
		})
		dir := t.TempDir()
		stdout, stderr, err := hostedRun(t, "gemini:g@"+srv.URL+"/v1beta", dir, "--stream")
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		ok, other := byStatus(t, dir)
		if len(ok) != 2 || len(other) != 0 {
			t.Fatalf("both trials must be graded after one retry each: %+v %+v\n%s", ok, other, stdout)
		}
		for _, r := range ok {
			if r.Attempts != 2 || r.Score != 1 {
				t.Errorf("%s: %d attempts, score %g", r.ID, r.Attempts, r.Score)
			}
		}
	})
	t.Run("400 too long is context_exceeded", func(t *testing.T) {
		srv := newFakeGemini(t, func(w http.ResponseWriter, n int, prompt string, stream bool) {
			if n == 1 {
				w.Write([]byte(geminiPlainError(400, "INVALID_ARGUMENT", "The input token count (1196265) exceeds the maximum number of tokens allowed (1048575).")))
				return
			}
			answer(w, prompt)
		})
		dir := t.TempDir()
		_, stderr, err := hostedRun(t, "gemini:g@"+srv.URL+"/v1beta", dir, "--stream")
		if err != nil {
			t.Fatalf("%v\n%s", err, stderr)
		}
		ok, other := byStatus(t, dir)
		if len(ok) != 1 || len(other) != 1 {
			t.Fatalf("%+v %+v", ok, other)
		}
		if r := other[0]; r.Status != results.StatusInvalid || r.Reason != results.ReasonContextExceeded || r.Attempts != 1 ||
			!strings.Contains(r.Error, "exceeds the maximum number of tokens allowed") {
			t.Errorf("want invalid/context_exceeded after one attempt: %+v", r)
		}
	})
}

// TestSSECutMidEventIsRetried: a stream whose connection closes in the
// middle of an event is a network error, retried like one: the retry's
// whole answer is graded, and the cut event is never parsed.
func TestSSECutMidEventIsRetried(t *testing.T) {
	var cutNext atomic.Int32
	srv := newFakeOllama(t, func(w http.ResponseWriter, req chatReq, v1 bool) {
		w.Header().Set("Content-Type", "text/event-stream")
		text, n := "4", len(req.text())+4
		if req.trial() {
			text = mustSolve(req.text())
		}
		whole := fmt.Sprintf("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":%q},\"finish_reason\":\"stop\"}]}\n\ndata: {\"choices\":[],\"usage\":{\"prompt_tokens\":%d,\"completion_tokens\":2}}\n\ndata: [DONE]\n\n", text, n)
		if req.trial() && cutNext.Add(1)%2 == 1 {
			fmt.Fprintf(w, "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":%q}}]}\n\ndata: {\"choices\":[{\"ind", text[:1])
			return
		}
		w.Write([]byte(whole))
	})
	srv.Config.Handler = withoutOllamaRoutes(srv.Config.Handler)
	dir := t.TempDir()
	stdout, stderr, err := hostedRun(t, "vllm:q@"+srv.URL+"/v1", dir, "--stream")
	var ex *exitError
	if err != nil && !errors.As(err, &ex) {
		t.Fatalf("%v\n%s", err, stderr)
	}
	ok, other := byStatus(t, dir)
	if len(ok) != 2 || len(other) != 0 {
		t.Fatalf("both trials must be graded after one retry each: %+v %+v\n%s", ok, other, stdout)
	}
	for _, r := range ok {
		if r.Attempts != 2 || r.Score != 1 {
			t.Errorf("%s: %d attempts, score %g", r.ID, r.Attempts, r.Score)
		}
	}
}
