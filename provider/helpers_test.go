package provider

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"niah/results"
)

// seen is one request a fake server received.
type seen struct {
	Method, Path string
	Query        string // the raw query string
	Header       http.Header
	Body         map[string]any
}

// fake is an httptest server with scripted routes that records every request.
type fake struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []seen
}

// scripted is one answer: status, headers, body.
type scripted struct {
	status int
	header map[string]string
	body   string
}

// newFake serves routes "METHOD /path" -> answers; a route with several
// answers gives them in turn and repeats the last one.
func newFake(t *testing.T, routes map[string][]scripted) *fake {
	t.Helper()
	f := &fake{}
	calls := map[string]int{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var body map[string]any
		_ = json.Unmarshal(raw, &body)
		key := r.Method + " " + r.URL.Path
		f.mu.Lock()
		f.reqs = append(f.reqs, seen{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body})
		answers, ok := routes[key]
		n := calls[key]
		calls[key]++
		f.mu.Unlock()
		if !ok {
			http.Error(w, `{"error":"not found"}`, http.StatusNotFound)
			return
		}
		a := answers[min(n, len(answers)-1)]
		for k, v := range a.header {
			w.Header().Set(k, v)
		}
		if a.status == 0 {
			a.status = 200
		}
		w.WriteHeader(a.status)
		_, _ = io.WriteString(w, a.body)
	}))
	t.Cleanup(f.Close)
	return f
}

// requests returns what the server saw on path.
func (f *fake) requests(path string) []seen {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []seen
	for _, s := range f.reqs {
		if s.Path == path {
			out = append(out, s)
		}
	}
	return out
}

// clock is a fake backoff clock recording the waits asked for.
type clock struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (c *clock) sleep(_ context.Context, d time.Duration) error {
	c.mu.Lock()
	c.waits = append(c.waits, d)
	c.mu.Unlock()
	return nil
}

func (c *clock) got() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

// client builds a client for "provider:model" at the fake server's URL (plus suffix).
func client(t *testing.T, provModel, url string, opts Options) Client {
	t.Helper()
	spec, err := ParseSpec(provModel + "@" + url)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Open(spec, opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// openSpec parses spec and builds its client.
func openSpec(spec string, opts Options) (Client, error) {
	s, err := ParseSpec(spec)
	if err != nil {
		return nil, err
	}
	return Open(s, opts)
}

// classOf returns the class of a provider *Error, failing the test otherwise.
func classOf(t *testing.T, err error) *Error {
	t.Helper()
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatalf("want *provider.Error, got %T %v", err, err)
	}
	return pe
}

func intp(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

var userMsg = []results.Message{{Role: "system", Content: "Answer briefly."}, {Role: "user", Content: "What is the secret number?"}}
