package suite

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// A watchdog is a small process that outlives niah to stop the server a
// suite started, whatever happens to niah, SIGKILL included. niah is one
// binary, so the watchdog is niah itself, started again in a hidden mode
// (WatchdogEnv). It reads its standard input, a pipe whose other end only
// niah holds: "watch PGID GRACE" names the server's process group once it
// is started, "release" says niah stopped it itself. When the pipe ends
// without a release, niah is gone, and the watchdog stops the whole group
// as niah would have: SIGTERM, the grace period, SIGKILL. That reaches a
// server that ignores SIGTERM, the real server behind a shell wrapper,
// and every child a server started, none of which the kernel's
// parent-death signal (sent to the group leader alone) could.
//
// The watchdog runs in a process group of its own, so neither a Ctrl-C
// at the terminal nor a kill of niah's group reaches it, and it ignores
// SIGINT, SIGTERM and SIGHUP.

// WatchdogEnv, set to 1, makes the binary a watchdog.
const WatchdogEnv = "NIAH_WATCHDOG"

// WatchdogMain runs the watchdog and exits when this process was started
// as one; otherwise it returns false. Call it first thing in main, and in
// TestMain of a test binary that starts servers (the watchdog is the
// running binary).
func WatchdogMain() bool {
	if os.Getenv(WatchdogEnv) != "1" {
		return false
	}
	signal.Ignore(syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGPIPE)
	watch(os.Stdin)
	os.Exit(0)
	return true
}

// watch reads the watchdog's orders until they end, and stops the group
// it was told to watch unless it was released.
func watch(orders io.Reader) {
	var pgid int
	var grace time.Duration
	sc := bufio.NewScanner(orders)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 3 && f[0] == "watch":
			pgid, _ = strconv.Atoi(f[1])
			grace, _ = time.ParseDuration(f[2])
		case len(f) == 1 && f[0] == "release":
			return
		}
	}
	if pgid > 1 { // never 0, 1 or -1: kill(0) and kill(-1) mean far more than one group
		stopGroup(pgid, grace)
	}
}

// stopGroup stops a process group: SIGTERM, then SIGKILL once the grace
// period has passed with any process of the group left.
func stopGroup(pgid int, grace time.Duration) {
	if syscall.Kill(-pgid, syscall.SIGTERM) != nil {
		return // no such group: nothing is left
	}
	for deadline := time.Now().Add(grace); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if syscall.Kill(-pgid, 0) != nil {
			return
		}
	}
	syscall.Kill(-pgid, syscall.SIGKILL)
}

// watchdog is niah's end of a running watchdog.
type watchdog struct {
	cmd    *exec.Cmd
	orders io.WriteCloser
}

// startWatchdog starts a watchdog: the running binary again, in its own
// process group, its standard input a pipe from niah.
func startWatchdog() (*watchdog, error) {
	self := "/proc/self/exe" // the binary running, even if its file was replaced since
	if _, err := os.Stat(self); err != nil {
		if self, err = os.Executable(); err != nil {
			return nil, err
		}
	}
	cmd := exec.Command(self)
	cmd.Args = []string{"niah-watchdog"} // what ps shows
	cmd.Env = append(os.Environ(), WatchdogEnv+"=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	orders, err := cmd.StdinPipe() // niah's end is close-on-exec: no server inherits it
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &watchdog{cmd: cmd, orders: orders}, nil
}

// watch tells the watchdog the server's process group and grace period.
// Once this returns, the order is in the pipe: the watchdog acts on it
// even if niah dies the next instant.
func (w *watchdog) watch(pgid int, grace time.Duration) error {
	_, err := fmt.Fprintf(w.orders, "watch %d %s\n", pgid, grace)
	return err
}

// release tells the watchdog niah stopped the server itself, and waits
// for it to exit.
func (w *watchdog) release() {
	fmt.Fprintln(w.orders, "release")
	w.orders.Close()
	w.cmd.Wait()
}
