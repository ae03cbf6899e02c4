package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"niah/results"
)

// exitCode is the exit status err means: 0, 1, or an exitError's.
func exitCode(err error) int {
	var ex *exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ex):
		return ex.code
	}
	return 1
}

// gatedServer answers every chat request; once hold is set, the trials
// after the first hold wait until release is closed, and held is closed
// when the first of them arrives.
type gatedServer struct {
	*httptest.Server
	trials  atomic.Int32
	hold    atomic.Int32 // trials to answer before holding; 0: never hold
	held    chan struct{}
	release chan struct{}
	holding atomic.Bool
}

func newGatedServer(t *testing.T) *gatedServer {
	g := &gatedServer{held: make(chan struct{}), release: make(chan struct{})}
	g.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/models") {
			w.Write([]byte(`{"data":[{"id":"m"}]}`))
			return
		}
		var req chatReq
		json.NewDecoder(r.Body).Decode(&req)
		if h := g.hold.Load(); req.trial() && h > 0 && g.trials.Add(1) > h {
			if g.holding.CompareAndSwap(false, true) {
				close(g.held)
			}
			<-g.release
		}
		w.Write([]byte(`{"choices":[{"message":{"content":"I do not know"},"finish_reason":"stop"}]}`))
	}))
	t.Cleanup(func() {
		select {
		case <-g.release:
		default:
			close(g.release)
		}
		g.Close()
	})
	return g
}

// The merge race of issue 24: `niah merge s1 s2 --out s0` while shard 0
// is still being written into s0 exited 0, and the run's 20 records were
// lost when it ended (s0 held s1 and s2's 40). Now --out is taken as a
// run takes its directory; a merge reading s0 meanwhile says s0 is still
// being written (exit 5); once the run ends, the merge is whole.
func TestMergeRaceWithARunStillWritingItsOut(t *testing.T) {
	srv := newGatedServer(t)
	dir := t.TempDir()
	s := func(name string) string { return filepath.Join(dir, name) }
	grid := []string{"--model", "openai:m@" + srv.URL + "/v1", "--tokenizer", "cl100k", "--lengths", "1k,2k",
		"--depths", "10", "--trials", "3", "--retries", "0"}
	shard := func(i string) []string {
		return append(append([]string{"run"}, grid...), "--shard", i+"/3", "--out", s("s"+i))
	}
	for _, i := range []string{"1", "2"} {
		if _, stderr, err := runNiah(t, shard(i)...); err != nil {
			t.Fatalf("shard %s: %v\n%s", i, err, stderr)
		}
	}
	srv.hold.Store(srv.trials.Load() + 5) // shard 0 records 5 trials, then waits
	done := make(chan error)
	go func() {
		_, _, err := runNiah(t, shard("0")...)
		done <- err
	}()
	<-srv.held

	_, _, err := runNiah(t, "merge", s("s1"), s("s2"), "--out", s("s0"))
	if exitCode(err) != 1 || !strings.Contains(err.Error(), "--out: another niah run (pid ") || !strings.Contains(err.Error(), "is writing to "+s("s0")) {
		t.Errorf("merge into the --out of a run still writing: %v", err)
	}
	stdout, _, err := runNiah(t, "merge", s("s0"), s("s1"), s("s2"), "--out", s("all"))
	man, _ := results.ReadManifest(filepath.Join(s("all"), results.ManifestFile))
	if exitCode(err) != exitIncomplete || man == nil || !strings.Contains(strings.Join(man.Incomplete, "\n"), s("s0")+" (shard 0/3) is still being written by another niah run: 5 of its 20 trials so far") ||
		!strings.Contains(stdout, "INCOMPLETE MERGE") {
		t.Errorf("merge of a part still being written: %v\n%v\n%s", err, man, stdout)
	}

	close(srv.release)
	if err := <-done; err != nil {
		t.Fatalf("shard 0: %v", err)
	}
	recs, _, _, _ := results.LoadRun(s("s0"))
	if len(recs) != 20 {
		t.Fatalf("shard 0 holds %d records, want its 20", len(recs))
	}
	_, _, err = runNiah(t, "merge", s("s0"), s("s1"), s("s2"), "--out", s("all")) // over the earlier merge
	recs, man, _, _ = results.LoadRun(s("all"))
	if err != nil || len(recs) != 60 || len(man.Incomplete) != 0 {
		t.Errorf("the whole merge: %v, %d records, incomplete %q", err, len(recs), man.Incomplete)
	}

	// No race: a finished run's directory is not a merge's --out, nor is a part.
	_, _, err = runNiah(t, "merge", s("s1"), s("s2"), "--out", s("s0"))
	if exitCode(err) != 1 || !strings.Contains(err.Error(), "holds a run (shard 0/3), not a merge") {
		t.Errorf("merge over a shard's run: %v", err)
	}
	_, _, err = runNiah(t, "merge", s("s0"), s("s1"), s("s2"), "--out", s("s0"))
	if exitCode(err) != 1 || !strings.Contains(err.Error(), "is one of the runs to merge") {
		t.Errorf("merge into one of its parts: %v", err)
	}
	if recs, _, _, _ := results.LoadRun(s("s0")); len(recs) != 20 {
		t.Errorf("shard 0 holds %d records after the refused merges, want 20", len(recs))
	}
}

// Parts that do not make the whole run are never merged in silence: the
// manifest lists what is missing, the summary says it, and merge exits 5
// unless --partial.
func TestMergeOfPartsThatAreNotAWhole(t *testing.T) {
	dir := t.TempDir()
	s := func(name string) string { return filepath.Join(dir, name) }
	grid := []string{"run", "--model", "sim", "--lengths", "4k,8k", "--depths", "10", "--trials", "3"}
	for _, sh := range []struct{ name, shard string }{{"s0", "0/3"}, {"s1", "1/3"}, {"s2", "2/3"}, {"h1", "1/2"}} {
		if _, stderr, err := runNiah(t, append(grid, "--shard", sh.shard, "--out", s(sh.name))...); err != nil {
			t.Fatalf("%s: %v\n%s", sh.name, err, stderr)
		}
	}
	// A part whose run did not finish: 15 of its 20 records.
	os.MkdirAll(s("cut"), 0o755)
	b, _ := os.ReadFile(filepath.Join(s("s0"), results.ResultsFile))
	lines := strings.SplitAfter(string(b), "\n")
	os.WriteFile(filepath.Join(s("cut"), results.ResultsFile), []byte(strings.Join(lines[:15], "")), 0o644)
	m, _ := os.ReadFile(filepath.Join(s("s0"), results.ManifestFile))
	os.WriteFile(filepath.Join(s("cut"), results.ManifestFile), m, 0o644)

	for i, c := range []struct {
		parts    []string
		partial  bool
		code     int
		trials   int
		problems []string
	}{
		{[]string{"s0", "s1", "s2"}, false, 0, 60, nil},
		{[]string{"s0", "s1", "s2", "s1"}, false, 0, 60, nil}, // a shard twice beside the whole: noted below
		{[]string{"s1", "s2"}, false, 5, 40, []string{"20 of the run's 60 trials are in no part", "shard 0/3 is missing"}},
		{[]string{"s1", "s2"}, true, 0, 40, []string{"20 of the run's 60 trials are in no part", "shard 0/3 is missing"}},
		{[]string{"s0", "s1", "s1"}, false, 5, 40, []string{"shard 1/3 is given 2 times (" + s("s1") + ", " + s("s1") + ")", "shard 2/3 is missing"}},
		{[]string{"s0", "h1"}, false, 5, 50, []string{"the parts come from different shardings, into 2 (" + s("h1") + " (shard 1/2)) and into 3 (" + s("s0") + " (shard 0/3))",
			"shard 0/2 is missing", "shard 1/3 is missing"}},
		{[]string{"cut", "s1", "s2"}, false, 5, 55, []string{"5 of the run's 60 trials are in no part", s("cut") + " (shard 0/3) holds 15 of its 20 trials (its run did not finish"}},
	} {
		out := filepath.Join(t.TempDir(), "merged")
		args := []string{"merge"}
		for _, p := range c.parts {
			args = append(args, s(p))
		}
		args = append(args, "--out", out)
		if c.partial {
			args = append(args, "--partial")
		}
		stdout, stderr, err := runNiah(t, args...)
		if i == 1 && !strings.Contains(stderr, "note: shard 1/3 is given 2 times") {
			t.Errorf("case %d: a shard given twice is not noted:\n%s", i, stderr)
		}
		if code := exitCode(err); code != c.code || err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("case %d: niah %s: exit %d (%v), want %d in one line", i, strings.Join(args, " "), code, err, c.code)
		}
		recs, man, _, lerr := results.LoadRun(out)
		if lerr != nil || len(recs) != c.trials {
			t.Errorf("case %d: %d records (%v), want %d", i, len(recs), lerr, c.trials)
			continue
		}
		got := strings.Join(man.Incomplete, "\n")
		for _, p := range c.problems {
			if !strings.Contains(got, p) || !strings.Contains(stdout, p) {
				t.Errorf("case %d: the manifest and the summary must say %q:\nmanifest: %s\nsummary: %s", i, p, got, stdout)
			}
		}
		if (len(c.problems) == 0) != (len(man.Incomplete) == 0) || (len(c.problems) == 0) == strings.Contains(stdout, "INCOMPLETE MERGE") {
			t.Errorf("case %d: incomplete %q, summary:\n%s", i, man.Incomplete, stdout)
		}
	}
}
