package runner

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"niah/corpora"
	"niah/haystack"
	"niah/needle"
	"niah/provider"
	"niah/results"
)

// fakeClient answers like a perfect reader and reports the prompt tokens
// it saw; hooks let a test make it cut, reject or refuse.
type fakeClient struct {
	calls   atomic.Int32
	mu      sync.Mutex
	offsets []int // needle offsets in request order
	respond func(prompt string, n int) (provider.Response, error)
}

func (f *fakeClient) Spec() string { return "fake:model" }
func (f *fakeClient) Info(context.Context) (provider.ServerInfo, error) {
	return provider.ServerInfo{Kind: "fake"}, nil
}
func (f *fakeClient) Complete(_ context.Context, req provider.Request) (provider.Response, error) {
	f.calls.Add(1)
	prompt := req.Messages[0].Content
	n := haystack.SimCount(prompt)
	_, offs := needle.Solve(prompt)
	f.mu.Lock()
	if len(offs) > 0 {
		f.offsets = append(f.offsets, offs[0])
	}
	f.mu.Unlock()
	if f.respond != nil {
		return f.respond(prompt, n)
	}
	answer, _ := needle.Solve(prompt)
	return provider.Response{Answer: answer, FinishReason: "stop", PromptTokens: &n, HTTPStatus: 200, Attempts: 1}, nil
}

func testJob(t *testing.T, task string, client provider.Client) Job {
	t.Helper()
	tk, err := needle.ByName(task)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := NewPrompter(tk, corpora.Builtin(0), haystack.Sim(), 7, 8192, testCache)
	if err != nil {
		t.Fatal(err)
	}
	return Job{Label: "fake", Client: client, Prompter: pr, Exact: true}
}

func openStore(t *testing.T, path string) *results.Store {
	t.Helper()
	s, _, err := results.OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var smallGrid = Grid{Lengths: []int{1024, 2048, 4096}, Depths: []float64{0, 50, 100}, Trials: 2}

func TestRunRecordsEveryTrialOnceAndResumes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "results.jsonl")
	fc := &fakeClient{}
	job := testJob(t, "single", fc)
	out, err := (engine{Source: GridSource(smallGrid, 1), MaxTokens: 32, Concurrency: 4, Store: openStore(t, path)}).run(context.Background(), []Job{job})
	if err != nil {
		t.Fatal(err)
	}
	if out.Done != 18 || out.Planned != 18 {
		t.Fatalf("outcome %+v, want 18 done of 18", out)
	}
	recs, warns, err := results.Load(path)
	if err != nil || len(warns) > 0 || len(recs) != 18 {
		t.Fatalf("%d records, warnings %v, err %v", len(recs), warns, err)
	}
	for _, r := range recs {
		if r.Status != results.StatusOK || r.Score != 1 || !r.Correct {
			t.Errorf("%s: status %s score %v answer %q", r.ID, r.Status, r.Score, r.Answer)
		}
		if r.PromptTokensServer == nil || *r.PromptTokensServer != r.PromptTokens {
			t.Errorf("%s: planned %d, server %v", r.ID, r.PromptTokens, r.PromptTokensServer)
		}
		if tol := max(8, r.Length/500); r.PromptTokens < r.Length-tol || r.PromptTokens > r.Length+tol {
			t.Errorf("%s: %d tokens for length %d", r.ID, r.PromptTokens, r.Length)
		}
		if r.Model != "fake:model" || r.Label != "fake" || r.Schema != results.Schema || r.Messages != nil {
			t.Errorf("%s: bad identity fields %+v", r.ID, r)
		}
	}
	// The same command again sends nothing.
	before := fc.calls.Load()
	out, err = (engine{Source: GridSource(smallGrid, 1), MaxTokens: 32, Store: openStore(t, path)}).run(context.Background(), []Job{job})
	if err != nil || out.Skipped != 18 || out.Done != 0 || fc.calls.Load() != before {
		t.Fatalf("rerun: %+v %v, %d new calls", out, err, fc.calls.Load()-before)
	}
}

func TestPrefixOrderSendsNeedleOffsetsAscending(t *testing.T) {
	fc := &fakeClient{}
	job := testJob(t, "single", fc)
	cfg := engine{Source: GridSource(Grid{Lengths: []int{2048, 4096}, Depths: []float64{0, 25, 50, 75, 100}, Trials: 1}, 1), MaxTokens: 8,
		Store: openStore(t, filepath.Join(t.TempDir(), "r.jsonl")), Order: "prefix"}
	if _, err := cfg.run(context.Background(), []Job{job}); err != nil {
		t.Fatal(err)
	}
	if len(fc.offsets) != 10 || !sort.IntsAreSorted(fc.offsets) {
		t.Fatalf("needle byte offsets in send order: %v", fc.offsets)
	}
}

func TestServerVerdicts(t *testing.T) {
	cut := func(prompt string, n int) (provider.Response, error) {
		seen := n / 2
		return provider.Response{Answer: "I do not know.", PromptTokens: &seen, FinishReason: "stop"}, nil
	}
	reject := func(string, int) (provider.Response, error) {
		return provider.Response{}, &provider.Error{Reason: results.ReasonContextExceeded, HTTPStatus: 400, Message: "fake: too long"}
	}
	empty := func(_ string, n int) (provider.Response, error) {
		return provider.Response{Answer: "<think>let me see", PromptTokens: &n, FinishReason: "length"}, nil
	}
	for name, c := range map[string]struct {
		respond func(string, int) (provider.Response, error)
		status  results.Status
		reason  results.Reason
	}{
		"truncated": {cut, results.StatusInvalid, results.ReasonTruncated},
		"rejected":  {reject, results.StatusInvalid, results.ReasonContextExceeded},
		"budget":    {empty, results.StatusInvalid, results.ReasonLengthEmpty},
	} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "r.jsonl")
			job := testJob(t, "single", &fakeClient{respond: c.respond})
			g := Grid{Lengths: []int{1024}, Depths: []float64{50}, Trials: 1}
			if _, err := (engine{Source: GridSource(g, 1), MaxTokens: 8, Store: openStore(t, path)}).run(context.Background(), []Job{job}); err != nil {
				t.Fatal(err)
			}
			recs, _, _ := results.Load(path)
			if len(recs) != 1 || recs[0].Status != c.status || recs[0].Reason != c.reason || recs[0].Error == "" {
				t.Fatalf("records %+v", recs)
			}
		})
	}
}

func TestAuthErrorStopsTheRun(t *testing.T) {
	fc := &fakeClient{respond: func(string, int) (provider.Response, error) {
		return provider.Response{}, &provider.Error{Reason: results.ReasonAuth, HTTPStatus: 401, Message: "fake: invalid API key (HTTP 401)"}
	}}
	job := testJob(t, "single", fc)
	_, err := (engine{Source: GridSource(smallGrid, 1), MaxTokens: 8, Store: openStore(t, filepath.Join(t.TempDir(), "r.jsonl"))}).run(context.Background(), []Job{job})
	if !errors.Is(err, ErrStopped) || !strings.Contains(err.Error(), "401") {
		t.Fatalf("want the run stopped with the auth message, got %v", err)
	}
	if n := fc.calls.Load(); n > 2 {
		t.Fatalf("%d requests sent after an auth failure", n)
	}
}

func TestInterruptDrainsInFlight(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	var started atomic.Int32
	fc := &fakeClient{}
	fc.respond = func(prompt string, n int) (provider.Response, error) {
		if started.Add(1) == 2 {
			cancel() // Ctrl-C while two requests are in flight
		}
		<-release
		answer, _ := needle.Solve(prompt)
		return provider.Response{Answer: answer, PromptTokens: &n}, nil
	}
	go func() {
		for started.Load() < 2 {
			runtime.Gosched()
		}
		close(release)
	}()
	path := filepath.Join(t.TempDir(), "r.jsonl")
	out, err := (engine{Source: GridSource(smallGrid, 1), MaxTokens: 8, Concurrency: 2, Store: openStore(t, path)}).run(ctx, []Job{testJob(t, "single", fc)})
	if err != nil {
		t.Fatal(err)
	}
	recs, _, _ := results.Load(path)
	if !out.Interrupted || out.Done != len(recs) || len(recs) < 2 || len(recs) >= 18 {
		t.Fatalf("outcome %+v with %d records: in-flight requests must finish and be recorded", out, len(recs))
	}
	for _, r := range recs {
		if r.Status != results.StatusOK {
			t.Errorf("%s drained as %s", r.ID, r.Status)
		}
	}
}

// testCache holds the token indexes of every test in the package.
var testCache *haystack.Cache

func TestMain(m *testing.M) {
	dir, _ := os.MkdirTemp("", "niah-runner")
	testCache = haystack.NewCache(dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
