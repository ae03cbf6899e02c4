package runner

import (
	"context"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"niah/needle"
	"niah/provider"
)

// streamClient notes, per worker stream, the needle offsets it was sent;
// its answers take a prompt-dependent time so workers interleave.
type streamClient struct {
	fakeClient
	mu      sync.Mutex
	streams map[int][]int
}

func (c *streamClient) Complete(ctx context.Context, req provider.Request) (provider.Response, error) {
	_, offs := needle.Solve(req.Messages[0].Content)
	c.mu.Lock()
	c.streams[req.Stream] = append(c.streams[req.Stream], offs[0])
	c.mu.Unlock()
	time.Sleep(time.Duration(offs[0]%7) * time.Millisecond)
	return c.fakeClient.Complete(ctx, req)
}

// At concurrency 3 each worker sends its own ascending stream, so a
// server with 3 slots reuses a prefix in every slot.
func TestEachWorkerKeepsAnAscendingStream(t *testing.T) {
	c := &streamClient{streams: map[int][]int{}}
	job := testJob(t, "single", c)
	cfg := engine{Source: GridSource(Grid{Lengths: []int{1024, 2048, 4096}, Depths: []float64{0, 25, 50, 75, 100}, Trials: 2}, 1), MaxTokens: 8,
		Concurrency: 3, Store: openStore(t, filepath.Join(t.TempDir(), "r.jsonl")), Order: "prefix"}
	if _, err := cfg.run(context.Background(), []Job{job}); err != nil {
		t.Fatal(err)
	}
	total := 0
	for s, offs := range c.streams {
		total += len(offs)
		if !sort.IntsAreSorted(offs) {
			t.Errorf("stream %d sent offsets %v: not ascending", s, offs)
		}
	}
	if len(c.streams) != 3 || total != 30 {
		t.Errorf("%d streams sent %d trials; want 3 streams, 30 trials", len(c.streams), total)
	}
}
