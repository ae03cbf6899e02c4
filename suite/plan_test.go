package suite

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"niah/haystack"
	"niah/render"
	"niah/results"
	"niah/runner"
	"niah/stats"
)

// A suite whose grid says search runs every variant as niah run
// --adaptive does: the manifest records the search, each variant spends
// less than the grid, and each search ends with its bracket settled.
func TestAdaptiveSuite(t *testing.T) {
	p := writeSuite(t, `grid: {lengths: 2k..32k, depths: 5, trials: 2, tokenizer: sim, search: {resolution: 0.25, budget: 2m}}
run: {max_tokens: 32}
variants:
  - {label: short, spec: "sim:6k"}
  - {label: long, spec: "sim:20k"}
`)
	s, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Out: t.TempDir(), Cache: haystack.NewCache(t.TempDir())}
	if err := s.Check(opts); err != nil {
		t.Fatal(err)
	}
	outs, err := s.Run(context.Background(), opts, Events{})
	if err != nil {
		t.Fatal(err)
	}
	full := 0
	for _, l := range []int{2048, 4096, 8192, 16384, 32768} {
		full += 5 * 2 * l
	}
	window := map[string]int{"short": 6 << 10, "long": 20 << 10}
	for _, o := range outs {
		if o.Failed {
			t.Fatalf("%s failed: %s", o.Label, o.Reason)
		}
		recs, m, _, err := results.LoadRun(o.Dir)
		if err != nil {
			t.Fatal(err)
		}
		if m.Adaptive == nil || m.Adaptive.Resolution != 0.25 || m.Adaptive.Budget != 2<<20 {
			t.Fatalf("%s: manifest search %+v", o.Label, m.Adaptive)
		}
		spent := 0
		for _, r := range recs {
			spent += r.PromptTokens
		}
		st := runner.StatusOf(runner.AdaptiveOf(m), o.Label, recs)
		t.Logf("%s: %d trials, %d of the grid's %d tokens; RULER bracket %d..%d", o.Label, len(recs), spent, full, st.RULER.Pass, st.RULER.Fail)
		if spent >= full || st.Next != 0 {
			t.Errorf("%s: spent %d of the grid's %d tokens, search over: %v", o.Label, spent, full, st.Next == 0)
		}
		if w := window[o.Label]; st.RULER.Fail == 0 || st.RULER.Fail > w*5/4 || st.RULER.Pass > w {
			t.Errorf("%s: bracket %d..%d does not hold its window %d", o.Label, st.RULER.Pass, st.RULER.Fail, w)
		}
	}
	var out bytes.Buffer
	if _, err := s.Report(&out, opts.Out, outs, render.Options{}, func(m *results.Manifest, recs []results.Record) stats.Claims {
		return stats.ClaimsOf(0, m, recs)
	}); err != nil || !strings.Contains(out.String(), "baseline: short") {
		t.Errorf("report: %v\n%s", err, out.String())
	}
	// A rerun has nothing left to send: both variants are complete.
	again, err := s.Run(context.Background(), opts, Events{})
	if err != nil || !again[0].Skipped || !again[1].Skipped {
		t.Errorf("rerun: %+v %v", again, err)
	}
}

// run.shards with the pod's index runs that part of every variant, into
// a directory of its own.
func TestShardedSuite(t *testing.T) {
	p := writeSuite(t, `grid: {lengths: 2k..8k, depths: 5, trials: 2, tokenizer: sim}
run: {max_tokens: 32, shards: 3}
variants:
  - {label: a, spec: "sim:8k"}
  - {label: b, spec: "sim:4k"}
`)
	s, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	env := func(k string) string {
		if k == runner.JobIndexEnv {
			return "2"
		}
		return ""
	}
	opts := Options{Cache: haystack.NewCache(t.TempDir()), Getenv: env}
	if dir := s.Dir(opts); !strings.HasSuffix(dir, "s-shard2of3") {
		t.Errorf("a part's directory is %s", dir)
	}
	opts.Out = t.TempDir()
	outs, err := s.Run(context.Background(), opts, Events{})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range outs {
		recs, m, _, err := results.LoadRun(o.Dir)
		if err != nil || m.Shard != "2/3" || len(recs) != 10 {
			t.Errorf("%s: %d records, shard %q (%v), want 10 of 30 in part 2/3", o.Label, len(recs), m.Shard, err)
		}
	}
	if part := s.Part(opts); part == nil || part.String() != "2/3" {
		t.Errorf("part %v", part)
	}
	// No index: the suite is refused before anything runs.
	opts.Getenv = func(string) string { return "" }
	if err := s.Check(opts); err == nil || !strings.Contains(err.Error(), "run.shards: 3: $JOB_COMPLETION_INDEX is not set") || !strings.HasPrefix(err.Error(), filepath.Clean(p)) {
		t.Errorf("check with no index: %v", err)
	}
}
