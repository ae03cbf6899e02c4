//go:build unix

package runner

import (
	"errors"
	"fmt"
	"os"
	"testing"

	"niah/results"
)

// One directory, one writer: a second open is refused while the first
// holds the directory, and allowed once it closes.
func TestRunDirOneWriter(t *testing.T) {
	dir := t.TempDir()
	man := &results.Manifest{Task: "single", Seed: 1}
	first, _, err := OpenRunDir(dir, man, true)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = OpenRunDir(dir, man, false) // --resume=false would remove the records
	var busy *BusyError
	if !errors.As(err, &busy) || busy.PID != os.Getpid() {
		t.Fatalf("second writer: %v", err)
	}
	if want := fmt.Sprintf("another niah run (pid %d) is writing to %s", os.Getpid(), dir); err.Error() != want {
		t.Fatalf("message %q, want %q", err, want)
	}
	if err := first.Store.Append(&results.Record{ID: "a", Status: results.StatusOK}); err != nil {
		t.Fatal(err)
	}
	first.Close()
	again, _, err := OpenRunDir(dir, man, true)
	if err != nil {
		t.Fatalf("after the first closed: %v", err)
	}
	defer again.Close()
	if !again.Store.Has("a") {
		t.Fatal("the refused --resume=false removed the records of the run that held the lock")
	}
}
