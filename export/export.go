// Package export writes a run's records in the formats other tools read:
// RULER's prediction JSONL and summary.csv, an lm-evaluation-harness
// results JSON, and a CSV of one row per trial. Every score written is
// niah's own (the record's score); a run's invalid and error trials are
// not predictions and are left out of RULER's and lm-eval's files, as
// niah's accuracy leaves them out.
package export

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"niah/results"
)

// Formats are the formats Write knows.
var Formats = []string{"ruler", "lm-eval", "csv"}

// Write writes the records of one run (its manifest may be nil) in format
// into dir, creating it, and returns the files written.
func Write(format, dir string, m *results.Manifest, recs []results.Record) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	switch format {
	case "ruler":
		return writeRuler(dir, m, recs)
	case "lm-eval":
		return writeLMEval(dir, m, recs)
	case "csv":
		return writeCSV(dir, recs)
	}
	return nil, fmt.Errorf("unknown format %q (%s)", format, strings.Join(Formats, ", "))
}

// labelOf is a record's display label: its label, else its model spec.
func labelOf(r *results.Record) string {
	return cmp.Or(r.Label, r.Model, "model")
}

// graded groups the graded records by label, then task, then length, in
// the order labels and tasks first appear; each group in trial order.
type graded struct {
	labels []string
	tasks  map[string][]string
	cells  map[[3]string][]results.Record // label, task, length
	tried  map[string][]int               // every length a label's records have, graded or not
}

func gradedOf(recs []results.Record) graded {
	g := graded{tasks: map[string][]string{}, cells: map[[3]string][]results.Record{}, tried: map[string][]int{}}
	for _, r := range recs {
		l := labelOf(&r)
		if _, ok := g.tasks[l]; !ok {
			g.labels = append(g.labels, l)
			g.tasks[l] = nil
		}
		if !slices.Contains(g.tried[l], r.Length) {
			g.tried[l] = append(g.tried[l], r.Length)
			slices.Sort(g.tried[l])
		}
		if !slices.Contains(g.tasks[l], r.Task) {
			g.tasks[l] = append(g.tasks[l], r.Task)
		}
		if !r.Valid() {
			continue
		}
		k := [3]string{l, r.Task, fmt.Sprint(r.Length)}
		g.cells[k] = append(g.cells[k], r)
	}
	for _, rs := range g.cells {
		slices.SortStableFunc(rs, func(a, b results.Record) int {
			return cmp.Or(cmp.Compare(a.Depth, b.Depth), cmp.Compare(a.Trial, b.Trial), strings.Compare(a.ID, b.ID))
		})
	}
	return g
}

// lengths are the lengths a label's records have, ascending: those with
// no graded trial too (lm-eval writes -1 for them, RULER's layout nothing).
func (g graded) lengths(label string) []int { return g.tried[label] }

func (g graded) cell(label, task string, length int) []results.Record {
	return g.cells[[3]string{label, task, fmt.Sprint(length)}]
}

// mean is the records' mean score, 0–1.
func mean(rs []results.Record) float64 {
	s := 0.0
	for _, r := range rs {
		s += r.Score
	}
	return s / float64(len(rs))
}

// slug makes a label safe as a directory name.
func slug(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_') {
			b[i] = '_'
		}
	}
	return cmp.Or(strings.Trim(string(b), "._"), "model")
}

// writeFile writes b to dir/name atomically, creating directories.
func writeFile(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return results.WriteAtomic(path, b)
}
