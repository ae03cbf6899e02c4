package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"niah/results"
)

// RULER's layout: ROOT/MODEL/BENCHMARK/LENGTH/pred/TASK.jsonl, one line
// per prediction — {index, pred, input, outputs, others, truncation,
// length} as scripts/pred/call_api.py writes them — and
// LENGTH/pred/summary.csv, as scripts/eval/evaluate.py writes it: a pandas
// frame written without its index, so a header row of column numbers,
// then rows Tasks, Score (×100, 2 decimals) and Nulls (empty predictions
// of all). Here the score is niah's (the mean of the records' scores);
// RULER's string_match_all reproduces it from the predictions whenever an
// answer names no word of the list beyond the expected ones and every
// reference that matches as a substring matches as whole words (see
// README). input is left empty: the prompts are a function of the
// manifest (niah gen writes them); others carry niah's trial id (RULER's
// submission.csv uses others.id), depth and score.

// rulerBenchmark is the benchmark directory RULER's synthetic set uses.
const rulerBenchmark = "synthetic"

type rulerPred struct {
	Index      int         `json:"index"`
	Pred       string      `json:"pred"`
	Input      string      `json:"input"`
	Outputs    []string    `json:"outputs"`
	Others     rulerOthers `json:"others"`
	Truncation int         `json:"truncation"`
	Length     int         `json:"length"`
}

type rulerOthers struct {
	ID          string  `json:"id"`
	Depth       float64 `json:"depth"`
	DepthActual float64 `json:"depth_actual"`
	Score       float64 `json:"niah_score"`
}

func writeRuler(dir string, m *results.Manifest, recs []results.Record) ([]string, error) {
	g := gradedOf(recs)
	budget := 0
	if m != nil && m.Counts() == results.CountsPrompt {
		budget = m.MaxTokens // RULER's length counts the answer budget too
	}
	var paths []string
	for _, label := range g.labels {
		for _, length := range g.lengths(label) {
			if !g.gradedAt(label, length) {
				continue // no prediction at this length
			}
			pred := filepath.Join(dir, slug(label), rulerBenchmark, strconv.Itoa(length), "pred")
			summary := [][]string{{"Tasks"}, {"Score"}, {"Nulls"}}
			for _, task := range g.tasks[label] {
				rs := g.cell(label, task, length)
				if len(rs) == 0 {
					continue
				}
				var b strings.Builder
				nulls := 0
				for i, r := range rs {
					if strings.TrimSpace(r.Answer) == "" {
						nulls++
					}
					line, err := json.Marshal(rulerPred{Index: i, Pred: r.Answer, Outputs: nonNil(r.Expected),
						Others:     rulerOthers{ID: r.ID, Depth: r.Depth, DepthActual: r.DepthActual, Score: r.Score},
						Truncation: -1, Length: rulerLength(r, budget)})
					if err != nil {
						return paths, err
					}
					b.Write(line)
					b.WriteByte('\n')
				}
				path := filepath.Join(pred, task+".jsonl")
				if err := writeFile(path, []byte(b.String())); err != nil {
					return paths, err
				}
				paths = append(paths, path)
				summary[0] = append(summary[0], task)
				summary[1] = append(summary[1], pandasFloat(math.Round(mean(rs)*100*100)/100))
				summary[2] = append(summary[2], fmt.Sprintf("%d/%d", nulls, len(rs)))
			}
			path := filepath.Join(pred, "summary.csv")
			if err := writeFile(path, summaryCSV(summary)); err != nil {
				return paths, err
			}
			paths = append(paths, path)
		}
	}
	return paths, nil
}

// rulerLength is RULER's length of a sample: its input's tokens plus the
// tokens to generate.
func rulerLength(r results.Record, budget int) int {
	if r.Counts() == results.CountsWindow {
		return r.Length // the window: prompt + answer budget, as RULER counts
	}
	return r.PromptTokens + budget
}

// summaryCSV is a pandas DataFrame of rows written with index=False: a
// header of column numbers, then the rows.
func summaryCSV(rows [][]string) []byte {
	var b strings.Builder
	w := csv.NewWriter(&b)
	head := make([]string, len(rows[0]))
	for i := range head {
		head[i] = strconv.Itoa(i)
	}
	w.Write(head)
	for _, r := range rows {
		w.Write(r)
	}
	w.Flush()
	return []byte(b.String())
}

// pandasFloat writes a float as pandas writes an object column's float:
// Python's repr (100.0, 93.33).
func pandasFloat(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// gradedAt reports whether a label has a graded trial at length.
func (g graded) gradedAt(label string, length int) bool {
	for _, task := range g.tasks[label] {
		if len(g.cell(label, task, length)) > 0 {
			return true
		}
	}
	return false
}
