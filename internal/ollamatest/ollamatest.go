// Package ollamatest runs a private, real Ollama server for tests: its own
// port on 127.0.0.1, its own model store and HOME in temporary directories,
// so it never touches the user's models or a running Ollama.
package ollamatest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// startTimeout bounds the wait for /api/version after `ollama serve`.
const startTimeout = 60 * time.Second

// Server is a running `ollama serve`.
type Server struct {
	URL  string // http://127.0.0.1:<port>
	Bin  string // the ollama binary
	host string // 127.0.0.1:<port>, for OLLAMA_HOST
	dir  string // holds models/, home/ and Modelfiles
	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	logs *logBuffer
	// models is the model store when it is not dir/models (StartWith);
	// extra are environment settings added to the confining ones.
	models string
	extra  []string
}

// FindBinary returns the ollama binary from PATH or $(go env GOPATH)/bin.
func FindBinary() (string, error) {
	if p, err := exec.LookPath("ollama"); err == nil {
		return p, nil
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
			gopath = strings.TrimSpace(string(out))
		}
	}
	for _, dir := range filepath.SplitList(gopath) {
		p := filepath.Join(dir, "bin", "ollama")
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", errors.New("ollama not found in PATH or $(go env GOPATH)/bin (run .ci/install-ollama.sh)")
}

// skipOrFail skips the test when ollama is missing, except on CI
// (CI=true), where a missing server must not pass silently.
func skipOrFail(t testing.TB, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true: %v", err)
		return
	}
	t.Skip(err)
}

// Start runs a private ollama for this test and stops it at cleanup.
func Start(t testing.TB) *Server {
	t.Helper()
	bin, err := FindBinary()
	if err != nil {
		skipOrFail(t, err)
	}
	s, err := start(bin, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

var shared struct {
	once   sync.Once
	binErr error // no binary: tests skip (fail on CI)
	srv    *Server
	err    error
	dir    string
}

// Shared returns one server for the whole test binary, started on first
// use. Stop it from TestMain with Main (or call StopShared after m.Run).
func Shared(t testing.TB) *Server {
	t.Helper()
	shared.once.Do(func() { // looks for the binary once, not once per test
		var bin string
		if bin, shared.binErr = FindBinary(); shared.binErr != nil {
			return
		}
		shared.dir, shared.err = os.MkdirTemp("", "ollamatest-")
		if shared.err == nil {
			shared.srv, shared.err = start(bin, shared.dir)
		}
	})
	if shared.binErr != nil {
		skipOrFail(t, shared.binErr)
	}
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.srv
}

// StopShared stops the server Shared started, if any, and removes its files.
func StopShared() {
	if shared.srv != nil {
		shared.srv.Stop()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
}

// Main runs the package's tests and then stops the shared server:
// func TestMain(m *testing.M) { ollamatest.Main(m) }
func Main(m *testing.M) {
	code := m.Run()
	StopShared()
	os.Exit(code)
}

func start(bin, dir string, opts ...func(*Server)) (*Server, error) {
	port, err := freePort()
	if err != nil {
		return nil, fmt.Errorf("ollamatest: no free port on 127.0.0.1: %w", err)
	}
	s := &Server{
		Bin:  bin,
		host: fmt.Sprintf("127.0.0.1:%d", port),
		dir:  dir,
		done: make(chan struct{}),
		logs: &logBuffer{max: 1 << 20},
	}
	for _, o := range opts {
		o(s)
	}
	s.URL = "http://" + s.host
	for _, d := range []string{"models", "home"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return nil, err
		}
	}
	s.cmd = exec.Command(bin, "serve")
	s.cmd.Env = s.env()
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	// Own process group, so Stop also reaches the runner processes.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// A runner that outlives serve keeps the output pipe open; don't let
	// Wait hang on it.
	s.cmd.WaitDelay = 5 * time.Second
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("ollamatest: starting %s serve: %w", bin, err)
	}
	go func() { s.cmd.Wait(); close(s.done) }()
	if err := s.waitReady(); err != nil {
		s.Stop()
		return nil, fmt.Errorf("%w\n--- ollama serve output ---\n%s", err, s.Logs())
	}
	return s, nil
}

// env is the caller's environment minus any OLLAMA_* setting and HOME,
// plus settings that confine the server to s.dir.
func (s *Server) env() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "OLLAMA_") && !strings.HasPrefix(kv, "HOME=") {
			env = append(env, kv)
		}
	}
	env = append(env,
		"OLLAMA_HOST="+s.host,
		"OLLAMA_MODELS="+s.ModelsDir(),
		"HOME="+filepath.Join(s.dir, "home"),
		"OLLAMA_KEEP_ALIVE=24h", // models stay loaded across a test run
		"OLLAMA_NO_CLOUD=1",
	)
	return append(env, s.extra...)
}

func (s *Server) waitReady() error {
	deadline := time.Now().Add(startTimeout)
	client := &http.Client{Timeout: 2 * time.Second}
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			return fmt.Errorf("ollamatest: %s serve exited before answering on %s", s.Bin, s.URL)
		default:
		}
		resp, err := client.Get(s.URL + "/api/version")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("ollamatest: %s/api/version did not answer within %v", s.URL, startTimeout)
}

// Stop interrupts the server (it stops its runners), then kills the
// process group if it is still there after 10 s. Safe to call twice.
func (s *Server) Stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	select {
	case <-s.done:
		return
	default:
	}
	pgid := s.cmd.Process.Pid
	syscall.Kill(-pgid, syscall.SIGINT)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-s.done
	}
}

// Kill ends the server and its runners at once (SIGKILL to the process
// group), as a crash or a lost machine would, and waits for it.
func (s *Server) Kill() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
	<-s.done
}

// ModelsDir is the server's model store (OLLAMA_MODELS): other servers
// a test starts itself can serve the models registered here.
func (s *Server) ModelsDir() string {
	if s.models != "" {
		return s.models
	}
	return filepath.Join(s.dir, "models")
}

// Logs returns the server's output so far (the last MiB).
func (s *Server) Logs() string { return s.logs.String() }

// Create runs `ollama create name -f Modelfile` against this server. The
// Modelfile is FROM ggufPath with a template that passes the prompt
// through untouched, followed by modelfileExtra (e.g. "PARAMETER num_ctx 4096").
func (s *Server) Create(t testing.TB, name, ggufPath, modelfileExtra string) {
	t.Helper()
	if err := s.create(name, ggufPath, modelfileExtra); err != nil {
		t.Fatal(err)
	}
}

func (s *Server) create(name, ggufPath, extra string) error {
	abs, err := filepath.Abs(ggufPath)
	if err != nil {
		return err
	}
	modelfile := fmt.Sprintf("FROM %s\nTEMPLATE \"\"\"{{ .Prompt }}\"\"\"\n%s\n", abs, extra)
	mfDir, err := os.MkdirTemp(s.dir, "modelfile-")
	if err != nil {
		return err
	}
	mfPath := filepath.Join(mfDir, "Modelfile")
	if err := os.WriteFile(mfPath, []byte(modelfile), 0o644); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, s.Bin, "create", name, "-f", mfPath)
	cmd.Env = s.env()
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("ollamatest: ollama create %s from %s on %s: %v\n%s\n--- Modelfile ---\n%s", name, ggufPath, s.URL, err, out, modelfile)
	}
	return nil
}

// PostJSON posts body as JSON to s.URL+path and returns the status and
// response body. Transport errors fail the test.
func (s *Server) PostJSON(t testing.TB, path string, body any) (int, []byte) {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(s.URL+path, "application/json", bytes.NewReader(b))
	if err != nil {
		t.Fatalf("POST %s%s: %v", s.URL, path, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("POST %s%s: reading response: %v", s.URL, path, err)
	}
	return resp.StatusCode, out
}

// GetJSON gets s.URL+path and returns the status and response body.
func (s *Server) GetJSON(t testing.TB, path string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(s.URL + path)
	if err != nil {
		t.Fatalf("GET %s%s: %v", s.URL, path, err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s%s: reading response: %v", s.URL, path, err)
	}
	return resp.StatusCode, out
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// logBuffer keeps the last max bytes written, safe for concurrent writes.
type logBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if over := len(b.buf) - b.max; over > 0 {
		b.buf = append(b.buf[:0], b.buf[over:]...)
	}
	return len(p), nil
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
