package suite

import (
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"

	"niah/render"
	"niah/results"
	"niah/stats"
)

// Settings lists, one line each, the settings that differ between the
// variants: matrix values, specs, options and body fields, server
// commands and environments. Header values are not shown (they may be
// credentials), only that they differ.
func (s *Suite) Settings() []string {
	per := make([]map[string]string, len(s.Variants))
	keys := map[string]bool{}
	for i, v := range s.Variants {
		m := map[string]string{"spec": v.Spec}
		for k, x := range v.Matrix {
			m["matrix "+k] = x
		}
		for k, x := range v.Options {
			m["option "+k] = x
		}
		for k := range v.Headers {
			m["header "+k] = "(set)"
		}
		if v.Serve != nil {
			m["serve command"] = strings.Join(v.Serve.Command.List, " ")
			for k, x := range v.Serve.Env {
				m["serve env "+k] = x
			}
		}
		per[i] = m
		for k := range m {
			keys[k] = true
		}
	}
	var names []string
	for k := range keys {
		names = append(names, k)
	}
	sort.Strings(names)
	var out []string
	for _, k := range names {
		var vals []string
		differ := false
		first := ""
		for i, v := range s.Variants {
			x, ok := per[i][k]
			if !ok {
				x = "(unset)"
			}
			if i == 0 {
				first = x
			} else if x != first { // compared as values: a label may hold "=" itself
				differ = true
			}
			vals = append(vals, v.Label+"="+x)
		}
		if differ {
			out = append(out, k+": "+strings.Join(vals, ", "))
		}
	}
	return out
}

// Report renders the comparison of the variants that have records into
// dir (compare.png/svg with each variant against the baseline,
// compare-accuracy.png/svg, compare.html) and writes the text summary to
// w: the table, the differences from the baseline, the settings that
// differ, and each failed variant with the tail of its server's log.
// claims resolves the claimed context of each variant's labels from its
// manifest and records (the command's --claimed rule); nil: none known.
func (s *Suite) Report(w io.Writer, dir string, outs []Outcome, o render.Options,
	claims func(*results.Manifest, []results.Record) stats.Claims) ([]string, error) {
	var runs [][]results.Record
	var mans []*results.Manifest
	var cls []stats.Claims
	var sources []string
	for _, out := range outs {
		recs, m, _, err := results.LoadRun(out.Dir)
		if err != nil || len(recs) == 0 {
			continue
		}
		runs, mans, sources = append(runs, recs), append(mans, m), append(sources, out.Dir)
		if claims != nil {
			cls = append(cls, claims(m, recs))
		}
	}
	settings := s.Settings()
	var notes []string
	if len(settings) > 0 {
		notes = append(notes, "settings that differ between variants:")
		notes = append(notes, settings...)
	}
	for _, out := range outs {
		if out.Failed {
			notes = append(notes, "FAILED "+out.Label+": "+out.Reason)
		}
	}
	var paths []string
	if len(runs) > 0 {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		es := render.Entries(runs, mans, cls, sources)
		o.Baseline, o.PageNotes = s.Baseline, notes
		if !slices.ContainsFunc(es, func(e render.Entry) bool { return e.Summary.Label == s.Baseline }) {
			o.Baseline = ""
		}
		var err error
		if paths, err = render.RenderCompare(dir, es, o); err != nil {
			return paths, err
		}
		fmt.Fprintf(w, "baseline: %s\n", s.Baseline)
		if err := render.WriteCompareTable(w, es, o); err != nil {
			return paths, err
		}
	} else {
		fmt.Fprintln(w, "no variant has records to compare")
	}
	if len(settings) > 0 {
		fmt.Fprintln(w, "\nsettings that differ between variants:")
		for _, l := range settings {
			fmt.Fprintln(w, "  "+l)
		}
	}
	for _, out := range outs {
		if !out.Failed {
			continue
		}
		fmt.Fprintf(w, "\nFAILED %s: %s\n", out.Label, out.Reason)
		if out.LogTail != "" {
			fmt.Fprintf(w, "  last lines of %s:\n", out.LogPath)
			for _, l := range strings.Split(out.LogTail, "\n") {
				fmt.Fprintln(w, "  | "+l)
			}
		}
	}
	return paths, nil
}
