//go:build !unix

package runner

import "os"

// LockFile is held by the one run writing a directory (unix only).
const LockFile = ".niah.lock"

// BusyError says another process is writing the run directory.
type BusyError struct {
	Dir string
	PID int
}

func (e *BusyError) Error() string { return "another niah run is writing to " + e.Dir }

// lockDir is a no-op where flock is missing.
func lockDir(string) (*os.File, error) { return nil, nil }
