package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"niah/needle"
	"niah/results"
	"niah/runner"
	"niah/stats"
)

// RULER's scorer, as scripts/eval/evaluate.py and
// scripts/eval/synthetic/constants.py define it: each prediction stripped,
// its control characters made newlines, stripped again; string_match_all
// (niah, vt, cwe, fwe) is the mean over predictions of the fraction of
// references found in it as case-insensitive substrings, string_match_part
// (qa) the mean of whether any is; ×100, rounded to 2 decimals.
var controlChars = regexp.MustCompile(`[\x00-\x1f]`)

func rulerPostprocess(pred string) string {
	return strings.TrimSpace(controlChars.ReplaceAllString(strings.TrimSpace(pred), "\n"))
}

func rulerScore(task string, preds []string, refs [][]string) float64 {
	sum := 0.0
	for i, p := range preds {
		p = strings.ToLower(rulerPostprocess(p))
		found := 0.0
		for _, r := range refs[i] {
			if strings.Contains(p, strings.ToLower(r)) {
				found++
			}
		}
		if strings.HasPrefix(task, "qa") {
			sum += math.Min(found, 1)
		} else {
			sum += found / float64(len(refs[i]))
		}
	}
	return math.Round(sum/float64(len(preds))*100*100) / 100
}

// readPreds reads one RULER prediction file as RULER's scorer does.
func readPreds(t *testing.T, path string) (preds []string, refs [][]string, nulls int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var line struct {
			Index      int            `json:"index"`
			Pred       *string        `json:"pred"`
			Input      *string        `json:"input"`
			Outputs    []string       `json:"outputs"`
			Others     map[string]any `json:"others"`
			Truncation int            `json:"truncation"`
			Length     int            `json:"length"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		if line.Pred == nil || line.Input == nil || len(line.Outputs) == 0 || line.Others["id"] == nil {
			t.Fatalf("%s: a line RULER cannot read: %s", path, sc.Text())
		}
		preds, refs = append(preds, *line.Pred), append(refs, line.Outputs)
		if rulerPostprocess(*line.Pred) == "" {
			nulls++
		}
	}
	return preds, refs, nulls
}

// The export round trip: a RULER run on the simulation, exported as RULER
// lays it out, scored by RULER's own rule from the prediction files alone,
// gives niah's score of every task at every length — the summary.csv the
// export wrote, and the table niah printed.
func TestRulerExportRoundTrip(t *testing.T) {
	task, _ := needle.ByName("ruler")
	run, err := runner.Open(context.Background(), runner.Plan{Task: task, Grid: runner.Grid{Lengths: []int{4096, 16384, 32768, 65536}},
		Models: []runner.ModelSpec{{Spec: "sim:48k"}}, Out: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	res, err := run.Execute(context.Background(), runner.Hooks{})
	run.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if _, err := Write("ruler", out, run.Dir.Manifest, res.Records); err != nil {
		t.Fatal(err)
	}
	table := stats.RulerTables(stats.Summarize(res.Records), stats.DefaultThreshold)[0]
	checked, partial := 0, 0
	for li, length := range table.Lengths {
		dir := filepath.Join(out, "sim_48k", "synthetic", strconv.Itoa(length), "pred")
		if math.IsNaN(table.Mean[li]) {
			if _, err := os.Stat(dir); err == nil {
				t.Errorf("%d: no graded trial, yet a prediction directory", length)
			}
			continue
		}
		summary := readSummary(t, filepath.Join(dir, "summary.csv"))
		for ti, name := range table.Tasks {
			preds, refs, nulls := readPreds(t, filepath.Join(dir, name+".jsonl"))
			got := rulerScore(name, preds, refs)
			niah := math.Round(table.Score[ti][li]*100*100) / 100
			if got != niah || summary[name].score != niah || summary[name].nulls != fmt.Sprintf("%d/%d", nulls, len(preds)) {
				t.Errorf("%s at %d: RULER's rule gives %.2f, niah %.2f, summary.csv %.2f (%s)", name, length, got, niah, summary[name].score, summary[name].nulls)
			}
			if got > 0 && got < 100 {
				partial++
			}
			checked++
		}
	}
	t.Logf("%d task-length scores reproduced by RULER's rule (%d between 0 and 100)", checked, partial)
	if checked < 30 || partial < 10 {
		t.Errorf("the run must exercise the rule: %d scores, %d partial", checked, partial)
	}
}

type summaryCell struct {
	score float64
	nulls string
}

// readSummary reads RULER's summary.csv: a header of column numbers, then
// the rows Tasks, Score and Nulls.
func readSummary(t *testing.T, path string) map[string]summaryCell {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) != 4 || rows[0][0] != "0" || rows[1][0] != "Tasks" || rows[2][0] != "Score" || rows[3][0] != "Nulls" {
		t.Fatalf("%s: %v %v", path, rows, err)
	}
	out := map[string]summaryCell{}
	for i, task := range rows[1][1:] {
		s, err := strconv.ParseFloat(rows[2][i+1], 64)
		if err != nil || !strings.Contains(rows[2][i+1], ".") {
			t.Fatalf("%s: score %q is not as pandas writes a float", path, rows[2][i+1])
		}
		out[task] = summaryCell{s, rows[3][i+1]}
	}
	return out
}

// Where RULER's rule and niah's grading part: RULER counts a reference
// found as a substring anywhere (7391 inside 73912045) and ignores extra
// words; niah matches whole words and scores found / (expected + extras)
// for cwe and fwe. The export keeps niah's score in others.niah_score.
func TestRulerRuleAndNiahDiffer(t *testing.T) {
	in := needle.Instance{Expected: []string{"amber", "birch", "cobalt"}, Listed: func(w string) bool { return w == "dove" || w == "ember" }}
	for _, c := range []struct {
		task, answer string
		inst         needle.Instance
		niah, ruler  float64
	}{
		{"cwe", "amber, birch, cobalt", in, 100, 100},
		{"cwe", "amber, birch, cobalt, dove, ember", in, 60, 100},
		{"niah_single_1", "The number is 73912045.", needle.Instance{Expected: []string{"7391204"}}, 0, 100},
		{"niah_single_1", "7,391,204", needle.Instance{Expected: []string{"7391204"}}, 100, 0},
	} {
		niah := math.Round(needle.GradeInstance(c.answer, c.inst).Score * 100)
		ruler := rulerScore(c.task, []string{c.answer}, [][]string{c.inst.Expected})
		if niah != c.niah || ruler != c.ruler {
			t.Errorf("%q: niah %.0f, RULER %.0f; want %.0f and %.0f", c.answer, niah, ruler, c.niah, c.ruler)
		}
	}
}

// lm-eval's results: one metric per length ("4096,none"), -1 where a task
// has no graded trial, stderr "N/A", RULER's tasks under lm-eval's names
// and the group "ruler" their mean; the CSV has a row per trial.
func TestLMEvalAndCSV(t *testing.T) {
	recs := []results.Record{
		{ID: "a", Label: "m", Task: "niah_single_1", Length: 4096, Score: 1, Status: results.StatusOK, Answer: "=cmd", Expected: []string{"1"}},
		{ID: "b", Label: "m", Task: "vt", Length: 4096, Score: 0.5, Status: results.StatusOK},
		{ID: "c", Label: "m", Task: "vt", Length: 8192, Status: results.StatusInvalid, Reason: results.ReasonContextExceeded},
		{ID: "d", Label: "m", Task: "niah_single_1", Length: 8192, Score: 1, Status: results.StatusOK},
	}
	out := t.TempDir()
	m := &results.Manifest{Created: "2026-01-02T03:04:05Z", LengthCounts: results.CountsWindow, Task: "ruler"}
	paths, err := Write("lm-eval", out, m, recs)
	if err != nil || len(paths) != 1 || filepath.Base(paths[0]) != "results_2026-01-02T03-04-05.json" {
		t.Fatalf("%v %v", paths, err)
	}
	var got struct {
		Results       map[string]map[string]any `json:"results"`
		GroupSubtasks map[string][]string       `json:"group_subtasks"`
	}
	b, _ := os.ReadFile(paths[0])
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	vt := got.Results["ruler_vt"]
	if vt["4096,none"] != 0.5 || vt["8192,none"] != -1.0 || vt["4096_stderr,none"] != "N/A" || got.Results["ruler"]["4096,none"] != 0.75 ||
		got.Results["ruler"]["8192,none"] != -1.0 || len(got.GroupSubtasks["ruler"]) != 2 {
		t.Errorf("results %v, groups %v", got.Results, got.GroupSubtasks)
	}
	paths, err = Write("csv", out, m, recs)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(paths[0])
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(rows) != 5 || rows[1][15] != "'=cmd" || rows[3][10] != "invalid" || rows[3][11] != "context_exceeded" {
		t.Errorf("csv rows %v %v", rows, err)
	}
	if _, err := Write("xml", out, m, recs); err == nil || !strings.Contains(err.Error(), "ruler, lm-eval, csv") {
		t.Errorf("unknown format: %v", err)
	}
}
