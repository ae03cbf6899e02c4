package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/results"
)

// squadFile writes a SQuAD-format file of n paragraphs, one question each.
func squadFile(t *testing.T, n int) string {
	t.Helper()
	type qa struct {
		Question string              `json:"question"`
		Answers  []map[string]string `json:"answers"`
	}
	type para struct {
		Context string `json:"context"`
		QAs     []qa   `json:"qas"`
	}
	var paras []para
	for i := range n {
		town := fmt.Sprintf("Town%c%c", 'A'+i%26, 'a'+i/26)
		ctx := strings.Repeat("The road climbs past fields and stone walls toward the hills. ", 4) +
			fmt.Sprintf("The bell of %s was cast by a smith called Smith%d. ", town, 1000+i)
		paras = append(paras, para{Context: ctx, QAs: []qa{{Question: "Who cast the bell of " + town + "?",
			Answers: []map[string]string{{"text": fmt.Sprintf("Smith%d", 1000+i)}}}}})
	}
	b, _ := json.MarshalIndent(map[string]any{"data": []any{map[string]any{"title": "Bells", "paragraphs": paras}}}, "", " ")
	path := filepath.Join(t.TempDir(), "squad.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// --task ruler:qa=FILE runs RULER's set with the file's questions as
// qa_1, prints RULER's table with a row for it, and records where each
// question's document sat; a bad file is one line naming it and its line.
func TestRulerRunWithQA(t *testing.T) {
	dir := t.TempDir()
	stdout, stderr, err := runNiah(t, "run", "--model", "sim", "--task", "ruler:qa="+squadFile(t, 60), "--lengths", "2k",
		"--depths", "0,100", "--trials", "1", "--out", dir)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{"· RULER · 12 tasks ·", "\n  qa_1 ", "\n  cwe  ", "\n  mean ", "effective length"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("no %q in\n%s", want, stdout)
		}
	}
	recs, man, _, err := results.LoadRun(dir)
	if err != nil || !strings.Contains(man.Haystack, "qa:") || man.Task != "ruler" {
		t.Fatalf("%v: manifest %+v", err, man)
	}
	qa := 0
	for _, r := range recs {
		if r.Task == "qa_1" {
			qa++
			if r.Depth == 100 && r.DepthActual < 50 || r.PromptTokens+128 > 2048 || r.PromptTokens+128 < 2048-20 {
				t.Errorf("%s: depth %g landed at %.1f, %d prompt tokens", r.ID, r.Depth, r.DepthActual, r.PromptTokens)
			}
		}
	}
	if qa != 2 {
		t.Errorf("%d qa_1 trials", qa)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{\n \"data\": [\n  {\"paragraphs\": 3}\n ]\n}\n"), 0o644)
	_, _, err = runNiah(t, "run", "--model", "sim", "--task", "ruler:qa="+bad, "--out", t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "--task "+bad+":3: ") || strings.Contains(err.Error(), "\n") {
		t.Errorf("bad QA file: %v", err)
	}
}
