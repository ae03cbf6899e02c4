// Package suite runs a described set of runs — variants of one model or
// several, each optionally served by a server the suite starts and stops
// itself — and compares them. A suite file is YAML (go.yaml.in/yaml/v3).
package suite

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"niah/results"
	"niah/units"
)

// File is a suite file as written.
type File struct {
	Grid       Grid      `yaml:"grid"`
	Run        RunOpts   `yaml:"run"`
	Out        string    `yaml:"out"`
	Matrix     yaml.Node `yaml:"matrix"`
	Baseline   string    `yaml:"baseline"`
	Variants   []Variant `yaml:"variants"`
	searchLine int
}

// Grid is the prompts every variant is sent: the same flags as niah run.
type Grid struct {
	Lengths        Words  `yaml:"lengths"`
	Depths         Words  `yaml:"depths"`
	DepthSpacing   string `yaml:"depth_spacing"`
	Trials         *int   `yaml:"trials"`
	Task           string `yaml:"task"`
	Haystack       string `yaml:"haystack"`
	HaystackRepeat bool   `yaml:"haystack_repeat"`
	Seed           *int64 `yaml:"seed"`
	Tokenizer      string `yaml:"tokenizer"`
	// LengthCounts is what a length counts: window (the default) or
	// prompt: niah run --length-counts.
	LengthCounts string `yaml:"length_counts"`
	// Prompts is a RULER-format JSONL of prompts to send instead of the
	// grid (relative to the suite file): niah run --prompts.
	Prompts string `yaml:"prompts"`
	// Search makes every run a search for the effective context, with
	// lengths its coarse ladder: niah run --adaptive.
	Search *Search `yaml:"search"`
}

// Search is an adaptive search's settings, as niah run's flags.
type Search struct {
	Resolution float64 `yaml:"resolution"` // --resolution; 0: the default
	Budget     string  `yaml:"budget"`     // --budget, e.g. 20m; "": no limit
	Threshold  float64 `yaml:"threshold"`  // --threshold
	Relative   float64 `yaml:"relative"`   // --relative
}

// RunOpts are how each variant's run executes.
type RunOpts struct {
	MaxTokens   *int   `yaml:"max_tokens"`
	Concurrency *int   `yaml:"concurrency"`
	Timeout     string `yaml:"timeout"`
	Retries     *int   `yaml:"retries"`
	Order       string `yaml:"order"`
	Stream      bool   `yaml:"stream"`
	Resume      *bool  `yaml:"resume"`
	// Shard runs one part of every variant's trials (i/n), or Shards n
	// parts with the part from $JOB_COMPLETION_INDEX: niah run --shard and
	// --shards.
	Shard  string `yaml:"shard"`
	Shards int    `yaml:"shards"`
}

// Variant is one entry of variants: a run of one model spec with its
// settings, and optionally the server it needs.
type Variant struct {
	Label   string            `yaml:"label"`
	Spec    string            `yaml:"spec"`
	Options map[string]any    `yaml:"options"`
	Headers map[string]string `yaml:"headers"`
	// Body fields are merged into every request body (e.g.
	// chat_template_kwargs); values are sent as JSON.
	Body  map[string]any `yaml:"body"`
	Serve *Serve         `yaml:"serve"`
	line  int
}

// Serve starts a variant's server: Command is split into words (quotes
// group; no shell is involved), {port} and matrix keys are substituted in
// it, in Env, Ready and the spec.
type Serve struct {
	Command Words             `yaml:"command"`
	Env     map[string]string `yaml:"env"`
	// Ready is a URL to GET until it answers 200; empty: ask the spec's
	// server what it is (the run's own probe) until it answers.
	Ready   string `yaml:"ready"`
	Timeout string `yaml:"timeout"` // start-up timeout, default 2m
	Grace   string `yaml:"grace"`   // SIGTERM to SIGKILL, default 10s
	Dir     string `yaml:"dir"`
}

// Words is a YAML scalar or a list of scalars: "2k,4k" or [2k, 4k];
// a command as one string or as its argv.
type Words struct {
	List   []string
	Scalar bool
	line   int
}

func (w *Words) UnmarshalYAML(n *yaml.Node) error {
	w.line = n.Line
	switch n.Kind {
	case yaml.ScalarNode:
		w.List, w.Scalar = []string{n.Value}, true
		return nil
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: want a plain value, not a %s", c.Line, kindName(c.Kind))
			}
			w.List = append(w.List, c.Value)
		}
		return nil
	}
	return fmt.Errorf("line %d: want a value or a list, not a %s", n.Line, kindName(n.Kind))
}

// Joined is the words as one comma-separated value (lengths, depths).
func (w Words) Joined() string { return strings.Join(w.List, ",") }

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	}
	return "value"
}

// Suite is a suite file made ready: matrix expanded, values checked.
type Suite struct {
	Path     string
	Grid     Grid
	Opts     RunOpts
	Out      string
	Baseline string
	Variants []Expanded
	Timeout  time.Duration // 0: the engine's default
	search   *results.AdaptiveInfo
	servers  servers
}

// Expanded is one variant after the matrix: its values still hold
// {port}, filled when its server starts.
type Expanded struct {
	Label   string
	Spec    string
	Options map[string]string // options and body fields, as niah run's --option values
	Headers map[string]string
	Serve   *Serve
	Matrix  map[string]string // the matrix values it was made with
	Line    int               // where it was written
}

// lineError is an error at a place in the suite file.
func lineError(path string, line int, format string, args ...any) error {
	if line > 0 {
		return fmt.Errorf("%s:%d: %s", path, line, fmt.Sprintf(format, args...))
	}
	return fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...))
}

var yamlLine = regexp.MustCompile(`^yaml: (?:unmarshal errors:\n\s*)?line (\d+): `)

// Load reads and checks a suite file; every error names the file and,
// where it can, the line.
func Load(path string) (*Suite, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		msg := err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			return nil, lineError(path, n, "%s", strings.TrimSpace(msg[len(m[0]):]))
		}
		return nil, fmt.Errorf("%s: %s", path, strings.TrimPrefix(msg, "yaml: "))
	}
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err == nil {
		setLines(&root, f.Variants)
		f.searchLine = lineOf(&root, "grid", "search")
	}
	return f.check(path)
}

// lineOf is the line of the value at a path of mapping keys, or 0.
func lineOf(n *yaml.Node, keys ...string) int {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for _, k := range keys {
		var next *yaml.Node
		for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == k {
				next = n.Content[i+1]
			}
		}
		if next == nil {
			return 0
		}
		n = next
	}
	return n.Line
}

// setLines records where each variant starts, for messages.
func setLines(root *yaml.Node, vs []Variant) {
	if len(root.Content) == 0 {
		return
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "variants" && m.Content[i+1].Kind == yaml.SequenceNode {
			for j, item := range m.Content[i+1].Content {
				if j < len(vs) {
					vs[j].line = item.Line
				}
			}
		}
	}
}

func (f *File) check(path string) (*Suite, error) {
	s := &Suite{Path: path, Grid: f.Grid, Opts: f.Run, Out: f.Out, Baseline: f.Baseline}
	if g := f.Grid.Search; g != nil {
		s.search = &results.AdaptiveInfo{Resolution: g.Resolution, Threshold: g.Threshold, Relative: g.Relative}
		if g.Budget != "" {
			n, err := units.ParseLength(g.Budget)
			if err != nil {
				return nil, lineError(path, f.searchLine, "grid.search.budget: %v", err)
			}
			s.search.Budget = n
		}
	}
	if len(f.Variants) == 0 {
		return nil, lineError(path, 0, "no variants: list at least one under variants:")
	}
	if f.Run.Timeout != "" {
		d, err := time.ParseDuration(f.Run.Timeout)
		if err != nil || d <= 0 {
			return nil, lineError(path, 0, "run.timeout %q: want a duration such as 10m", f.Run.Timeout)
		}
		s.Timeout = d
	}
	axes, err := matrixAxes(path, &f.Matrix)
	if err != nil {
		return nil, err
	}
	seen := map[string]int{}
	for _, v := range f.Variants {
		if strings.TrimSpace(v.Spec) == "" {
			return nil, lineError(path, v.line, "variant %q has no spec", v.Label)
		}
		if v.Serve != nil {
			if err := checkServe(path, v); err != nil {
				return nil, err
			}
		}
		exps, err := expand(path, v, axes)
		if err != nil {
			return nil, err
		}
		for _, e := range exps {
			if first, dup := seen[e.Label]; dup {
				return nil, lineError(path, e.Line, "two variants are labelled %q (the other at line %d): labels name the runs", e.Label, first)
			}
			seen[e.Label] = e.Line
			s.Variants = append(s.Variants, e)
		}
	}
	if s.Baseline == "" {
		s.Baseline = s.Variants[0].Label
	} else if _, ok := seen[s.Baseline]; !ok {
		var labels []string
		for _, e := range s.Variants {
			labels = append(labels, e.Label)
		}
		return nil, lineError(path, 0, "baseline %q is not a variant label (labels: %s)", s.Baseline, strings.Join(labels, ", "))
	}
	return s, nil
}

func checkServe(path string, v Variant) error {
	if len(v.Serve.Command.List) == 0 {
		return lineError(path, v.line, "variant %q: serve has no command", v.Label)
	}
	for _, d := range []struct{ name, val string }{{"timeout", v.Serve.Timeout}, {"grace", v.Serve.Grace}} {
		if d.val == "" {
			continue
		}
		if t, err := time.ParseDuration(d.val); err != nil || t <= 0 {
			return lineError(path, v.line, "variant %q: serve.%s %q: want a duration such as 90s", v.Label, d.name, d.val)
		}
	}
	if v.Serve.Command.Scalar {
		if _, err := splitWords(v.Serve.Command.List[0]); err != nil {
			return lineError(path, v.Serve.Command.line, "variant %q: serve.command: %v", v.Label, err)
		}
	}
	return nil
}

// axis is one matrix key and its values, in the file's order.
type axis struct {
	key    string
	values []string
}

func matrixAxes(path string, n *yaml.Node) ([]axis, error) {
	if n.Kind == 0 {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, lineError(path, n.Line, "matrix: want keys with lists of values, e.g. rope_scale: [1, 2, 4]")
	}
	var out []axis
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value == "port" || k.Value == "label" {
			return nil, lineError(path, k.Line, "matrix key %q is reserved", k.Value)
		}
		a := axis{key: k.Value}
		switch v.Kind {
		case yaml.SequenceNode:
			for _, c := range v.Content {
				if c.Kind != yaml.ScalarNode {
					return nil, lineError(path, c.Line, "matrix.%s: values must be plain", k.Value)
				}
				a.values = append(a.values, c.Value)
			}
		case yaml.ScalarNode:
			a.values = []string{v.Value}
		default:
			return nil, lineError(path, v.Line, "matrix.%s: want a list of values", k.Value)
		}
		if len(a.values) == 0 {
			return nil, lineError(path, v.Line, "matrix.%s has no values", k.Value)
		}
		out = append(out, a)
	}
	return out, nil
}

// texts are every string of a variant where {key} may appear.
func (v Variant) texts() []string {
	out := []string{v.Label, v.Spec}
	for _, x := range v.Options {
		out = append(out, fmt.Sprint(x))
	}
	for _, x := range v.Headers {
		out = append(out, x)
	}
	if b, err := json.Marshal(v.Body); err == nil {
		out = append(out, string(b))
	}
	if v.Serve != nil {
		out = append(out, v.Serve.Command.List...)
		out = append(out, v.Serve.Ready, v.Serve.Dir)
		for _, x := range v.Serve.Env {
			out = append(out, x)
		}
	}
	return out
}

// expand makes one variant into one per combination of the matrix keys
// it mentions; a label that mentions none of them gets key=value added,
// so each expanded variant has its own.
func expand(path string, v Variant, axes []axis) ([]Expanded, error) {
	var used []axis
	for _, a := range axes {
		if slices.ContainsFunc(v.texts(), func(s string) bool { return strings.Contains(s, "{"+a.key+"}") }) {
			used = append(used, a)
		}
	}
	combos := []map[string]string{{}}
	for _, a := range used {
		var next []map[string]string
		for _, c := range combos {
			for _, val := range a.values {
				m := map[string]string{a.key: val}
				for k, x := range c {
					m[k] = x
				}
				next = append(next, m)
			}
		}
		combos = next
	}
	var out []Expanded
	for _, c := range combos {
		e, err := instantiate(path, v, used, c)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

func instantiate(path string, v Variant, used []axis, values map[string]string) (Expanded, error) {
	sub := func(s string) string { return substitute(s, values) }
	label := v.Label
	if label == "" {
		label = v.Spec
		if at := strings.LastIndex(label, "@http"); at > 0 {
			label = label[:at]
		}
	}
	for _, a := range used {
		if !strings.Contains(label, "{"+a.key+"}") {
			label += " " + a.key + "=" + values[a.key]
		}
	}
	e := Expanded{Label: sub(label), Spec: sub(v.Spec), Options: map[string]string{}, Headers: map[string]string{},
		Matrix: values, Line: v.line}
	for k, x := range v.Options {
		s, err := optionString(x)
		if err != nil {
			return e, lineError(path, v.line, "variant %q: options.%s: %v", v.Label, k, err)
		}
		e.Options[k] = sub(s)
	}
	for k, x := range v.Body {
		if _, clash := e.Options[k]; clash {
			return e, lineError(path, v.line, "variant %q: %s is both an option and a body field", v.Label, k)
		}
		b, err := json.Marshal(jsonable(x))
		if err != nil {
			return e, lineError(path, v.line, "variant %q: body.%s: %v", v.Label, k, err)
		}
		e.Options[k] = sub(string(b))
	}
	for k, x := range v.Headers {
		e.Headers[k] = sub(x)
	}
	if v.Serve != nil {
		s := *v.Serve
		s.Command = Words{List: slices.Clone(s.Command.List), Scalar: s.Command.Scalar}
		for i := range s.Command.List {
			s.Command.List[i] = sub(s.Command.List[i])
		}
		s.Env = map[string]string{}
		for k, x := range v.Serve.Env {
			s.Env[k] = sub(x)
		}
		s.Ready, s.Dir = sub(s.Ready), sub(s.Dir)
		e.Serve = &s
	}
	return e, nil
}

// optionString is an option value as niah run's --option takes it:
// strings as written, anything else as JSON.
func optionString(x any) (string, error) {
	if s, ok := x.(string); ok {
		return s, nil
	}
	b, err := json.Marshal(jsonable(x))
	return string(b), err
}

// jsonable turns YAML's map[string]any / map[any]any trees into JSON's.
func jsonable(x any) any {
	switch t := x.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, v := range t {
			out[k] = jsonable(v)
		}
		return out
	case map[any]any:
		out := map[string]any{}
		for k, v := range t {
			out[fmt.Sprint(k)] = jsonable(v)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, v := range t {
			out[i] = jsonable(v)
		}
		return out
	}
	return x
}

// substitute replaces {key} with values[key]; other braces stay.
func substitute(s string, values map[string]string) string {
	for k, v := range values {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}

// splitWords splits a command line into words: whitespace separates,
// single and double quotes group, backslash escapes outside single
// quotes. No shell is involved: no variables, globs or pipes.
func splitWords(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inWord := false
	var quote rune
	esc := false
	for _, r := range s {
		switch {
		case esc:
			cur.WriteRune(r)
			esc = false
		case r == '\\' && quote != '\'':
			esc, inWord = true, true
		case quote != 0:
			if r == quote {
				quote = 0
			} else {
				cur.WriteRune(r)
			}
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ' || r == '\t' || r == '\n':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed %c quote in %q", quote, s)
	}
	if esc {
		return nil, fmt.Errorf("trailing backslash in %q", s)
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out, nil
}

// argv is the serve command's words with {port} filled.
func (s *Serve) argv(port int) ([]string, error) {
	words := s.Command.List
	if s.Command.Scalar {
		var err error
		if words, err = splitWords(words[0]); err != nil {
			return nil, err
		}
	}
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = withPort(w, port)
	}
	if len(out) == 0 || out[0] == "" {
		return nil, fmt.Errorf("empty command")
	}
	return out, nil
}

func withPort(s string, port int) string { return strings.ReplaceAll(s, "{port}", strconv.Itoa(port)) }
