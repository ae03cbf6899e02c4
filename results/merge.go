package results

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Part is one run to merge: where it came from, its manifest and records.
type Part struct {
	Path     string
	Manifest *Manifest
	Records  []Record
}

// Merge joins the parts of a sharded run (or runs of the same prompts
// made apart) into one: it refuses parts whose prompts could differ (task,
// grid, seed, haystack, tokenizer) or whose models differ, and keeps one
// record per trial id — a settled one over an error, else the first. It
// returns the merged manifest and records, and how many duplicate
// records it dropped.
func Merge(parts []Part) (*Manifest, []Record, int, error) {
	if len(parts) == 0 {
		return nil, nil, 0, fmt.Errorf("nothing to merge")
	}
	for _, p := range parts {
		if p.Manifest == nil {
			return nil, nil, 0, fmt.Errorf("%s: no %s: merge needs each run's manifest to check the runs match", p.Path, ManifestFile)
		}
	}
	first := parts[0]
	for _, p := range parts[1:] {
		if what, a, b := differ(first.Manifest, p.Manifest); what != "" {
			return nil, nil, 0, fmt.Errorf("%s differs from %s in %s: %s, not %s; only parts of one run can be merged", p.Path, first.Path, what, b, a)
		}
	}
	var out []Record
	at := map[string]int{}
	dropped := 0
	for _, p := range parts {
		for _, r := range p.Records {
			i, seen := at[r.ID]
			switch {
			case !seen:
				at[r.ID] = len(out)
				out = append(out, r)
			case out[i].Status == StatusError && r.Status != StatusError:
				out[i] = r
				dropped++
			default:
				dropped++
			}
		}
	}
	m := *first.Manifest
	m.Created = time.Now().UTC().Format(time.RFC3339)
	m.Shard = ""
	m.Merged = nil
	for _, p := range parts {
		name := p.Path
		if p.Manifest.Shard != "" {
			name += " (shard " + p.Manifest.Shard + ")"
		}
		m.Merged = append(m.Merged, name)
	}
	for _, p := range parts[1:] {
		for _, w := range p.Manifest.Warnings {
			if !slices.Contains(m.Warnings, w) {
				m.Warnings = append(m.Warnings, w)
			}
		}
	}
	return &m, out, dropped, nil
}

// differ names the first thing that makes two manifests different runs.
func differ(a, b *Manifest) (what, va, vb string) {
	ints := func(xs []int) string { return fmt.Sprint(xs) }
	floats := func(xs []float64) string { return fmt.Sprint(xs) }
	models := func(m *Manifest) string {
		var s []string
		for _, mi := range m.Models {
			// Each shard may have its own server: the model is the spec
			// without its URL.
			spec := mi.Spec
			if at := strings.LastIndex(spec, "@http"); at > 0 {
				spec = spec[:at]
			}
			s = append(s, mi.Label+"="+spec)
		}
		return strings.Join(s, ", ")
	}
	switch {
	case a.Task != b.Task:
		return "task", a.Task, b.Task
	case ints(a.Lengths) != ints(b.Lengths):
		return "grid lengths", ints(a.Lengths), ints(b.Lengths)
	case floats(a.Depths) != floats(b.Depths):
		return "grid depths", floats(a.Depths), floats(b.Depths)
	case a.Trials != b.Trials:
		return "trials per cell", fmt.Sprint(a.Trials), fmt.Sprint(b.Trials)
	case a.Counts() != b.Counts():
		return "lengths counting", CountsWords(a.Counts()), CountsWords(b.Counts())
	case a.Seed != b.Seed:
		return "seed", fmt.Sprint(a.Seed), fmt.Sprint(b.Seed)
	case a.CorpusHash != b.CorpusHash:
		return "haystack", a.Haystack + " " + a.CorpusHash, b.Haystack + " " + b.CorpusHash
	case a.Tokenizer != b.Tokenizer:
		return "tokenizer", a.Tokenizer, b.Tokenizer
	case models(a) != models(b):
		return "model", models(a), models(b)
	}
	return "", "", ""
}

// WriteRecords writes records as a records file, one JSON line each,
// atomically (a merged run appears whole or not at all).
func WriteRecords(path string, recs []Record) error {
	var b []byte
	for i := range recs {
		line, err := json.Marshal(&recs[i])
		if err != nil {
			return err
		}
		b = append(append(b, line...), '\n')
	}
	return WriteAtomic(path, b)
}
