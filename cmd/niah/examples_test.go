package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"niah/results"
	"niah/suite"
)

// Every example suite loads: its matrix expands and its baseline exists.
func TestExampleSuitesLoad(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.yaml")
	n := 0
	for _, f := range files {
		if strings.Contains(f, "k8s") || filepath.Base(f) == "claims.yaml" { // not suites
			continue
		}
		s, err := suite.Load(f)
		if err != nil {
			t.Error(err)
			continue
		}
		if err := s.Check(suite.Options{Getenv: func(string) string { return "0" }}); err != nil {
			t.Error(err)
		}
		n++
		t.Logf("%s: %d variants, baseline %s", filepath.Base(f), len(s.Variants), s.Baseline)
	}
	if n < 4 {
		t.Errorf("%d example suites, want at least 4", n)
	}
}

type k8sJob struct {
	Kind string
	Spec struct {
		CompletionMode string `yaml:"completionMode"`
		Completions    int
		Parallelism    int
		Template       struct {
			Spec struct {
				Containers []struct {
					Args []string
				}
			}
		}
	}
}

// The Kubernetes example, run as its pods would run it: Kubernetes puts
// each pod's index in JOB_COMPLETION_INDEX and expands $(JOB_COMPLETION_INDEX)
// in the arguments; each pod's niah runs its shard (against the
// simulation here), and the merged parts are the whole run.
func TestKubernetesIndexedJobExample(t *testing.T) {
	b, err := os.ReadFile("../../examples/k8s-indexed-job.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var job k8sJob
	if err := yaml.Unmarshal(b, &job); err != nil {
		t.Fatal(err)
	}
	if job.Kind != "Job" || job.Spec.CompletionMode != "Indexed" || job.Spec.Completions < 2 {
		t.Fatalf("not an Indexed Job with several completions: %+v", job)
	}
	args := job.Spec.Template.Spec.Containers[0].Args
	i := slices.Index(args, "--shards")
	if i < 0 || args[i+1] != fmt.Sprint(job.Spec.Completions) {
		t.Fatalf("--shards must equal completions (%d): %v", job.Spec.Completions, args)
	}
	// The same grid against the simulation, small enough for a test.
	set := func(a []string, flag, v string) []string {
		a = slices.Clone(a)
		if k := slices.Index(a, flag); k >= 0 {
			a[k+1] = v
		}
		return a
	}
	dir := t.TempDir()
	var parts []string
	for pod := range job.Spec.Completions {
		a := set(set(set(args, "--model", "sim:8k"), "--lengths", "2k,4k,8k,16k"), "--trials", "1")
		for k := range a {
			a[k] = strings.ReplaceAll(a[k], "$(JOB_COMPLETION_INDEX)", fmt.Sprint(pod))
			a[k] = strings.Replace(a[k], "/results", dir, 1)
		}
		t.Setenv("JOB_COMPLETION_INDEX", fmt.Sprint(pod))
		if _, stderr, err := runNiah(t, a...); err != nil {
			t.Fatalf("pod %d: %v\n%s", pod, err, stderr)
		}
		parts = append(parts, filepath.Join(dir, fmt.Sprintf("shard-%d", pod)))
	}
	merged := filepath.Join(dir, "merged")
	if _, stderr, err := runNiah(t, append([]string{"merge", "--out", merged}, parts...)...); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	recs, m, _, err := results.LoadRun(merged)
	if err != nil {
		t.Fatal(err)
	}
	if want := 4 * 11; len(recs) != want || len(m.Merged) != job.Spec.Completions {
		t.Errorf("merged %d trials from %d parts, want %d from %d", len(recs), len(m.Merged), want, job.Spec.Completions)
	}
}
