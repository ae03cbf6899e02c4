package runner

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"niah/results"
)

// growingSource starts with one length and, each time a length's trials
// are all recorded, adds the next one: the shape of a search that decides
// what to send from what it has seen.
type growingSource struct {
	mu       sync.Mutex
	lengths  []int
	next     int
	pending  map[int]int // length -> trials not yet recorded
	started  []results.Record
	observed int
}

func (s *growingSource) trials(l int) []ModelItem {
	var out []ModelItem
	for _, d := range []float64{0, 100} {
		out = append(out, ModelItem{Item: Item{Length: l, Depth: d}})
	}
	s.pending[l] = len(out)
	return out
}

func (s *growingSource) Start(recorded []results.Record) []ModelItem {
	s.started = recorded
	s.pending = map[int]int{}
	s.next = 1
	return s.trials(s.lengths[0])
}

func (s *growingSource) Observe(rec *results.Record) []ModelItem {
	s.observed++
	s.pending[rec.Length]--
	if s.pending[rec.Length] == 0 && s.next < len(s.lengths) {
		s.next++
		return s.trials(s.lengths[s.next-1])
	}
	return nil
}

type countingProgress struct {
	total, added, done int
}

func (p *countingProgress) Start(total, skipped, _ int) { p.total = total }
func (p *countingProgress) Added(trials, _ int)         { p.added += trials }
func (p *countingProgress) Done(*results.Record)        { p.done++ }

func TestRunGrowsWhileItGoes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "results.jsonl")
	job := testJob(t, "single", &fakeClient{})
	src := &growingSource{lengths: []int{1024, 2048, 4096}}
	prog := &countingProgress{}
	out, err := (engine{MaxTokens: 32, Concurrency: 2, Store: openStore(t, path), Source: src, Progress: prog}).run(context.Background(), []Job{job})
	if err != nil {
		t.Fatal(err)
	}
	if out.Planned != 6 || out.Done != 6 || src.observed != 6 {
		t.Fatalf("outcome %+v, observed %d: want 6 trials over three lengths", out, src.observed)
	}
	if prog.total != 2 || prog.added != 4 || prog.done != 6 {
		t.Errorf("progress heard start %d, added %d, done %d; want 2, 4, 6", prog.total, prog.added, prog.done)
	}
	recs, _, _ := results.Load(path)
	seen := map[int]int{}
	for _, r := range recs {
		seen[r.Length]++
	}
	if seen[1024] != 2 || seen[2048] != 2 || seen[4096] != 2 {
		t.Errorf("records per length %v", seen)
	}

	// A resumed run hands the source what is recorded, and sends only what
	// is new: the search continues instead of restarting.
	src2 := &growingSource{lengths: []int{1024, 2048, 4096, 8192}}
	out, err = (engine{MaxTokens: 32, Store: openStore(t, path), Source: src2}).run(context.Background(), []Job{job})
	if err != nil {
		t.Fatal(err)
	}
	if len(src2.started) != 6 {
		t.Errorf("the source started with %d recorded trials, want 6", len(src2.started))
	}
	// The first length is skipped as recorded, so the source never hears of
	// its trials and grows no further: a source that resumes reads Start's
	// records. Here it sent nothing new.
	if out.Skipped != 2 || out.Done != 0 {
		t.Errorf("resumed outcome %+v: want the 2 recorded trials skipped, none sent", out)
	}
}
