package render

import (
	"fmt"
	"strconv"
	"strings"

	"niah/results"
	"niah/stats"
	"niah/units"
)

// samenessLines say when a setting may not have reached the model (every
// answer byte-identical, the servers reporting the same facts), or
// changed the words but no score.
func samenessLines(s stats.Sameness, ia, ib *results.ModelInfo, hint func(kind string) string) []string {
	switch {
	case s.Identical():
		facts := stats.FactsOf(ia, ib)
		head := fmt.Sprintf("the answers are byte-identical in all %d shared trials", s.Matched)
		if differ := stats.FactsDiffer(facts); len(differ) > 0 {
			return []string{head + fmt.Sprintf(", though the servers reported different facts (%s): the setting reached the server and changed no answer",
				factList(differ))}
		}
		known := "both servers reported the same facts (" + factList(facts) + ")"
		switch {
		case ia == nil && ib == nil:
			known = "no manifest records what the servers reported"
		case ia == nil || ib == nil:
			known = "only one run's manifest records what its server reported"
		}
		return []string{head + " and " + known + ": the setting may not have reached the model; " + checkHint(ia, ib, hint)}
	case s.WordsOnly():
		return []string{fmt.Sprintf("the answers differ in %d of %d shared trials but every score is the same: the setting changed the words, not what was retrieved",
			s.Matched-s.SameAnswer, s.Matched)}
	}
	return nil
}

// factList writes facts as "context 2K vs 4K" when they differ, "ollama
// 0.17.4, context 2K" when they agree.
func factList(fs []stats.Fact) string {
	var parts []string
	for _, f := range fs {
		a, b := factValue(f.Name, f.A), factValue(f.Name, f.B)
		switch {
		case f.A != f.B:
			parts = append(parts, fmt.Sprintf("%s %s vs %s", f.Name, a, b))
		case f.Name == "context source":
		default:
			parts = append(parts, f.Name+" "+a)
		}
	}
	return strings.Join(parts, ", ")
}

func factValue(name, v string) string {
	if v == "" {
		return "unreported"
	}
	if name == "context" {
		if n, err := strconv.Atoi(v); err == nil {
			return units.FormatLength(n)
		}
	}
	return v
}

// checkHint is where the servers of a pair say which settings they
// applied: the server's own words when the options carry them
// (provider.SettingsHint, set by cmd), else the general line.
func checkHint(ia, ib *results.ModelInfo, hint func(kind string) string) string {
	for _, mi := range []*results.ModelInfo{ia, ib} {
		if mi != nil && mi.Kind != "" && hint != nil {
			return hint(mi.Kind)
		}
	}
	return "check the settings the server reports it applied (its start-up log, its info endpoint)"
}
