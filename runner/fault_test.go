package runner

import (
	"bufio"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"niah/internal/hostile"
	"niah/provider"
	"niah/results"
)

// faultOutcome is what a trial's record must say when its last request
// was answered with the fault.
var faultOutcome = map[hostile.Fault]struct {
	status results.Status
	reason results.Reason
}{
	hostile.Answer:    {results.StatusOK, ""},
	hostile.Status500: {results.StatusError, results.ReasonServerError},
	hostile.HTML502:   {results.StatusError, results.ReasonServerError},
	hostile.Status429: {results.StatusError, results.ReasonRateLimited},
	hostile.Drop:      {results.StatusError, results.ReasonNetwork},
	hostile.Stall:     {results.StatusError, results.ReasonTimeout},
	hostile.Truncated: {results.StatusError, results.ReasonBadResponse},
	hostile.Endless:   {results.StatusError, results.ReasonBadResponse},
}

// TestFaultInjection runs many trials at concurrency 4 against a server
// that answers at random with every fault it knows, twice (the second run
// resumes and sends the errors again). Every trial must be recorded once
// per run that sent it, with the status and reason of the last answer the
// server gave for its prompt, and as many attempts as requests it made.
func TestFaultInjection(t *testing.T) {
	mix := map[hostile.Fault]int{hostile.Answer: 5}
	for _, f := range hostile.All[1:] {
		mix[f] = 1
	}
	for _, stream := range []bool{false, true} {
		srvState := &hostile.Server{Mix: mix, Seed: 42}
		srv := httptest.NewServer(srvState)
		client, err := openSpec("openai:m@"+srv.URL+"/v1", provider.Options{
			Timeout: time.Second, MaxRetries: 2, Stream: stream,
			Sleep: func(context.Context, time.Duration) error { return nil },
		})
		if err != nil {
			t.Fatal(err)
		}
		job := testJob(t, "single", client)
		job.Label = "hostile"
		grid := Grid{Lengths: []int{512, 1024}, Depths: []float64{0, 25, 50, 75, 100}, Trials: 8}
		path := filepath.Join(t.TempDir(), results.ResultsFile)
		planned := len(Items(grid))

		lines := 0
		var afterPass1 map[string][]hostile.Fault
		for pass := 1; pass <= 2; pass++ {
			if pass == 2 {
				afterPass1 = srvState.Served()
			}
			store := openStore(t, path)
			before := len(store.Loaded())
			errorsBefore := 0
			for _, r := range store.Loaded() {
				if r.Status == results.StatusError {
					errorsBefore++
				}
			}
			out, err := (engine{Source: GridSource(grid, 1), MaxTokens: 16, Concurrency: 4, Store: store}).run(context.Background(), []Job{job})
			store.Close()
			if err != nil {
				t.Fatal(err)
			}
			wantSent := planned
			if pass == 2 {
				wantSent = errorsBefore // the settled trials are skipped
				if before != planned {
					t.Fatalf("stream=%v: pass 2 found %d trials of %d", stream, before, planned)
				}
			}
			if out.Done != wantSent {
				t.Fatalf("stream=%v pass %d: %d trials done, want %d", stream, pass, out.Done, wantSent)
			}
			lines += wantSent
			if n := countLines(t, path); n != lines {
				t.Fatalf("stream=%v pass %d: %d lines in the records file, want %d (one per trial sent)", stream, pass, n, lines)
			}
		}
		recs, warns, err := results.Load(path)
		if err != nil || len(warns) > 0 || len(recs) != planned {
			t.Fatalf("stream=%v: %d records of %d, %v %v", stream, len(recs), planned, warns, err)
		}
		served := srvState.Served()
		count := map[string]int{}
		extra := 0
		for _, rec := range recs {
			p, err := job.Prompter.Build(job.Label, Item{Length: rec.Length, Depth: rec.Depth, Trial: rec.Trial})
			if err != nil {
				t.Fatal(err)
			}
			// The requests of the last send: pass 2's if it sent the trial again.
			faults := served[p.Text()]
			if first := len(afterPass1[p.Text()]); first < len(faults) {
				faults = faults[first:]
			}
			if len(faults) == 0 {
				t.Fatalf("stream=%v: %s recorded but never sent", stream, rec.ID)
			}
			last := faults[len(faults)-1]
			count[string(last)]++
			if last == hostile.Repetition {
				// A settled answer; whether a zero prompt count makes it
				// unverified or cut is the grading's business, not this test's.
				if rec.Status == results.StatusError {
					t.Errorf("stream=%v %s: repetition abort recorded as %s %s", stream, rec.ID, rec.Status, rec.Error)
				}
				continue
			}
			want, ok := faultOutcome[last]
			if !ok {
				t.Fatalf("stream=%v %s: last fault %s", stream, rec.ID, last)
			}
			if stream && last == hostile.Truncated {
				// half an event: the SSE specification discards it, and
				// the cut connection is a network error, retried
				want.reason = results.ReasonNetwork
			}
			made := 0
			for _, f := range faults {
				if f != hostile.Redirect {
					made++ // a redirect is part of the attempt it answers
				}
			}
			// An endless body ends at the size cap or, on a slow machine,
			// at the attempt's deadline first; a client-side failure (a
			// deadline passed before the server read the request) is an
			// attempt the server never saw, so it can only add attempts.
			timedOut := rec.Reason == results.ReasonTimeout && (last == hostile.Endless || rec.Attempts > made)
			if (rec.Status != want.status || rec.Reason != want.reason) && !timedOut {
				t.Errorf("stream=%v %s after %v: recorded %s %s (%s), want %s %s", stream, rec.ID, faults, rec.Status, rec.Reason, rec.Error, want.status, want.reason)
			}
			if rec.Attempts < made || rec.Attempts > 3 {
				t.Errorf("stream=%v %s after %v: %d attempts recorded, %d made (at most 3)", stream, rec.ID, faults, rec.Attempts, made)
			}
			extra += rec.Attempts - made
		}
		t.Logf("stream=%v: %d trials, %d requests, %d attempts failed before the server saw them; last answers %v",
			stream, planned, totalRequests(served), extra, count)
		srv.Close()
	}
}

func totalRequests(served map[string][]hostile.Fault) int {
	n := 0
	for _, f := range served {
		n += len(f)
	}
	return n
}

func countLines(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	n := 0
	for sc.Scan() {
		n++
	}
	return n
}
