package export

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"niah/results"
	"niah/stats"
)

// lm-evaluation-harness writes OUTPUT/MODEL/results_DATE.json. Its RULER
// tasks (lm_eval/tasks/ruler) report one metric per length, keyed
// "4096,none", each with a "4096_stderr,none" of "N/A" (RULER's
// aggregation has no stderr), -1 for a length the task did not run; the
// group "ruler" is the mean over its tasks. Scores are fractions (0–1).
// Here they are niah's: each task's mean score at each length, and the
// group its RULER mean (stats.RulerMean); a task outside RULER's set
// keeps niah's name and no group.

// lmevalNames are lm-eval's names of RULER's tasks where they differ.
var lmevalNames = map[string]string{"vt": "ruler_vt", "cwe": "ruler_cwe", "fwe": "ruler_fwe",
	"qa_1": "ruler_qa_squad", "qa_2": "ruler_qa_hotpot"}

func lmevalName(task string) string {
	if n, ok := lmevalNames[task]; ok {
		return n
	}
	return task
}

type lmevalResults struct {
	Results        map[string]map[string]any  `json:"results"`
	Groups         map[string]map[string]any  `json:"groups,omitempty"`
	GroupSubtasks  map[string][]string        `json:"group_subtasks"`
	Versions       map[string]any             `json:"versions"`
	NShot          map[string]int             `json:"n-shot"`
	HigherIsBetter map[string]map[string]bool `json:"higher_is_better"`
	NSamples       map[string]map[string]int  `json:"n-samples"`
	Config         map[string]any             `json:"config"`
	ModelName      string                     `json:"model_name"`
	Date           float64                    `json:"date"`
	Niah           map[string]any             `json:"niah"`
}

func writeLMEval(dir string, m *results.Manifest, recs []results.Record) ([]string, error) {
	g := gradedOf(recs)
	when := time.Now().UTC()
	if m != nil {
		if t, err := time.Parse(time.RFC3339, m.Created); err == nil {
			when = t
		}
	}
	var paths []string
	for _, label := range g.labels {
		lengths := g.lengths(label)
		out := lmevalResults{Results: map[string]map[string]any{}, GroupSubtasks: map[string][]string{},
			Versions: map[string]any{}, NShot: map[string]int{}, HigherIsBetter: map[string]map[string]bool{},
			NSamples: map[string]map[string]int{}, ModelName: label, Date: float64(when.Unix()),
			Config: map[string]any{"model": "niah", "model_args": "", "batch_size": 1},
			Niah:   map[string]any{"source": "niah export", "scores": "niah's grades, mean per task and length"}}
		if m != nil {
			out.Config["model_args"] = modelArgs(m, label)
			out.Niah["length_counts"] = m.Counts()
			out.Niah["manifest_task"] = m.Task
		}
		var inRuler []string
		for _, task := range g.tasks[label] {
			name := lmevalName(task)
			res := map[string]any{"alias": name}
			hib := map[string]bool{}
			n := 0
			for _, l := range lengths {
				key := strconv.Itoa(l)
				hib[key] = true
				res[key+",none"] = -1.0
				res[key+"_stderr,none"] = "N/A"
				if rs := g.cell(label, task, l); len(rs) > 0 {
					res[key+",none"] = mean(rs)
					n += len(rs)
				}
			}
			if isRulerTask(task) {
				inRuler = append(inRuler, name)
				res["alias"] = " - " + name
			}
			out.Results[name], out.HigherIsBetter[name] = res, hib
			out.Versions[name], out.NShot[name] = 1.0, 0
			out.NSamples[name] = map[string]int{"original": n, "effective": n}
		}
		if len(inRuler) > 0 {
			group := map[string]any{"alias": "ruler"}
			means := stats.RulerMean(stats.Summarize(recsOf(recs, label)))
			for _, l := range lengths {
				key := strconv.Itoa(l)
				group[key+",none"], group[key+"_stderr,none"] = -1.0, "N/A"
				if v, ok := means[l]; ok {
					group[key+",none"] = v
				}
			}
			out.Results["ruler"] = group
			out.Groups = map[string]map[string]any{"ruler": group}
			out.GroupSubtasks["ruler"] = inRuler
			out.Versions["ruler"] = 1
		}
		b, err := json.MarshalIndent(out, "", "  ")
		if err != nil {
			return paths, err
		}
		path := filepath.Join(dir, slug(label), "results_"+strings.ReplaceAll(when.Format("2006-01-02T15:04:05"), ":", "-")+".json")
		if err := writeFile(path, append(b, '\n')); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

func isRulerTask(task string) bool {
	for _, t := range stats.RulerTasks {
		if t == task {
			return true
		}
	}
	return false
}

// recsOf are the graded records of one label.
func recsOf(recs []results.Record, label string) []results.Record {
	var out []results.Record
	for _, r := range recs {
		if labelOf(&r) == label {
			out = append(out, r)
		}
	}
	return out
}

// modelArgs is the model's spec as lm-eval's model_args would name it.
func modelArgs(m *results.Manifest, label string) string {
	for _, mi := range m.Models {
		if mi.Label == label {
			return "spec=" + mi.Spec
		}
	}
	return ""
}
