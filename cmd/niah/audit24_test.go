package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"niah/provider"
	"niah/results"
)

// A haystack repeated on request reaches the longest prompt in the
// planning tokenizer, not only the length in the model's tokens: cl100k
// counts twice the simulation's tokens on this text, and the repeat was
// sized for the model's count (issue 24: "has 98304 cl100k tokens,
// length 131072 needs 130977: ... allow repetition with
// --haystack-repeat", which was given).
func TestRepeatedHaystackReachesTheCalibratedLength(t *testing.T) {
	dir := t.TempDir()
	hay := filepath.Join(dir, "one-byte.txt")
	os.WriteFile(hay, []byte("x"), 0o644)
	out := filepath.Join(dir, "run")
	_, stderr, err := runNiah(t, "run", "--model", "sim", "--lengths", "64k", "--depths", "50%", "--trials", "1",
		"--haystack", hay, "--haystack-repeat", "--tokenizer", "cl100k", "--out", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	recs, _, _, err := results.LoadRun(out)
	if err != nil || len(recs) != 1 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	if r := recs[0]; r.PromptTokens < 2*60000 || r.PromptTokensServer == nil || *r.PromptTokensServer < 60000 {
		t.Errorf("planned %d cl100k tokens, server %v: want about 2 x 64K planned for 64K of the model's", r.PromptTokens, r.PromptTokensServer)
	}
}

// Zero-width characters a server sends never reach the terminal.
func TestServerZeroWidthNeverPrinted(t *testing.T) {
	const hidden = "bo\u200bom\u200d\u2060\ufeff\U000E0041"
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/models") {
			w.Write([]byte(`{"data":[{"id":"m"}]}`))
			return
		}
		http.Error(w, `{"error":{"message":"`+hidden+`"}}`, http.StatusBadRequest)
	}))
	defer ts.Close()
	stdout, stderr, err := hostileRun(t, ts.URL, t.TempDir(), "--retries", "0")
	if err != nil && strings.ContainsAny(err.Error(), "\u200b\u200d\u2060\ufeff\U000E0041") {
		t.Errorf("error line: %q", err)
	}
	if !strings.Contains(stderr, "boom") {
		t.Fatalf("the server's message should be shown, cleaned:\n%s", stderr)
	}
	if strings.ContainsAny(stdout+stderr, "\u200b\u200d\u2060\ufeff\U000E0041") {
		t.Errorf("zero-width characters reached the terminal:\n%q\n%q", stdout, stderr)
	}
}

// echoServer answers every chat request by echoing what the request
// carried that could be a secret: its Authorization and X-Api-Key
// headers and its query, in the answer, the reasoning and the finish
// reason; every second trial is refused with the same echo in its error.
func echoServer(t *testing.T) *httptest.Server {
	t.Helper()
	var trials atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/models") {
			w.Write([]byte(`{"data":[{"id":"m"}]}`))
			return
		}
		echo := "auth=" + r.Header.Get("Authorization") + " key=" + r.Header.Get("X-Api-Key") + " query=" + r.URL.RawQuery
		var req chatReq
		json.NewDecoder(r.Body).Decode(&req)
		if req.trial() && trials.Add(1)%2 == 0 {
			w.WriteHeader(http.StatusBadRequest)
			json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"message": "bad request from " + echo}})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{
			"choices": []any{map[string]any{
				"message":       map[string]string{"content": "the answer is 42; you sent " + echo, "reasoning_content": "I saw " + echo},
				"finish_reason": "stop " + echo,
			}},
		})
	}))
	t.Cleanup(ts.Close)
	return ts
}

// noSecretIn fails for every file under dir (records, manifest, report,
// images) that holds one of secrets.
func noSecretIn(t *testing.T, dir string, secrets ...string) (files int) {
	t.Helper()
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		b, _ := os.ReadFile(path)
		for _, s := range secrets {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s holds the secret %q", path, s)
			}
		}
		return nil
	})
	return files
}

// A server that echoes the API key in its answers, reasoning and finish
// reason puts it in no file of the run: each record says it was scrubbed.
func TestEchoedAPIKeyReachesNoFile(t *testing.T) {
	const key = "sk-echo-0123456789abcdef"
	t.Setenv("OPENAI_API_KEY", key)
	ts := echoServer(t)
	out := t.TempDir()
	stdout, stderr, err := runNiah(t, "run", "--model", "openai:m@"+ts.URL+"/v1", "--tokenizer", "cl100k",
		"--lengths", "1k", "--depths", "0,100", "--trials", "2", "--retries", "0", "--out", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	recs, _, _, err := results.LoadRun(out)
	if err != nil || len(recs) != 4 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	for _, r := range recs {
		switch {
		case r.Status == results.StatusError:
			if !strings.Contains(r.Error, "auth=Bearer "+provider.Redacted) {
				t.Errorf("%s: error %q", r.ID, r.Error)
			}
		case !r.Scrubbed || !strings.Contains(r.Answer, "auth=Bearer "+provider.Redacted) || !strings.Contains(r.Reasoning, provider.Redacted):
			t.Errorf("%s: scrubbed %v, answer %q, reasoning %q", r.ID, r.Scrubbed, r.Answer, r.Reasoning)
		}
	}
	if n := noSecretIn(t, out, key); n < 6 {
		t.Errorf("the run wrote %d files, want records, manifest, report and images", n)
	}
	if strings.Contains(stdout+stderr, key) {
		t.Error("the key was printed")
	}
}

// A suite whose variant carries its credentials in headers and in its
// URL, against a server that echoes them in answers and in errors: no
// file of the suite holds them, and --list prints the URL redacted.
func TestSuiteSecretsReachNoFile(t *testing.T) {
	const hdr, xkey, pw, qkey = "hdr-token-5678abcd", "xkey-9876fedc", "pa55w0rd-secret", "query-key-4242"
	ts := echoServer(t)
	url := strings.Replace(ts.URL, "http://", "http://someone:"+pw+"@", 1) + "/v1?api_key=" + qkey
	dir := t.TempDir()
	file := filepath.Join(dir, "echo.yaml")
	os.WriteFile(file, []byte(`grid: {lengths: [1k], depths: "0,100", trials: 1, tokenizer: cl100k}
run: {retries: 0}
variants:
  - label: echo
    spec: openai:m@`+url+`
    headers: {Authorization: "Bearer `+hdr+`", X-Api-Key: `+xkey+`, X-Route: niah}
`), 0o644)
	stdout, _, err := runNiah(t, "suite", file, "--list")
	if err != nil || strings.Contains(stdout, pw) || strings.Contains(stdout, qkey) || !strings.Contains(stdout, "echo: openai:m@http://127.0.0.1") {
		t.Fatalf("--list: %v\n%s", err, stdout)
	}
	out := filepath.Join(dir, "out")
	stdout, stderr, err := runNiah(t, "suite", file, "--out", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	recs, _, _, err := results.LoadRun(filepath.Join(out, "echo"))
	if err != nil || len(recs) != 2 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	for _, r := range recs {
		if r.Status != results.StatusError && (!r.Scrubbed || strings.Count(r.Answer, provider.Redacted) < 3) {
			t.Errorf("%s: scrubbed %v, answer %q", r.ID, r.Scrubbed, r.Answer)
		}
	}
	noSecretIn(t, out, hdr, xkey, pw, qkey)
	for _, s := range []string{hdr, xkey, pw, qkey} {
		if strings.Contains(stdout+stderr, s) {
			t.Errorf("%q was printed", s)
		}
	}
}
