package main

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/internal/hostile"
	"niah/results"
	"niah/runner"
)

// badInputs is the bad-input table: every row is refused up front with
// one line naming the flag (once) or file at fault, and leaves no run
// directory behind. {out} is a fresh directory path, {dir} a scratch
// directory holding the files the rows need.
var badInputs = []struct {
	args []string
	want string
}{
	{[]string{"run", "--model", "sim", "--depths", "nan"}, `--depths: "nan" is not a percentage`},
	{[]string{"run", "--model", "sim", "--depths", "0,nan%"}, `--depths: "nan" is not a percentage`},
	{[]string{"run", "--model", "sim", "--depths", "0,50", "--depth-spacing", "bogus"}, `--depth-spacing: "bogus" is not linear or sigmoid`},
	{[]string{"run", "--model", "sim", "--threshold", "nan"}, `"--threshold" flag: "nan" is not a fraction`},
	{[]string{"run", "--model", "sim", "--relative", "nan"}, `"--relative" flag: "nan" is not a fraction`},
	{[]string{"report", "--threshold", "nan", "{dir}"}, `"--threshold" flag: "nan" is not a fraction`},
	{[]string{"run", "--model", "sim", "--timeout", "-1s"}, "--timeout -1s: want a positive duration"},
	{[]string{"run", "--model", "sim", "--timeout", "0s"}, "--timeout 0s: want a positive duration"},
	{[]string{"probe", "--model", "sim", "--timeout", "-1s"}, "--timeout -1s: want a positive duration"},
	{[]string{"run", "--model", "sim", "--retries", "-1"}, "--retries: -1: want 0 (no retries) or more"},
	{[]string{"run", "--model", "sim", "--lengths", "2m"}, "sim tokens, length 2M (a prompt of 2097024 sim tokens, after the answer budget and the ratio calibrated against the server) needs"},
	{[]string{"run", "--model", "sim", "--lengths", "2m", "--tokenizer", "cl100k"}, "cl100k tokens, after the answer budget and the ratio calibrated against the server) needs"},
	{[]string{"run", "--model", "sim", "--lengths", "4k", "--haystack", "{dir}/one-byte.txt"}, "(1 byte) has no sentence end or paragraph break"},
	{[]string{"run", "--model", "sim", "--lengths", "1m", "--haystack", "{dir}/one-byte.txt"}, "(1 byte) has no sentence end or paragraph break"},
	// Issue 24: an empty spec crashed the run; flags given without their
	// meaning, or with values that meant something else, were accepted.
	{[]string{"run", "--model", "", "--lengths", "4k", "--depths", "0,100", "--trials", "1", "--tokenizer", "cl100k"}, `--model: "" is not a model spec`},
	{[]string{"run", "--model", "sim", "--model", "", "--lengths", "4k", "--depths", "0,100", "--trials", "1", "--tokenizer", "cl100k"}, `--model: "" is not a model spec`},
	{[]string{"run", "--model", "sim", "--adaptive", "--resolution", "nan"}, `"--resolution" flag: "nan" is not a fraction`},
	{[]string{"run", "--model", "sim", "--shards", "0"}, "--shards 0: want at least 1 part"},
	{[]string{"run", "--model", "sim", "--shards", "-2"}, "--shards -2: want at least 1 part"},
	{[]string{"run", "--model", "sim", "--resolution", "0.1"}, "--resolution needs --adaptive"},
	{[]string{"run", "--model", "sim", "--budget", "5m"}, "--budget needs --adaptive"},
	{[]string{"run", "--model", "sim", "--adaptive", "--budget", "0"}, "--budget 0: want a number of prompt tokens above 0"},
	{[]string{"run", "--model", "sim", "--lengths", "64", "--length-counts", "prompt"}, "--lengths: length 64 is shorter than"},
	{[]string{"run", "--model", "sim", "--lengths", "100"}, "--lengths: 100 leaves no room for a prompt beside the answer budget (--max-tokens 128)"},
	{[]string{"run", "--model", "sim", "--length-counts", "tokens"}, `--length-counts: "tokens" is not window`},
	{[]string{"run", "--model", "sim", "--depths", "0"}, "--depths: 0 is a count of depths: for one depth at the start write 0%"},
	{[]string{"run", "--model", "sim", "--depths", "50"}, "--depths: 50 looks like a percentage: write 50% for one depth at 50%, or 50x"},
	{[]string{"run", "--model", "sim", "--tokenizer", "bogus"}, `--tokenizer: "bogus" is neither a tokenizer name (auto, cl100k, o200k, bytes, sim)`},
	{[]string{"gen", "--out", "{out}.jsonl", "--tokenizer", "bogus"}, `--tokenizer: "bogus" is neither`},
	{[]string{"run", "--model", "sim", "--tokenizer", "{dir}/unigram.json"}, `unigram.json: model type "Unigram" is not supported`},
	{[]string{"run", "--model", "openai:m@ftp://127.0.0.1/v1"}, `--model: "openai:m@ftp://127.0.0.1/v1": base URL scheme "ftp" is not http or https`},
	{[]string{"run", "--model", "openai:m@FTP://u:pa55@127.0.0.1/v1"}, `base URL scheme "FTP" is not http or https`},
	// Issue 24: suite files are checked whole before anything starts.
	{[]string{"suite", "{dir}/empty.yaml", "--out", "{out}"}, "empty.yaml: the file is empty: a suite lists its variants under variants:"},
	{[]string{"suite", "{dir}/bogus.yaml", "--out", "{out}"}, `bogus.yaml:5: variant "bad": spec: "bogus:model": unknown provider "bogus"`},
	{[]string{"suite", "{dir}/port.yaml", "--out", "{out}"}, `port.yaml:5: variant "p": {port} in its spec, but the variant has no serve block`},
	{[]string{"suite", "{dir}/port-option.yaml", "--out", "{out}"}, `port-option.yaml:5: variant "p": {port} in its options.url, but the variant has no serve block`},
	{[]string{"suite", "{dir}/order.yaml", "--out", "{out}"}, `order.yaml:2: run.order: "weird" is not prefix or naive`},
	{[]string{"suite", "{dir}/shards.yaml", "--out", "{out}"}, `shards.yaml:2: run.shards: 0: want at least 1 part`},
	{[]string{"suite", "{dir}/budget.yaml", "--out", "{out}"}, `budget.yaml:1: grid.search.budget: "0": want a number of prompt tokens above 0`},
	{[]string{"report", "{dir}/binary"}, "not a records file: none of its"},
	{[]string{"report", "-"}, "stdin: no trial records"},
}

func TestBadInputTable(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "one-byte.txt"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "unigram.json"), []byte(`{"model":{"type":"Unigram","unk_id":0,"vocab":[["<unk>",0],["▁a",-1.5]]}}`), 0o644)
	for name, text := range map[string]string{
		"empty.yaml":       "# nothing yet\n",
		"bogus.yaml":       "variants:\n  - label: good\n    spec: sim\n  - label: bad\n    spec: bogus:model\n",
		"port.yaml":        "variants:\n  - label: good\n    spec: sim\n  - label: p\n    spec: openai:m@http://127.0.0.1:{port}/v1\n",
		"port-option.yaml": "variants:\n  - label: p\n    spec: sim\n    options:\n      url: http://127.0.0.1:{port}/x\n",
		"order.yaml":       "variants: [{spec: sim}]\nrun: {order: weird}\n",
		"shards.yaml":      "variants: [{spec: sim}]\nrun: {shards: 0}\n",
		"budget.yaml":      "grid: {search: {budget: \"0\"}}\nvariants: [{spec: sim}]\n",
	} {
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	bin := make([]byte, 64<<10)
	for i := range bin {
		bin[i] = byte(i*7 + i/256)
	}
	os.WriteFile(filepath.Join(dir, "binary"), bin, 0o644)
	for i, c := range badInputs {
		out := filepath.Join(t.TempDir(), "run")
		args := []string{}
		for _, a := range c.args {
			a = strings.ReplaceAll(a, "{dir}", dir)
			args = append(args, strings.ReplaceAll(a, "{out}", out))
		}
		if args[0] == "run" {
			args = append(args, "--out", out)
		}
		stdout, stderr, err := runNiah(t, args...)
		if err == nil {
			t.Errorf("row %d: niah %s was accepted", i, strings.Join(args, " "))
			continue
		}
		msg := err.Error()
		flag, _, _ := strings.Cut(c.want, " ")
		if !strings.Contains(msg, strings.ReplaceAll(c.want, "{dir}", dir)) || strings.Contains(msg, "\n") ||
			strings.HasPrefix(flag, "--") && strings.Count(msg, strings.TrimRight(flag, ":")) != 1 {
			t.Errorf("row %d: niah %s:\n got %q\nwant one line with %q", i, strings.Join(args, " "), msg, c.want)
		}
		if n := strings.Count(stderr, "\n"); n > 1 || strings.Contains(stdout+stderr, "warning:") {
			t.Errorf("row %d: %d lines on stderr, want at most one:\n%s", i, n, stderr[:min(len(stderr), 500)])
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("row %d: niah %s left %s behind", i, strings.Join(args, " "), out)
		}
		if _, err := os.Stat(out + ".jsonl"); !os.IsNotExist(err) {
			t.Errorf("row %d: niah %s left %s.jsonl behind", i, strings.Join(args, " "), out)
		}
	}
	t.Logf("bad-input table: %d rows", len(badInputs))
}

// hostileRun runs `niah run` against srv with a one-trial grid plus args.
func hostileRun(t *testing.T, url, out string, args ...string) (string, string, error) {
	t.Helper()
	base := []string{"run", "--model", "openai:m@" + url + "/v1", "--tokenizer", "cl100k", "--lengths", "512",
		"--depths", "50%", "--trials", "2", "--out", out}
	return runNiah(t, append(base, args...)...)
}

// --retries 0 sends each request once; --retries 1 twice.
func TestRetriesZeroMeansNone(t *testing.T) {
	for _, retries := range []int{0, 1} {
		srv := &hostile.Server{Mix: map[hostile.Fault]int{hostile.Status429: 1}} // Retry-After: 0, no wait
		ts := httptest.NewServer(srv)
		_, _, err := hostileRun(t, ts.URL, t.TempDir(), "--retries", []string{"0", "1"}[retries])
		ts.Close()
		// Every request is rate limited: nothing was measured (exit 4).
		var ex *exitError
		if !errors.As(err, &ex) || ex.code != 4 {
			t.Fatalf("--retries %d against a server that always says 429: %v, want exit 4", retries, err)
		}
		served := srv.Served()
		if len(served) == 0 {
			t.Fatal("no completion was sent")
		}
		for prompt, faults := range served {
			if len(faults) != retries+1 {
				t.Errorf("--retries %d: a prompt was sent %d times: %.60q", retries, len(faults), prompt)
			}
		}
	}
}

// Credentials in the base URL reach no file, nor stdout or stderr.
func TestURLCredentialsNeverWritten(t *testing.T) {
	ts := httptest.NewServer(&hostile.Server{Mix: map[hostile.Fault]int{hostile.Answer: 1}})
	defer ts.Close()
	withUser := strings.Replace(ts.URL, "http://", "http://someone:pa55word@", 1)
	for _, url := range []string{withUser, ts.URL + "/v1?api_key=pa55word&x=1", withUser + "/v1?key=pa55word"} {
		out := t.TempDir()
		stdout, stderr, _ := runNiah(t, "run", "--model", "openai:m@"+url, "--model", "vllm:m@"+url, "--tokenizer", "cl100k",
			"--lengths", "512", "--depths", "50%", "--trials", "1", "--retries", "0", "--out", out)
		files, _ := filepath.Glob(filepath.Join(out, "*"))
		if len(files) < 3 {
			t.Fatalf("%s: the run wrote %v\n%s", url, files, stderr)
		}
		for _, f := range files {
			if b, _ := os.ReadFile(f); bytes.Contains(b, []byte("pa55word")) || bytes.Contains(b, []byte("someone")) {
				t.Errorf("%s: %s holds the URL's credentials", url, filepath.Base(f))
			}
		}
		if strings.Contains(stdout+stderr, "pa55word") || strings.Contains(stdout+stderr, "someone") {
			t.Errorf("%s: printed the credentials:\n%s\n%s", url, stdout, stderr)
		}
	}
}

// A second writer on the same --out is refused in one line, and the
// records of the run holding the directory stay as they are.
func TestSecondWriterRefused(t *testing.T) {
	out := t.TempDir()
	if _, _, err := runNiah(t, "run", "--model", "sim", "--lengths", "4k", "--depths", "1x", "--trials", "1", "--out", out); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(out, results.ResultsFile))
	man, err := results.ReadManifest(filepath.Join(out, results.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	holder, _, err := runner.OpenRunDir(out, man, true)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	_, _, err = runNiah(t, "run", "--model", "sim", "--lengths", "4k", "--depths", "1x", "--trials", "1", "--out", out, "--resume=false")
	if err == nil || !strings.Contains(err.Error(), "--out: another niah run (pid ") || !strings.Contains(err.Error(), "is writing to "+out) ||
		strings.Contains(err.Error(), "\n") {
		t.Fatalf("second writer: %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(out, results.ResultsFile))
	if !bytes.Equal(before, after) {
		t.Fatal("the refused run changed the records")
	}
}

// A last record that lost only its newline is kept by the rerun, not sent again.
func TestResumeKeepsLastRecordWithoutNewline(t *testing.T) {
	out := t.TempDir()
	args := []string{"run", "--model", "sim", "--lengths", "4k", "--depths", "3", "--trials", "1", "--out", out}
	if _, _, err := runNiah(t, args...); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(out, results.ResultsFile)
	b, _ := os.ReadFile(path)
	os.WriteFile(path, bytes.TrimSuffix(b, []byte("\n")), 0o644)
	_, stderr, err := runNiah(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(after, b) || !strings.Contains(stderr, "3 of 3 trials already recorded") {
		t.Fatalf("rerun: %s\nfile:\n%s", stderr, after)
	}
}

// A rambling answer is kept cut, and the record says so.
func TestLongAnswerIsCutAndMarked(t *testing.T) {
	long := strings.Repeat("word ", 200_000) // 1 MB
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/models") {
			w.Write([]byte(`{"data":[{"id":"m"}]}`))
			return
		}
		if !strings.HasSuffix(r.URL.Path, "/chat/completions") {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(`{"choices":[{"message":{"content":"` + long + `"},"finish_reason":"length"}]}`))
	}))
	defer ts.Close()
	out := t.TempDir()
	if _, _, err := hostileRun(t, ts.URL, out); err != nil {
		t.Fatal(err)
	}
	recs, _, _ := results.Load(filepath.Join(out, results.ResultsFile))
	if len(recs) != 2 {
		t.Fatalf("%d records", len(recs))
	}
	for _, r := range recs {
		if !r.AnswerTruncated || len(r.Answer) > runner.MaxAnswerBytes || len(r.Answer) < runner.MaxAnswerBytes/2 || r.Status != results.StatusOK {
			t.Errorf("%s: truncated %v, %d bytes kept, %s", r.ID, r.AnswerTruncated, len(r.Answer), r.Status)
		}
	}
}

// Escape sequences a server sends never reach the terminal.
func TestServerEscapesNeverPrinted(t *testing.T) {
	const evil = "\x1b]0;pwned\x07\x1b[2J\x1b[31mboom\u202e\x1b[0m"
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/models") {
			w.Write([]byte(`{"data":[{"id":"m"}]}`))
			return
		}
		http.Error(w, `{"error":{"message":"`+strings.ReplaceAll(evil, "\x1b", `\u001b`)+`"}}`, http.StatusBadRequest)
	}))
	defer ts.Close()
	stdout, stderr, err := hostileRun(t, ts.URL, t.TempDir(), "--retries", "0")
	if err != nil && strings.ContainsAny(err.Error(), "\x1b\x07") {
		t.Errorf("error line: %q", err)
	}
	if !strings.Contains(stderr, "boom") {
		t.Fatalf("the server's message should be shown, cleaned:\n%s", stderr)
	}
	if strings.ContainsAny(stdout+stderr, "\x1b\x07\u202e") {
		t.Errorf("escape sequences reached the terminal:\n%q\n%q", stdout, stderr)
	}
}
