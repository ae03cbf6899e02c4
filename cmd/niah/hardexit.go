package main

import (
	"context"
	"sync"
)

// hardExit holds what must be done when niah exits without unwinding (a
// second Ctrl-C): kill the servers a suite started. main makes one and
// carries it in the command's context, so no package state is needed.
type hardExit struct {
	mu    sync.Mutex
	funcs []func()
}

type hardExitKey struct{}

// onHardExit asks for f to run if niah exits at once; a context that main
// did not make (a test's) has nobody to run it.
func onHardExit(ctx context.Context, f func()) {
	if h, ok := ctx.Value(hardExitKey{}).(*hardExit); ok {
		h.mu.Lock()
		h.funcs = append(h.funcs, f)
		h.mu.Unlock()
	}
}

func (h *hardExit) run() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, f := range h.funcs {
		f()
	}
}
