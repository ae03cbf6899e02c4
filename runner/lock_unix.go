//go:build unix

package runner

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// LockFile is held, with an OS lock, by the one run writing a directory.
const LockFile = ".niah.lock"

// BusyError says another process is writing the run directory.
type BusyError struct {
	Dir string
	PID int // the holder, as it wrote itself in the lock file; 0 if unknown
}

func (e *BusyError) Error() string {
	who := "another niah run"
	if e.PID > 0 {
		who += fmt.Sprintf(" (pid %d)", e.PID)
	}
	return fmt.Sprintf("%s is writing to %s", who, e.Dir)
}

// lockDir takes the directory's write lock without waiting. The kernel
// drops a flock when its holder exits, however it exits, so a crashed
// run never leaves the directory locked.
func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, LockFile), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			b := make([]byte, 32)
			n, _ := f.ReadAt(b, 0)
			pid, _ := strconv.Atoi(strings.TrimSpace(string(b[:n])))
			return nil, &BusyError{Dir: dir, PID: pid}
		}
		return nil, fmt.Errorf("%s: lock: %w", dir, err)
	}
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return f, nil
}
