package suite

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"niah/runner"
)

// Problems are every problem found in a suite file, each one line naming
// the file and, where it can, the line: a file is checked whole, so one
// round of fixes makes it run.
type Problems struct {
	Path string
	List []error
	// Warnings are what is odd but would run (Suite.Warnings), told
	// with the problems so that one round of fixes sees them too.
	Warnings []string
}

func (p *Problems) Error() string {
	lines := make([]string, 0, len(p.List)+len(p.Warnings)+1)
	for _, e := range p.List {
		lines = append(lines, e.Error())
	}
	for _, w := range p.Warnings {
		lines = append(lines, "warning: "+w)
	}
	if len(lines) > 1 {
		lines = append(lines, fmt.Sprintf("%s: %d problems; nothing was run", p.Path, len(p.List)))
	}
	return strings.Join(lines, "\n")
}

// problems is nil for no error, else a *Problems of errs, each once.
func problems(path string, errs []error) error {
	var list []error
	seen := map[string]bool{}
	for _, e := range errs {
		if !seen[e.Error()] {
			seen[e.Error()] = true
			list = append(list, e)
		}
	}
	if len(list) == 0 {
		return nil
	}
	return &Problems{Path: path, List: list}
}

// Check makes every variant's plan, so that every bad setting, spec,
// option and placeholder is reported, with its line, before any server
// starts or any trial is sent. Its error is a *Problems.
func (s *Suite) Check(o Options) error { return problems(s.Path, s.check(o)) }

// check is every problem of the suite's settings (once, whatever the
// variant) and of each variant (its spec, options, placeholders).
func (s *Suite) check(o Options) []error {
	dir := s.Dir(o)
	// The shared settings, on a variant that cannot be at fault.
	base := Expanded{Label: "(check)", Spec: "sim"}
	p, errs := s.plan(base, filepath.Join(dir, "check"), o)
	engine, cleared := s.engineErrors(p, base)
	errs = append(errs, engine...)
	type key struct {
		line int
		msg  string
	}
	seen := map[key]bool{}
	for _, v := range s.Variants {
		// A variant's problems are told once per place in the file, not
		// once per matrix value that repeats them.
		for _, e := range s.checkVariant(v, dir, o, cleared) {
			k := key{e.line, e.msg}
			if !seen[k] {
				seen[k] = true
				errs = append(errs, lineError(s.Path, e.line, "variant %q: %s", v.Label, e.msg))
			}
		}
	}
	return errs
}

// engineErrors are every error runner.Check finds in p, not the first:
// each setting at fault is put back to its default and p checked again.
// cleared are the settings put back.
func (s *Suite) engineErrors(p runner.Plan, v Expanded) (errs []error, cleared []string) {
	for range len(settingFields) {
		err := runner.Check(standIn(p, v))
		if err == nil {
			break
		}
		errs = append(errs, s.settingError(err, v))
		var se *runner.SettingError
		if !errors.As(err, &se) || !clearSetting(&p, se.Setting) {
			break
		}
		cleared = append(cleared, se.Setting)
	}
	return errs, cleared
}

// clearSetting puts a plan's setting back to its default, so a check can
// go on to the next problem; false for a setting it cannot.
func clearSetting(p *runner.Plan, setting string) bool {
	switch setting {
	case "lengths":
		p.Grid.Lengths = nil
	case "depths", "depth-spacing":
		p.Grid.Depths = nil
	case "trials":
		p.Grid.Trials = 0
	case "order":
		p.Order = ""
	case "max-tokens":
		p.MaxTokens = 0
	case "concurrency":
		p.Concurrency = 0
	case "timeout":
		p.Timeout = 0
	case "retries":
		p.Retries = nil
	case "haystack":
		p.Haystack = ""
	case "tokenizer":
		p.Tokenizer = ""
	case "seed":
		p.Seed = nil
	case "shard", "shards":
		p.Shard = nil
	case "resolution", "budget", "threshold", "relative":
		if p.Search == nil {
			return false
		}
		search := *p.Search
		switch setting {
		case "resolution":
			search.Resolution = 0
		case "budget":
			search.Budget = 0
		case "threshold":
			search.Threshold = 0
		case "relative":
			search.Relative = 0
		}
		p.Search = &search
	default:
		return false
	}
	return true
}

// variantProblem is a problem of one variant at a line of the file.
type variantProblem struct {
	line int
	msg  string
}

// placeholder is {name} in a variant's text.
var placeholder = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// checkVariant is what is wrong with a variant itself: a placeholder
// nothing fills, a spec that does not parse or open, an option its
// protocol refuses. cleared are the shared settings already reported,
// put back to their defaults so they do not hide the variant's own.
func (s *Suite) checkVariant(v Expanded, dir string, o Options, cleared []string) []variantProblem {
	var out []variantProblem
	texts := map[string]string{"label": v.Label, "spec": v.Spec}
	for k, x := range v.Options {
		texts["options."+k] = x
	}
	for k, x := range v.Headers {
		texts["headers."+k] = x
	}
	fields := make([]string, 0, len(texts))
	for f := range texts {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	for _, field := range fields {
		for _, m := range placeholder.FindAllStringSubmatch(texts[field], -1) {
			switch name := m[1]; {
			case name == "port" && v.Serve == nil:
				out = append(out, variantProblem{v.line(field), fmt.Sprintf("{port} in its %s, but the variant has no serve block: {port} is the port of the server a serve block starts", field)})
			case name != "port" && (field == "spec" || field == "label"):
				out = append(out, variantProblem{v.line(field), fmt.Sprintf("{%s} in its %s is not a matrix key%s", name, field, s.matrixKeys())})
			}
		}
	}
	if len(out) > 0 {
		return out // the spec is not one yet
	}
	p, _ := s.plan(v, filepath.Join(dir, runner.Slug(v.Label)), o) // the shared settings' errors are told once
	for _, setting := range cleared {
		clearSetting(&p, setting)
	}
	if err := runner.CheckModels(standIn(p, v)); err != nil {
		var se *runner.SettingError
		field := "spec"
		if errors.As(err, &se) {
			if f, ok := settingFields[se.Setting]; ok {
				field = f
			} else if se.Setting == "option" {
				field = "options"
			}
			err = se.Err
		}
		out = append(out, variantProblem{v.line(field), fmt.Sprintf("%s: %v", field, err)})
	}
	return out
}

// matrixKeys lists the file's matrix keys for a message.
func (s *Suite) matrixKeys() string {
	if len(s.keys) == 0 {
		return " (the file has no matrix)"
	}
	return " (keys: " + strings.Join(s.keys, ", ") + ")"
}
