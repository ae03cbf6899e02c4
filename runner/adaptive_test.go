package runner

import (
	"context"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"niah/corpora"
	"niah/haystack"
	"niah/needle"
	"niah/provider"
	"niah/results"
	"niah/stats"
)

// cliffClient answers right below boundary tokens and wrong at or above.
func cliffClient(boundary int) *fakeClient {
	return &fakeClient{respond: func(prompt string, n int) (provider.Response, error) {
		answer := "no idea"
		if n < boundary {
			answer, _ = needle.Solve(prompt)
		}
		return provider.Response{Answer: answer, FinishReason: "stop", PromptTokens: &n, HTTPStatus: 200, Attempts: 1}, nil
	}}
}

var testSearch = Adaptive{Ladder: []int{1024, 2048, 4096, 8192}, Depths: []float64{0, 50, 100}, Rounds: 3,
	Resolution: 0.05, Threshold: stats.DefaultThreshold, Relative: stats.DefaultRelative}

func runSearch(t *testing.T, ctx context.Context, path string, client provider.Client, a Adaptive) []results.Record {
	t.Helper()
	job := testJob(t, "single", client)
	store := openStore(t, path)
	_, err := (engine{MaxTokens: 32, Concurrency: 2, Store: store, Source: NewAdaptiveSource(a, []Job{job})}).run(ctx, []Job{job})
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
	recs, _, err := results.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func ids(recs []results.Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.ID)
	}
	slices.Sort(out)
	return out
}

func TestAdaptiveBracketsACliff(t *testing.T) {
	recs := runSearch(t, context.Background(), filepath.Join(t.TempDir(), "r.jsonl"), cliffClient(2310), testSearch)
	s := stats.Summarize(recs)[0]
	e := stats.ComputeEffective(s, stats.DefaultThreshold, stats.DefaultRelative)
	b := stats.BracketOf(s, e)
	t.Logf("lengths %v, %d trials, bracket %+v", s.Lengths, len(recs), b)
	if b.RULER.Pass < 2150 || b.RULER.Fail > 2480 || b.RULER.Fail == 0 || float64(b.RULER.Fail) > 1.05*float64(b.RULER.Pass)+1 {
		t.Errorf("RULER bracket %+v does not hold 2,310 at 5%%", b.RULER)
	}
	if b.NoLiMa != b.RULER {
		t.Errorf("a cliff from 100%% to 0%% has the same NoLiMa bracket: %+v vs %+v", b.NoLiMa, b.RULER)
	}
	if slices.Contains(s.Lengths, 8192) {
		t.Errorf("8K is above a failing 4K: the search should not spend it (lengths %v)", s.Lengths)
	}
	full := 4 * 3 * 3
	if len(recs) >= full*2 {
		t.Errorf("%d trials: no cheaper than the %d of the grid", len(recs), full)
	}
}

// A failing length below a passing one (a dip) moves the bracket down.
func TestAdaptiveFindsADip(t *testing.T) {
	dip := &fakeClient{respond: func(prompt string, n int) (provider.Response, error) {
		answer, _ := needle.Solve(prompt)
		if n > 1500 && n < 3000 {
			answer = "no idea"
		}
		return provider.Response{Answer: answer, FinishReason: "stop", PromptTokens: &n, HTTPStatus: 200, Attempts: 1}, nil
	}}
	a := testSearch
	a.Ladder = []int{512, 1024, 2048, 4096, 8192}
	recs := runSearch(t, context.Background(), filepath.Join(t.TempDir(), "r.jsonl"), dip, a)
	s := stats.Summarize(recs)[0]
	e := stats.ComputeEffective(s, stats.DefaultThreshold, stats.DefaultRelative)
	if e.RULER < 1024 || e.RULER > 1500 {
		t.Errorf("RULER effective %d with a dip from 1,500 to 3,000 (lengths %v)", e.RULER, s.Lengths)
	}
}

// The same seed makes the same choices, and an interrupted search resumed
// ends where an uninterrupted one does.
func TestAdaptiveIsDeterministicAndResumes(t *testing.T) {
	dir := t.TempDir()
	whole := ids(runSearch(t, context.Background(), filepath.Join(dir, "a.jsonl"), cliffClient(2310), testSearch))
	again := ids(runSearch(t, context.Background(), filepath.Join(dir, "b.jsonl"), cliffClient(2310), testSearch))
	if !slices.Equal(whole, again) {
		t.Fatalf("two runs chose differently:\n%v\n%v", whole, again)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int32
	inner := cliffClient(2310)
	stopping := &fakeClient{respond: func(prompt string, n int) (provider.Response, error) {
		if calls.Add(1) == 7 {
			cancel()
		}
		return inner.respond(prompt, n)
	}}
	path := filepath.Join(dir, "c.jsonl")
	first := runSearch(t, ctx, path, stopping, testSearch)
	if len(first) >= len(whole) {
		t.Fatalf("the interrupt came too late: %d of %d trials", len(first), len(whole))
	}
	resumed := ids(runSearch(t, context.Background(), path, cliffClient(2310), testSearch))
	if !slices.Equal(whole, resumed) {
		t.Errorf("resumed search ended elsewhere:\n%v\n%v", whole, resumed)
	}
}

func TestAdaptiveBudgetStopsTheSearch(t *testing.T) {
	a := testSearch
	a.Budget = 20000
	recs := runSearch(t, context.Background(), filepath.Join(t.TempDir(), "r.jsonl"), cliffClient(2310), a)
	spent := 0
	for _, r := range recs {
		spent += r.PromptTokens
	}
	if spent > a.Budget+100 || spent == 0 {
		t.Errorf("spent %d prompt tokens of a %d budget", spent, a.Budget)
	}
}

// A refinement between two ladder steps only narrows a settled bracket:
// it gets about half the grid's rounds (2 of 3), the ladder's lengths all 3.
func TestAdaptiveRefinementGetsFewerRounds(t *testing.T) {
	sim, err := openSpec("sim:1m", provider.Options{})
	if err != nil {
		t.Fatal(err)
	}
	task, _ := needle.ByName("single")
	ladder, _ := ParseLengths("1k..64k")
	depths, _ := ParseDepths("11", "linear")
	refined, ladderMax := 0, 0
	for seed := int64(1); seed <= 4; seed++ {
		pr, err := NewPrompter(task, corpora.Builtin(0), haystack.Sim(), seed, 1<<16, testCache)
		if err != nil {
			t.Fatal(err)
		}
		job := Job{Label: "sim", Client: sim, Prompter: pr, Exact: true, Simulated: true}
		recs := simRun(t, engine{Options: map[string]string{"shape": "slope", "boundary": "23000"},
			Source: NewAdaptiveSource(Adaptive{Ladder: ladder, Depths: depths, Rounds: 3, Resolution: 0.05,
				Threshold: stats.DefaultThreshold, Relative: stats.DefaultRelative}, []Job{job})}, job)
		per := map[int]int{}
		for _, r := range recs {
			per[r.Length]++
		}
		for l, n := range per {
			if slices.Contains(ladder, l) {
				ladderMax = max(ladderMax, n)
				continue
			}
			refined++
			if n > 2*len(depths) {
				t.Errorf("seed %d: refinement %d got %d trials, more than 2 rounds of %d depths", seed, l, n, len(depths))
			}
		}
	}
	if refined == 0 {
		t.Fatal("no refinement happened: the test checks nothing")
	}
	if ladderMax <= 2*len(depths) {
		t.Logf("no ladder length needed a third round in these seeds (max %d trials)", ladderMax)
	}
}

// StatusOf tells a finished search (on a clean cliff: the failing end
// sure, the passing one all right in the few trials a refinement gets on
// this small grid, which no 95% bound can call sure) from one its budget
// stopped (the next length named, its ends not sure).
func TestAdaptiveStatusTellsDoneFromStopped(t *testing.T) {
	done := runSearch(t, context.Background(), filepath.Join(t.TempDir(), "a.jsonl"), cliffClient(2310), testSearch)
	st := StatusOf(testSearch, "fake", done)
	if st.Next != 0 || st.OverBudget || st.AimStopped || st.Unnarrowed || st.RULER.Pass == 0 || st.RULER.FailState != EndSure ||
		st.RULER.PassState != EndSpent || !st.RULER.PassAllRight || st.RULER.PassTrials != 6 {
		t.Errorf("finished search: %+v", st)
	}
	a := testSearch
	a.Budget = 3000 // two trials of 1,024 tokens, then the next would overspend
	cut := runSearch(t, context.Background(), filepath.Join(t.TempDir(), "b.jsonl"), cliffClient(2310), a)
	st = StatusOf(a, "fake", cut)
	if st.Next == 0 || !st.OverBudget || st.Unnarrowed || st.RULER.PassState == EndSure {
		t.Errorf("budgeted search (%d trials): %+v", len(cut), st)
	}
}

// A search whose failing end stays too close to the bar to be sure is
// over with its bracket wider than the resolution, and says so.
func TestAdaptiveStatusTellsUnnarrowed(t *testing.T) {
	var mu sync.Mutex
	calls := map[int]int{}
	near := &fakeClient{respond: func(prompt string, n int) (provider.Response, error) {
		mu.Lock()
		calls[(n+32)/64]++ // one count per length, whatever its depth's prompt
		k := calls[(n+32)/64]
		mu.Unlock()
		answer := "no idea"
		// Up to 1K every answer is right; up to 4K, 7 in 9 (78%, under
		// the bar but within its Wilson bound: the 3rd and 7th of each
		// length are wrong); above, none.
		if n < 1100 || (n < 4000 && k != 3 && k != 7) {
			answer, _ = needle.Solve(prompt)
		}
		return provider.Response{Answer: answer, FinishReason: "stop", PromptTokens: &n, HTTPStatus: 200, Attempts: 1}, nil
	}}
	a := testSearch
	a.Relative = a.Threshold // over a base of 100%, NoLiMa's bar is RULER's: neither refines
	recs := runSearch(t, context.Background(), filepath.Join(t.TempDir(), "n.jsonl"), near, a)
	st := StatusOf(a, "fake", recs)
	r := st.RULER
	if st.Next != 0 || !st.Unnarrowed || r.Pass != 1024 || r.Fail != 2048 || r.FailState != EndSpent {
		t.Errorf("search near the bar (%d trials): %+v", len(recs), st)
	}
}
