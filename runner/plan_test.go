package runner

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"niah/provider"
	"niah/results"
)

// A Plan that says nothing but its model and directory runs the
// documented defaults: the grid, seed, budget, order and concurrency of
// niah run with no flags.
func TestPlanZeroValuesAreTheDefaults(t *testing.T) {
	dir := t.TempDir()
	run, err := Open(context.Background(), Plan{Models: []ModelSpec{{Spec: "sim"}}, Out: dir, Cache: testCache})
	if err != nil {
		t.Fatal(err)
	}
	defer run.Close()
	m := run.Dir.Manifest
	wantLengths, _ := ParseLengths(DefaultLengths)
	wantDepths, _ := ParseDepths(DefaultDepths, DefaultSpacing)
	if !reflect.DeepEqual(m.Lengths, wantLengths) || !reflect.DeepEqual(m.Depths, wantDepths) || m.Trials != DefaultTrials {
		t.Errorf("grid %v × %v × %d, want %v × %v × %d", m.Lengths, m.Depths, m.Trials, wantLengths, wantDepths, DefaultTrials)
	}
	if m.Task != DefaultTask || m.Seed != DefaultSeed || m.MaxTokens != DefaultMaxTokens ||
		m.Order != string(DefaultOrder) || m.Concurrency != DefaultConcurrency || m.Haystack != "builtin" {
		t.Errorf("manifest %+v: not the defaults", m)
	}
	if run.Dir.Path != dir || len(run.Models) != 1 || run.Labels()[0] != "sim" {
		t.Errorf("dir %s, labels %v", run.Dir.Path, run.Labels())
	}
}

// Every bad setting is refused before anything is written, naming the
// setting (a command line names its flag from it, a suite its field).
func TestPlanSettingErrorsNameTheSetting(t *testing.T) {
	neg := -1
	for _, tc := range []struct {
		setting string
		plan    Plan
	}{
		{"model", Plan{}},
		{"model", Plan{Models: []ModelSpec{{Spec: " "}}}},
		{"label", Plan{Models: []ModelSpec{{Spec: "sim", Label: "a"}, {Spec: "sim:8k", Label: "a"}}}},
		{"trials", Plan{Grid: Grid{Trials: -2}}},
		{"lengths", Plan{Grid: Grid{Lengths: []int{10}}}},
		{"depths", Plan{Grid: Grid{Depths: []float64{101}}}},
		{"max-tokens", Plan{MaxTokens: -5}},
		{"concurrency", Plan{Concurrency: -1}},
		{"order", Plan{Order: "weird"}},
		{"retries", Plan{Retries: &neg}},
		{"timeout", Plan{Timeout: -1}},
		{"resolution", Plan{Search: &results.AdaptiveInfo{Resolution: 2}}},
		{"budget", Plan{Search: &results.AdaptiveInfo{Budget: -1}}},
		{"shard", Plan{Search: &results.AdaptiveInfo{}, Shard: &Shard{0, 2}}},
		{"shard", Plan{Shard: &Shard{3, 2}}},
		{"haystack", Plan{Haystack: filepath.Join(t.TempDir(), "missing.txt")}},
	} {
		if tc.setting != "model" && tc.setting != "label" {
			tc.plan.Models = []ModelSpec{{Spec: "sim"}}
		}
		dir := filepath.Join(t.TempDir(), "run")
		tc.plan.Out = dir
		err := Check(tc.plan)
		var se *SettingError
		if !errors.As(err, &se) || se.Setting != tc.setting {
			t.Errorf("%+v: %v, want a %s error", tc.plan, err, tc.setting)
			continue
		}
		if _, err := Open(context.Background(), tc.plan); !errors.As(err, &se) || se.Setting != tc.setting {
			t.Errorf("Open %+v: %v, want a %s error", tc.plan, err, tc.setting)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Errorf("%s: a refused plan left its directory behind (%v)", tc.setting, err)
		}
	}
}

// Pending is what a rerun would send: everything before the run, nothing
// after it, for a grid, a shard of it and a search alike.
func TestPendingIsWhatARerunWouldSend(t *testing.T) {
	grid := Grid{Lengths: []int{2048, 4096, 8192}, Depths: []float64{0, 50, 100}, Trials: 2}
	for name, plan := range map[string]Plan{
		"grid":   {Grid: grid},
		"shard":  {Grid: grid, Shard: &Shard{1, 3}},
		"search": {Grid: grid, Search: &results.AdaptiveInfo{Resolution: 1}},
	} {
		plan.Models, plan.Out, plan.Cache, plan.MaxTokens = []ModelSpec{{Spec: "sim:4k"}}, t.TempDir(), testCache, 32
		before, err := Pending(plan)
		if err != nil || before == 0 {
			t.Fatalf("%s: %d pending before the run (%v)", name, before, err)
		}
		run, err := Open(context.Background(), plan)
		if err != nil {
			t.Fatal(err)
		}
		res, err := run.Execute(context.Background(), Hooks{})
		run.Close()
		if err != nil {
			t.Fatal(err)
		}
		after, err := Pending(plan)
		if err != nil || after != 0 {
			t.Errorf("%s: %d pending after a run that sent %d (%v)", name, after, res.Done, err)
		}
		if name == "grid" && before != 18 || name == "shard" && before != 6 {
			t.Errorf("%s: %d pending before the run", name, before)
		}
		if name == "search" && (res.Done >= 18 || run.Dir.Manifest.Adaptive == nil) {
			t.Errorf("search sent %d trials (the grid has 18); manifest %+v", res.Done, run.Dir.Manifest.Adaptive)
		}
	}
}

// Nothing measured means no graded trial, per model: all errors (a rerun
// sends them again) or all invalid (the server refused every prompt).
func TestNothingMeasured(t *testing.T) {
	rec := func(label string, st results.Status, reason results.Reason) results.Record {
		return results.Record{Label: label, Status: st, Reason: reason, Error: "said " + string(reason)}
	}
	ok := rec("a", results.StatusOK, "")
	errored := rec("b", results.StatusError, results.ReasonServerError)
	refused := rec("b", results.StatusInvalid, results.ReasonContextExceeded)
	for _, tc := range []struct {
		recs   []results.Record
		labels []string
		want   string
	}{
		{[]results.Record{ok, errored}, []string{"a"}, ""},
		{nil, []string{"a"}, ""},
		{[]results.Record{errored, errored}, []string{"b"}, "nothing was measured: all 2 trials ended in errors (2 error server_error): said server_error; rerun the same command to send them again"},
		{[]results.Record{errored, refused}, []string{"b"}, "nothing was measured: not one of 2 trials was graded (1 error server_error, 1 invalid context_exceeded): said context_exceeded"},
		{[]results.Record{ok, refused}, []string{"a", "b"}, "nothing was measured for b: not one of 1 trials was graded (1 invalid context_exceeded): said context_exceeded"},
	} {
		got := ""
		if e := NothingMeasured(tc.recs, tc.labels); e != nil {
			got = e.Error()
		}
		if got != tc.want {
			t.Errorf("%v: %q\nwant %q", tc.labels, got, tc.want)
		}
	}
}

// A server's refusal keeps its type through the engine's wraps, so a
// caller can tell a refused key (provider.Error, reason auth) from a
// setting.
func TestOpenKeepsTheProviderError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`))
	}))
	defer srv.Close()
	t.Setenv("NIAH_TEST_KEY", "sk-test")
	_, err := Open(context.Background(), Plan{Models: []ModelSpec{{Spec: "anthropic:claude-x@" + srv.URL}},
		APIKeyEnv: "NIAH_TEST_KEY", Out: t.TempDir(), Cache: testCache})
	var pe *provider.Error
	if !errors.As(err, &pe) || pe.Reason != results.ReasonAuth || !strings.Contains(err.Error(), "invalid x-api-key") {
		t.Fatalf("Open: %v (%T), want a *provider.Error with reason auth", err, err)
	}
}
