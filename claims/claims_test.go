package claims

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const good = `# two claims
claims:
  - model: Llama-3.1-8B-Instruct
    label: llama3.1:8b
    source: Meta's model card
    url: https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct
    context: 128k
  - model: Qwen3-4B
    source: RULER README, 13-task mean
    url: https://github.com/NVIDIA/RULER
    score: 95.1
    at: 4k
  - model: Llama-3.2-3B-Instruct
    source: HELMET
    score: "64.1%"
    at: 65536
    metric: HELMET recall
`

func TestParse(t *testing.T) {
	cs, err := Parse("c.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 3 {
		t.Fatalf("%d claims, want 3", len(cs))
	}
	w, s, h := cs[0], cs[1], cs[2]
	if w.Kind != Window || w.Window != 131072 || w.Label != "llama3.1:8b" || w.Model != "Llama-3.1-8B-Instruct" ||
		w.URL != "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct" || w.Line != 3 || w.File != "c.yaml" || w.RULER() {
		t.Errorf("window claim %+v", w)
	}
	if s.Kind != Score || s.Score != 0.951 || s.At != 4096 || s.Label != "Qwen3-4B" || s.Metric != MetricRULER || !s.RULER() || s.Line != 8 {
		t.Errorf("score claim %+v (the label defaults to the model, the metric to RULER)", s)
	}
	if h.Kind != Score || math.Abs(h.Score-0.641) > 1e-12 || h.At != 65536 || h.Metric != "HELMET recall" || h.RULER() || h.URL != "" {
		t.Errorf("HELMET claim %+v", h)
	}
	// A bare list is a claims file too.
	cs, err = Parse("c.yaml", []byte("- {model: m, source: s, context: 1m}\n"))
	if err != nil || len(cs) != 1 || cs[0].Window != 1<<20 {
		t.Errorf("bare list: %+v, %v", cs, err)
	}
}

// Every bad file is one line naming the file and the line at fault.
func TestParseErrorsNameFileAndLine(t *testing.T) {
	for _, c := range []struct{ yaml, want string }{
		{"", "c.yaml: no claims: the file is empty"},
		{"claims: [", "c.yaml:1: did not find expected node content"},
		{"claim:\n  - model: m\n", `c.yaml:1: unknown field "claim": a claims file holds claims:`},
		{"claims: {model: m}\n", "c.yaml:1: claims: want a list of claims"},
		{"claims: []\n", "c.yaml:1: claims: the list is empty"},
		{"claims:\n  - just text\n", "c.yaml:2: a claim is a mapping"},
		{"claims:\n  - source: s\n    context: 8k\n", "c.yaml:2: a claim needs model:"},
		{"claims:\n  - model: m\n    context: 8k\n", "c.yaml:2: claim about m: needs source:"},
		{"claims:\n  - model: m\n    source: s\n", "c.yaml:2: claim about m: needs context: (e.g. 128k) or score: and at:"},
		{"claims:\n  - model: m\n    source: s\n    context: 8k\n    score: 90\n    at: 4k\n", "c.yaml:2: claim about m: either context: (a window) or score: and at:, not both"},
		{"claims:\n  - model: m\n    source: s\n    context: lots\n", `c.yaml:4: context "lots": want a length in tokens`},
		{"claims:\n  - model: m\n    source: s\n    score: 90\n", "c.yaml:4: claim about m: score: needs at:"},
		{"claims:\n  - model: m\n    source: s\n    score: 190\n    at: 4k\n", `c.yaml:4: score "190": want a percentage from 0 to 100`},
		{"claims:\n  - model: m\n    source: s\n    score: 0.951\n    at: 4k\n", `c.yaml:4: score "0.951": looks like a fraction: give the percentage (95.1)`},
		{"claims:\n  - model: m\n    source: s\n    score: 90\n    at: soon\n", `c.yaml:5: at "soon": want a length in tokens`},
		{"claims:\n  - model: m\n    source: s\n    url: ftp://x\n    context: 8k\n", `c.yaml:4: url "ftp://x": want an http(s) address`},
		{"claims:\n  - model: m\n    source: s\n    context: 8k\n    window: 8k\n", `c.yaml:5: unknown field "window"`},
		{"claims:\n  - model: m\n    source: [a, b]\n    context: 8k\n", "c.yaml:3: source: want a plain value"},
		{"claims:\n  - model: m\n    source: s\n    context: 8k\n    metric: ruler\n", "c.yaml:2: claim about m: metric: goes with a score"},
	} {
		_, err := Parse("c.yaml", []byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q:\n  got  %v\n  want %s (one line)", c.yaml, err, c.want)
		}
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none.yaml")); err == nil || !strings.Contains(err.Error(), "none.yaml") {
		t.Errorf("a missing file is named: %v", err)
	}
}

// The example claims file parses, and every claim cites a source address.
func TestExampleClaimsFile(t *testing.T) {
	path := filepath.Join("..", "examples", "claims.yaml")
	if _, err := os.Stat(path); err != nil {
		t.Skip("no examples/claims.yaml")
	}
	cs, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.URL == "" {
			t.Errorf("%s:%d: %s cites no address", c.File, c.Line, c.Model)
		}
	}
}
