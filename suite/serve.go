package suite

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"niah/runner"
)

const (
	defaultStartTimeout = 2 * time.Minute
	defaultGrace        = 10 * time.Second
	logTailLines        = 20
)

// server is one running serve command, in its own process group so that
// stopping it reaches every process it started (Ollama's runners).
type server struct {
	cmd     *exec.Cmd
	argv    []string
	logPath string
	grace   time.Duration
	done    chan struct{} // closed when the process has exited
	waitErr error
	once    sync.Once
	cancel  func() // ends the context that watches the server, if any
	owner   *servers
	wd      *watchdog // stops the server's group if niah dies first
}

// servers are the servers a suite started and has not stopped, so an
// exit that cannot unwind (a second Ctrl-C) still kills them: Kill.
type servers struct {
	mu   sync.Mutex
	live map[*server]bool
}

// kill kills every server still running, at once (SIGKILL to each
// process group). For a process about to exit.
func (ss *servers) kill() {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for s := range ss.live {
		syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
	}
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// start runs the serve command with {port} filled, its output appended
// to logPath.
func (ss *servers) start(s *Serve, port int, logPath string) (*server, error) {
	argv, err := s.argv(port)
	if err != nil {
		return nil, err
	}
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, err
	}
	defer logf.Close() // the child holds its own copy
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = s.Dir
	cmd.Env = os.Environ()
	for k, v := range s.Env {
		cmd.Env = append(cmd.Env, k+"="+withPort(v, port))
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	// Its own process group: a stop reaches its children too, and a
	// Ctrl-C in the terminal reaches niah alone, which stops it in order.
	// If niah itself is killed outright (SIGKILL), its watchdog stops the
	// group (see watchdog.go); the kernel's parent-death SIGTERM to the
	// leader comes first, for a server that stops its own children.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
	srv := &server{cmd: cmd, argv: argv, logPath: logPath, grace: defaultGrace, done: make(chan struct{}), owner: ss}
	if s.Grace != "" {
		srv.grace, _ = time.ParseDuration(s.Grace)
	}
	// The watchdog first: a server is never running without one.
	if srv.wd, err = startWatchdog(); err != nil {
		return nil, fmt.Errorf("starting the watchdog that stops the server if niah dies: %w", err)
	}
	ss.mu.Lock()
	err = cmd.Start()
	if err == nil {
		if ss.live == nil {
			ss.live = map[*server]bool{}
		}
		ss.live[srv] = true
	}
	ss.mu.Unlock()
	if err != nil {
		srv.wd.release()
		return nil, fmt.Errorf("starting %s: %w", argv[0], err)
	}
	if err := srv.wd.watch(cmd.Process.Pid, srv.grace); err != nil {
		go func() {
			srv.waitErr = cmd.Wait()
			close(srv.done)
		}()
		srv.stop()
		return nil, fmt.Errorf("telling the watchdog about %s: %w", argv[0], err)
	}
	go func() {
		srv.waitErr = cmd.Wait()
		close(srv.done)
	}()
	return srv, nil
}

// exited reports whether the server has stopped, and how.
func (s *server) exited() (bool, error) {
	select {
	case <-s.done:
		return true, s.waitErr
	default:
		return false, nil
	}
}

// stop ends the server: SIGTERM to its process group, SIGKILL to the
// group after the grace period, and waits until the process is gone.
// Children that ignore the TERM are killed with the group. Safe to call
// more than once.
func (s *server) stop() {
	s.once.Do(func() {
		if s.cancel != nil {
			s.cancel()
		}
		pgid := s.cmd.Process.Pid
		syscall.Kill(-pgid, syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(s.grace):
		}
		// The leader may be gone while a child lingers: kill the group
		// whatever happened, then reap.
		syscall.Kill(-pgid, syscall.SIGKILL)
		<-s.done
		s.owner.mu.Lock()
		delete(s.owner.live, s)
		s.owner.mu.Unlock()
		s.wd.release() // the group is gone: nothing left to watch
	})
}

// waitReady polls until the server answers: a GET of readyURL that
// returns 200, or, with no URL, the spec's server answering niah's own
// probe. It fails at once when the process exits.
func (s *server) waitReady(ctx context.Context, readyURL string, plan runner.Plan, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := &http.Client{Timeout: 5 * time.Second}
	var last error
	for {
		if done, err := s.exited(); done {
			return fmt.Errorf("the server exited before it was ready (%s)", exitText(err))
		}
		if readyURL != "" {
			last = getOK(ctx, client, readyURL)
		} else {
			last = runner.Ping(ctx, plan)
		}
		if last == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			if errors.Is(ctx.Err(), context.DeadlineExceeded) {
				return fmt.Errorf("not ready within %v: %w", timeout, last)
			}
			return ctx.Err()
		case <-s.done:
		case <-time.After(250 * time.Millisecond):
		}
	}
}

func getOK(ctx context.Context, c *http.Client, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: HTTP %d", url, resp.StatusCode)
	}
	return nil
}

func exitText(err error) string {
	if err == nil {
		return "exit status 0"
	}
	return err.Error()
}

// logTail is the last lines of a server's log, for a failure report.
func logTail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
