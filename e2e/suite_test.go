package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"niah/internal/fakeserve"
	"niah/refmodel"
	"niah/results"
	"niah/stats"
)

// refSuite writes a suite whose variants each start their own `ollama
// serve` on a free loopback port, serving the models registered on the
// shared test server, and returns its path.
func refSuite(t *testing.T, lengths, variants string) string {
	t.Helper()
	srv := tinyModel(t)
	home := t.TempDir()
	text := fmt.Sprintf(`grid: {lengths: [%s], depths: "100%%", trials: 1, task: passkey, haystack: noise, tokenizer: bytes}
run: {max_tokens: 8, retries: 0, timeout: 10m}
`, lengths) + strings.NewReplacer("@BIN@", srv.Bin, "@MODELS@", srv.ModelsDir(), "@HOME@", home).Replace(variants)
	p := filepath.Join(t.TempDir(), "suite.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("suite file:\n%s", text)
	return p
}

const serveBlock = `
    serve:
      command: @BIN@ serve
      env: {OLLAMA_HOST: "127.0.0.1:{port}", OLLAMA_MODELS: "@MODELS@", HOME: "@HOME@", OLLAMA_KEEP_ALIVE: 10m, OLLAMA_NO_CLOUD: "1"%s}
      ready: http://127.0.0.1:{port}/api/version
      timeout: 60s
      grace: 5s`

func suiteRecords(t *testing.T, dir, label string) []results.Record {
	t.Helper()
	recs, _, _, err := results.LoadRun(filepath.Join(dir, label))
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// ollamaProcesses lists the ollama processes whose environment names the
// given models store: the suite's servers and their runners.
func ollamaProcesses(t *testing.T, models string) []int {
	t.Helper()
	var out []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid := 0
		if _, err := fmt.Sscan(e.Name(), &pid); err != nil || pid == os.Getpid() {
			continue
		}
		env, err := os.ReadFile("/proc/" + e.Name() + "/environ")
		if err != nil || !strings.Contains(string(env), "OLLAMA_MODELS="+models) || !fakeserve.Alive(pid) {
			continue
		}
		// The shared test server carries the same store; it is not the suite's.
		if strings.Contains(string(env), "OLLAMA_HOST="+strings.TrimPrefix(tinyModel(t).URL, "http://")+"\x00") {
			continue
		}
		out = append(out, pid)
	}
	return out
}

// The RoPE pair on real Ollama: the suite starts one `ollama serve` per
// variant, one after the other, on its own port; the reference model
// holds to 2K and its ×2 RoPE-scaled variant to 4K, and the comparison
// says so. No Ollama process of the suite is left.
func TestSuiteRopePairOnOllama(t *testing.T) {
	refModel(t, "niah-ref", refmodel.Options{})
	refModel(t, "niah-ref-x2", refmodel.Options{RopeScale: 2})
	variants := `baseline: ref
variants:
  - label: ref
    spec: ollama:niah-ref@http://127.0.0.1:{port}` + fmt.Sprintf(serveBlock, "") + `
  - label: ref-x2
    spec: ollama:niah-ref-x2@http://127.0.0.1:{port}` + fmt.Sprintf(serveBlock, "")
	path := refSuite(t, "2k, 4k", variants)
	out := t.TempDir()
	began := time.Now()
	stdout, stderr, err := niah(t, "suite", path, "--out", out)
	wall := time.Since(began)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	t.Logf("suite wall time %v", wall.Round(time.Second))
	eff := map[string]int{}
	for _, label := range []string{"ref", "ref-x2"} {
		s := stats.Summarize(suiteRecords(t, out, label))[0]
		eff[label] = stats.ComputeEffective(s, stats.DefaultThreshold, stats.DefaultRelative).RULER
	}
	if eff["ref"] != 2048 || eff["ref-x2"] != 4096 {
		t.Errorf("effective lengths %v: want ref 2K, ref-x2 4K", eff)
	}
	for _, want := range []string{"baseline: ref", "ref-x2 − ref: +", "spec: ref=ollama:niah-ref@"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("comparison lacks %q", want)
		}
	}
	for _, f := range []string{"compare.png", "compare-accuracy.png", "compare-accuracy.svg", "compare.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	if left := ollamaProcesses(t, tinyModel(t).ModelsDir()); len(left) > 0 {
		t.Errorf("ollama processes left behind: %v", left)
	}
}

// The KV-cache pair: f16 against q8_0 with flash attention, on the
// reference model with its heads padded to 224 dimensions (q8_0 packs
// blocks of 32). Both caches must retrieve the key at 1K and 2K, with the
// same answers. A third variant, the natural model (head dimension 204)
// with q8_0, kills Ollama v0.17.4's runner: the suite must say so as that
// variant's failure, with the server's log, and still run the others.
func TestSuiteKVPairOnOllama(t *testing.T) {
	refModel(t, "niah-ref-h224", refmodel.Options{HeadDim: 224})
	refModel(t, "niah-ref", refmodel.Options{})
	kvEnv := `, OLLAMA_FLASH_ATTENTION: "1", OLLAMA_KV_CACHE_TYPE: "%s"`
	variants := `matrix:
  kv: [f16, q8_0]
variants:
  - label: h224-{kv}
    spec: ollama:niah-ref-h224@http://127.0.0.1:{port}` + fmt.Sprintf(serveBlock, fmt.Sprintf(kvEnv, "{kv}")) + `
  - label: h204-q8_0
    spec: ollama:niah-ref@http://127.0.0.1:{port}` + fmt.Sprintf(serveBlock, fmt.Sprintf(kvEnv, "q8_0"))
	path := refSuite(t, "1k, 2k", variants)
	out := t.TempDir()
	began := time.Now()
	stdout, stderr, err := niah(t, "suite", path, "--out", out)
	t.Logf("suite wall time %v\n%s", time.Since(began).Round(time.Second), stdout)
	f16, q8 := suiteRecords(t, out, "h224-f16"), suiteRecords(t, out, "h224-q8_0")
	if len(f16) != 2 || len(q8) != 2 {
		t.Fatalf("%d f16 and %d q8_0 records, want 2 each (1K and 2K)", len(f16), len(q8))
	}
	for i := range f16 {
		a, b := f16[i], q8[i]
		t.Logf("%d tokens: f16 %q score %v, q8_0 %q score %v", a.PromptTokens, a.Answer, a.Score, b.Answer, b.Score)
		if a.Status != results.StatusOK || b.Status != results.StatusOK || a.Score != 1 || b.Score != 1 {
			t.Errorf("%s: f16 %s score %v, q8_0 %s score %v; want both to retrieve within the designed context",
				a.ID, a.Status, a.Score, b.Status, b.Score)
		}
		if a.Length != b.Length || a.Depth != b.Depth || a.Answer != b.Answer {
			t.Errorf("%s / %s: f16 answered %q, q8_0 %q; want the same cell and answer", a.ID, b.ID, a.Answer, b.Answer)
		}
	}
	if err == nil || !strings.Contains(stderr, "variant(s) failed: h204-q8_0\n") {
		t.Errorf("the natural model under q8_0 must be the one failed variant; err %v", err)
	}
	for _, want := range []string{"FAILED h204-q8_0", "GGML_ASSERT", "h224-q8_0 − h224-f16: 0 points on average over 2 matched cells"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the suite's report lacks %q", want)
		}
	}
	if left := ollamaProcesses(t, tinyModel(t).ModelsDir()); len(left) > 0 {
		t.Errorf("ollama processes left behind: %v", left)
	}
}
