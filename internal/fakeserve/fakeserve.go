// Package fakeserve is a stand-in model server for tests of code that
// starts and stops servers (suites): a test binary re-executes itself with
// NIAH_FAKESERVE set, and it serves an OpenAI-compatible chat endpoint
// slowly, starts a child process that ignores SIGTERM (so only a process
// group kill ends it), and writes both process ids to a file.
package fakeserve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Env selects the mode: serve (answer slowly), die (exit on the first
// chat request, with an assertion in the log), crash500 (answer every
// chat request with HTTP 500, as Ollama does when its runner dies), fail (exit at once, as a
// server that cannot bind), child (sleep, ignoring SIGTERM).
const Env = "NIAH_FAKESERVE"

// PidsEnv names the file the server appends its and its child's pid to.
const PidsEnv = "NIAH_FAKESERVE_PIDS"

// Main runs the fake when Env is set and returns false otherwise; call it
// first thing in TestMain.
func Main() bool {
	mode := os.Getenv(Env)
	if mode == "" {
		return false
	}
	switch mode {
	case "child":
		signal.Ignore(syscall.SIGTERM)
		time.Sleep(time.Hour)
	case "fail":
		fmt.Fprintln(os.Stderr, "Error: listen tcp: bind: address already in use")
		os.Exit(1)
	default:
		serve(mode)
	}
	os.Exit(0)
	return true
}

func serve(mode string) {
	if os.Getenv("NIAH_FAKESERVE_IGNORE_TERM") == "1" { // a server slow to stop
		signal.Ignore(syscall.SIGTERM)
	}
	port := ""
	for i, a := range os.Args {
		if a == "--port" && i+1 < len(os.Args) {
			port = os.Args[i+1]
		}
	}
	child := exec.Command(os.Args[0])
	child.Env = append(os.Environ(), Env+"=child")
	if err := child.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if f := os.Getenv(PidsEnv); f != "" {
		pf, err := os.OpenFile(f, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err == nil {
			fmt.Fprintf(pf, "%d\n%d\n", os.Getpid(), child.Process.Pid)
			pf.Close()
		}
	}
	fmt.Fprintln(os.Stderr, "fake server listening on 127.0.0.1:"+port)
	delay, _ := time.ParseDuration(os.Getenv("NIAH_FAKESERVE_DELAY"))
	mux := http.NewServeMux()
	mux.HandleFunc("/health", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(200) })
	mux.HandleFunc("/v1/models", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, `{"data":[{"id":"fake"}]}`)
	})
	mux.HandleFunc("/v1/chat/completions", func(w http.ResponseWriter, r *http.Request) {
		if mode == "crash500" { // Ollama when its runner dies: serve lives, answers 500
			http.Error(w, `{"error":"llama runner process has terminated: GGML_ASSERT(view_src == NULL) failed"}`, 500)
			return
		}
		if mode == "die" {
			fmt.Fprintln(os.Stderr, "GGML_ASSERT(view_src == NULL) failed: the fake runner dies")
			os.Exit(2)
		}
		var req struct {
			Messages []struct{ Content string } `json:"messages"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		n := 0
		for _, m := range req.Messages {
			n += len(m.Content)
		}
		time.Sleep(delay)
		answer := "no idea"
		json.NewEncoder(w).Encode(map[string]any{
			"choices": []any{map[string]any{"message": map[string]any{"role": "assistant", "content": answer}, "finish_reason": "stop"}},
			"usage":   map[string]any{"prompt_tokens": n, "completion_tokens": 2},
		})
	})
	if err := http.ListenAndServe("127.0.0.1:"+port, mux); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// Pids reads the process ids a fake server wrote.
func Pids(path string) []int {
	b, _ := os.ReadFile(path)
	var out []int
	for _, f := range strings.Fields(string(b)) {
		if n, err := strconv.Atoi(f); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// Alive reports whether a process exists (and is not a zombie).
func Alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// field 3 is the state; Z is a zombie waiting for its parent.
	s := string(b)
	if i := strings.LastIndex(s, ")"); i >= 0 && i+2 < len(s) {
		return s[i+2] != 'Z'
	}
	return true
}
