package runner

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"niah/provider"
	"niah/results"
)

func TestDefaultLabels(t *testing.T) {
	for _, c := range []struct{ specs, want []string }{
		{[]string{"ollama:qwen3:8b@http://gpu1:11434", "vllm:org/m@x@http://a:8000/v1", "sim", "sim:32k",
			"llamacpp:any@http://a:8080", "llamacpp:any@http://b:8080"},
			[]string{"ollama:qwen3:8b", "vllm:org/m@x", "sim", "sim:32k", "llamacpp:any@http://a:8080", "llamacpp:any@http://b:8080"}},
		// a collision names each by its spec as given: no default URL added, no secrets
		{[]string{"ollama:m", "ollama:m@http://gpu2:11434", "vllm:v@http://u:hunter2@a:8000/v1?key=s", "vllm:v@http://b:8000/v1"},
			[]string{"ollama:m", "ollama:m@http://gpu2:11434", "vllm:v@http://a:8000/v1", "vllm:v@http://b:8000/v1"}},
	} {
		var specs []provider.Spec
		for _, s := range c.specs {
			spec, err := provider.ParseSpec(s)
			if err != nil {
				t.Fatal(err)
			}
			specs = append(specs, spec)
		}
		if got := DefaultLabels(specs); strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("labels %q, want %q", got, c.want)
		}
	}
	if d := DefaultDir([]string{"ollama:qwen3:8b"}, "single"); d != filepath.Join("runs", "ollama_qwen3_8b-single") {
		t.Errorf("DefaultDir = %q", d)
	}
	if d := DefaultDir([]string{"a", "b", "c"}, "multikey"); d != filepath.Join("runs", "a-multikey-and-2-more") {
		t.Errorf("DefaultDir of three models = %q", d)
	}
}

func TestResumeRefusesMixingGridAndSearch(t *testing.T) {
	dir := t.TempDir()
	grid := &results.Manifest{Task: "single", Seed: 1}
	rd, _, err := OpenRunDir(dir, grid, true)
	if err != nil {
		t.Fatal(err)
	}
	rd.Close()
	search := &results.Manifest{Task: "single", Seed: 1, Adaptive: &results.AdaptiveInfo{Resolution: 0.05}}
	_, _, err = OpenRunDir(dir, search, true)
	var mm *MismatchError
	if !errors.As(err, &mm) || mm.What != "mode" || mm.Old != "full grid" || mm.New != "adaptive search" {
		t.Fatalf("got %v", err)
	}
}
