package suite

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeSuite(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "s.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMatrixExpandsOnlyTheKeysAVariantMentions(t *testing.T) {
	p := writeSuite(t, `
grid: {lengths: 2k, depths: "50", trials: 1}
matrix:
  rope_scale: [1, 2, 4]
  kv: [f16, q8_0]
variants:
  - label: rope x{rope_scale} {kv}
    spec: llamacpp:any@http://127.0.0.1:{port}/v1
    body: {chat_template_kwargs: {enable_thinking: false}}
    headers: {X-Route: "{kv}"}
    serve:
      command: llama-server -m "my model.gguf" --rope-scale {rope_scale} -ctk {kv} --port {port}
      env: {CUDA_VISIBLE_DEVICES: "0"}
  - spec: sim:{kv}
  - {label: plain, spec: "sim:{rope_scale}"}
`)
	s, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, v := range s.Variants {
		labels = append(labels, v.Label)
	}
	want := "rope x1 f16|rope x1 q8_0|rope x2 f16|rope x2 q8_0|rope x4 f16|rope x4 q8_0|sim:f16|sim:q8_0|plain rope_scale=1|plain rope_scale=2|plain rope_scale=4"
	if got := strings.Join(labels, "|"); got != want {
		t.Errorf("labels %s\nwant %s", got, want)
	}
	v := s.Variants[3] // rope x2 q8_0
	argv, err := v.Serve.argv(9001)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(argv, "|"); got != "llama-server|-m|my model.gguf|--rope-scale|2|-ctk|q8_0|--port|9001" {
		t.Errorf("argv %q", got)
	}
	if v.Options["chat_template_kwargs"] != `{"enable_thinking":false}` || v.Headers["X-Route"] != "q8_0" {
		t.Errorf("options %v headers %v", v.Options, v.Headers)
	}
	if s.Baseline != "rope x1 f16" {
		t.Errorf("baseline %q: want the first variant by default", s.Baseline)
	}
	settings := strings.Join(s.Settings(), "\n")
	for _, want := range []string{"matrix rope_scale: rope x1 f16=1, rope x1 q8_0=1, rope x2 f16=2", "header X-Route: rope x1 f16=(set)"} {
		if !strings.Contains(settings, want) {
			t.Errorf("settings lack %q:\n%s", want, settings)
		}
	}
	if strings.Contains(settings, "CUDA_VISIBLE_DEVICES: rope") && !strings.Contains(settings, "(unset)") {
		t.Errorf("an env value shared by the serving variants is not a difference:\n%s", settings)
	}
}

// Labels that hold "=" themselves (a matrix's key=value, as
// examples/gemma-style.yaml's "… new_engine=0") list only what differs:
// the serve command and an env value every variant shares are not
// differences.
func TestSettingsWithEqualsInLabels(t *testing.T) {
	p := writeSuite(t, `
matrix:
  new_engine: ["0", "1"]
variants:
  - label: ref new_engine={new_engine}
    spec: ollama:ref@http://127.0.0.1:{port}
    serve:
      command: ollama serve
      env: {OLLAMA_HOST: "127.0.0.1:{port}", OLLAMA_NEW_ENGINE: "{new_engine}"}
`)
	s, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(s.Settings(), "\n")
	want := "matrix new_engine: ref new_engine=0=0, ref new_engine=1=1\n" +
		"serve env OLLAMA_NEW_ENGINE: ref new_engine=0=0, ref new_engine=1=1"
	if got != want {
		t.Errorf("settings\n%s\nwant\n%s", got, want)
	}
}

func TestLoadErrorsNameFileAndLine(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"grid: {lengths: 2k}\nvariants:\n  - label: a\n    spek: sim\n", ":4: field spek not found"},
		{"variants:\n  - label: a\n  - label: b\n    spec: sim\n", ":2: variant \"a\" has no spec"},
		{"variants:\n  - spec: sim\n    serve: {command: 'x \"unclosed'}\n", ":3: variant \"\": serve.command: unclosed"},
		{"baseline: zz\nvariants:\n  - spec: sim\n", `baseline "zz" is not a variant label (labels: sim)`},
		{"variants:\n  - {label: a, spec: sim}\n  - {label: a, spec: sim:8k}\n", `:3: two variants are labelled "a" (the other at line 2)`},
		{"grid:\n  search: {aim: 0.856}\nvariants:\n  - spec: sim\n", ":2: field aim not found"},
		{"grid:\n  lengths: 4k\n  search: {budget: lots}\nvariants:\n  - spec: sim\n", ":3: grid.search.budget:"},
		{"variants: [\n", "s.yaml:"},
	} {
		p := writeSuite(t, tc.text)
		_, err := Load(p)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), p) {
			t.Errorf("%q: error %v, want %q after the file name", tc.text, err, tc.want)
		}
	}
}

func TestSplitWordsHasNoShell(t *testing.T) {
	got, err := splitWords(`ollama serve 'a b' "c \"d\"" $HOME; rm -rf x`)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "|") != `ollama|serve|a b|c "d"|$HOME;|rm|-rf|x` {
		t.Errorf("%q", got)
	}
}
