// Command niah builds needle-in-a-haystack prompts from 4K to 1M tokens,
// sends them to model servers, grades retrieval by depth and length, and
// draws heatmaps. See README.md.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"niah/provider"
	"niah/suite"
)

// softMemoryLimit makes the collector work harder before the heap passes
// it (GOMEMLIMIT overrides): buffers of answers that were cut or refused
// are returned soon instead of at twice the live heap.
const softMemoryLimit = 128 << 20

func main() {
	if suite.WatchdogMain() { // niah started again to watch a server (see suite/watchdog.go)
		return
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	ctx, stop := signalContext()
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	if err == nil {
		return
	}
	var ex *exitError
	if errors.As(err, &ex) {
		if ex.msg != "" {
			fmt.Fprintln(os.Stderr, "niah:", provider.CleanText(ex.msg))
		}
		os.Exit(ex.code)
	}
	fmt.Fprintln(os.Stderr, "niah:", provider.CleanText(err.Error())) // errors may quote a server
	os.Exit(1)
}

// signalContext cancels on the first SIGINT/SIGTERM (the run drains its
// in-flight requests) and exits at once on the second, after what the
// command asked to be done then (onHardExit).
func signalContext() (context.Context, context.CancelFunc) {
	hard := &hardExit{}
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), hardExitKey{}, hard))
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		fmt.Fprintln(os.Stderr, "\nniah: interrupted: finishing requests in flight (Ctrl-C again to exit now)")
		cancel()
		<-sig
		hard.run()
		os.Exit(130)
	}()
	return ctx, cancel
}
