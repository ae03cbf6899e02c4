// Package suite runs a described set of runs — variants of one model or
// several, each optionally served by a server the suite starts and stops
// itself — and compares them. A suite file is YAML (go.yaml.in/yaml/v3).
package suite

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"niah/claims"
	"niah/provider"
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
	Claims     yaml.Node `yaml:"claims"` // a claims file (relative to this one) or a list of claims
	searchLine int
	root       *yaml.Node // the file as a tree: where each field was written
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
	Resolution Fraction `yaml:"resolution"` // --resolution (0.05 or 5%); left out: the default
	Budget     string   `yaml:"budget"`     // --budget, e.g. 20m; "": no limit
	Threshold  Fraction `yaml:"threshold"`  // --threshold
	Relative   Fraction `yaml:"relative"`   // --relative
	Target     Fraction `yaml:"target"`     // --target
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
	Shards *int   `yaml:"shards"` // a pointer: shards: 0 is refused, not taken for none
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
	// fields are the lines of its fields (spec, label, options,
	// options.KEY, headers, body, serve), for messages.
	fields map[string]int
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
	// Warnings are what is odd in the file but runs: a matrix key no
	// variant uses. Each names the file and line.
	Warnings []string
	search   *results.AdaptiveInfo
	servers  servers
	lines    map[string]int // where each field of the file was written (grid.lengths, run.order)
	keys     []string       // the matrix keys, in the file's order
	// Claims are the file's claims:, to hold against the variants.
	Claims []claims.Claim
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
	fields  map[string]int    // where its fields were written (Variant.fields)
}

// line is where field of the variant was written, else the variant.
func (e Expanded) line(field string) int {
	if n := e.fields[field]; n > 0 {
		return n
	}
	if head, _, ok := strings.Cut(field, "."); ok && e.fields[head] > 0 {
		return e.fields[head]
	}
	return e.Line
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
// where it can, the line. Every problem of the file is reported, not the
// first (a *Problems); Open checks the settings too.
func Load(path string) (*Suite, error) {
	s, errs := load(path)
	if err := problems(path, errs); err != nil {
		return nil, err
	}
	return s, nil
}

// Open is Load and Check in one: the file read whole and every variant's
// settings, spec, options and placeholders checked, every problem of
// either reported at once, before anything starts.
func Open(path string, o Options) (*Suite, error) {
	s, errs := load(path)
	if s != nil {
		errs = append(errs, s.check(o)...)
	}
	if err := problems(path, errs); err != nil {
		if s != nil {
			err.(*Problems).Warnings = s.Warnings
		}
		return nil, err
	}
	return s, nil
}

// load reads a suite file and expands it; the suite is nil only when the
// file cannot be read as YAML at all, and holds what could be read when
// there are problems.
func load(path string) (*Suite, []error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, []error{err}
	}
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, []error{lineError(path, 0, "the file is empty: a suite lists its variants under variants: (see examples/ and the README's Suites section)")}
		}
		msg := err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			n, _ := strconv.Atoi(m[1])
			return nil, []error{lineError(path, n, "%s", strings.TrimSpace(msg[len(m[0]):]))}
		}
		return nil, []error{fmt.Errorf("%s: %s", path, strings.TrimPrefix(msg, "yaml: "))}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err == nil {
		setLines(&root, f.Variants)
		f.searchLine = lineOf(&root, "grid", "search")
		f.root = &root
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

// setLines records where each variant and each of its fields starts,
// for messages.
func setLines(root *yaml.Node, vs []Variant) {
	if len(root.Content) == 0 {
		return
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "variants" && m.Content[i+1].Kind == yaml.SequenceNode {
			for j, item := range m.Content[i+1].Content {
				if j < len(vs) {
					vs[j].line, vs[j].fields = item.Line, fieldLines(item)
				}
			}
		}
	}
}

// fieldLines are the lines of a mapping's values by key, and of its
// mappings' values by key.sub (options.num_ctx).
func fieldLines(n *yaml.Node) map[string]int {
	out := map[string]int{}
	for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i].Value, n.Content[i+1]
		out[k] = n.Content[i].Line
		for j := 0; v.Kind == yaml.MappingNode && j+1 < len(v.Content); j += 2 {
			out[k+"."+v.Content[j].Value] = v.Content[j].Line
		}
	}
	return out
}

func (f *File) check(path string) (*Suite, []error) {
	s := &Suite{Path: path, Grid: f.Grid, Opts: f.Run, Out: f.Out, Baseline: f.Baseline, lines: map[string]int{}}
	if f.root != nil {
		for _, field := range settingFields {
			if n := lineOf(f.root, strings.Split(field, ".")...); n > 0 {
				s.lines[field] = n
			}
		}
		for _, field := range []string{"grid", "run", "matrix", "baseline", "variants", "grid.search"} {
			s.lines[field] = lineOf(f.root, strings.Split(field, ".")...)
		}
	}
	var errs []error
	if g := f.Grid.Search; g != nil {
		var err error
		if s.search, err = searchInfo(path, g); err != nil {
			errs = append(errs, err)
			s.search = &results.AdaptiveInfo{}
		}
		if g.Budget != "" {
			n, err := units.ParseLength(g.Budget)
			switch {
			case err != nil:
				errs = append(errs, lineError(path, f.searchLine, "grid.search.budget: %v", err))
			case n == 0:
				errs = append(errs, lineError(path, f.searchLine, "grid.search.budget: %q: want a number of prompt tokens above 0, e.g. 20m (no limit: leave budget out)", g.Budget))
			}
			s.search.Budget = n
		}
	}
	if len(f.Variants) == 0 {
		errs = append(errs, lineError(path, s.lines["variants"], "no variants: list at least one under variants:"))
	}
	if err := s.loadClaims(&f.Claims); err != nil {
		errs = append(errs, err)
	}
	if f.Run.Timeout != "" {
		d, err := time.ParseDuration(f.Run.Timeout)
		if err != nil || d <= 0 {
			errs = append(errs, lineError(path, s.line("run.timeout"), "run.timeout %q: want a duration such as 10m", f.Run.Timeout))
		}
		s.Timeout = d
	}
	axes, err := matrixAxes(path, &f.Matrix)
	if err != nil {
		errs = append(errs, err)
	}
	seen := map[string]int{}
	for _, v := range f.Variants {
		if strings.TrimSpace(v.Spec) == "" {
			errs = append(errs, lineError(path, v.line, "variant %q has no spec", v.Label))
			continue
		}
		if v.Serve != nil {
			if err := checkServe(path, v); err != nil {
				errs = append(errs, err)
				continue
			}
		}
		exps, err := expand(path, v, axes)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, e := range exps {
			if first, dup := seen[e.Label]; dup {
				errs = append(errs, lineError(path, e.Line, "two variants are labelled %q (the other at line %d): labels name the runs", e.Label, first))
				continue
			}
			seen[e.Label] = e.Line
			s.Variants = append(s.Variants, e)
		}
	}
	for _, a := range axes {
		s.keys = append(s.keys, a.key)
		if !slices.ContainsFunc(f.Variants, func(v Variant) bool { return mentions(v, a.key) }) {
			s.Warnings = append(s.Warnings, lineError(path, a.line, "matrix key %q is used by no variant: write {%s} in a label, spec, option or serve command, or remove it", a.key, a.key).Error())
		}
	}
	switch {
	case len(s.Variants) == 0:
	case s.Baseline == "":
		s.Baseline = s.Variants[0].Label
	default:
		if _, ok := seen[s.Baseline]; !ok {
			var labels []string
			for _, e := range s.Variants {
				labels = append(labels, e.Label)
			}
			errs = append(errs, lineError(path, s.lines["baseline"], "baseline %q is not a variant label (labels: %s)", s.Baseline, strings.Join(labels, ", ")))
		}
	}
	return s, errs
}

// line is where a field of the file (grid.lengths, run.order) was
// written, else its section, else 0.
func (s *Suite) line(field string) int {
	if n := s.lines[field]; n > 0 {
		return n
	}
	if i := strings.LastIndex(field, "."); i > 0 {
		return s.line(field[:i])
	}
	return 0
}

// mentions reports whether a variant's texts hold {key}.
func mentions(v Variant, key string) bool {
	return slices.ContainsFunc(v.texts(), func(s string) bool { return strings.Contains(s, "{"+key+"}") })
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
	line   int
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
		a := axis{key: k.Value, line: k.Line}
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
		if mentions(v, a.key) {
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
		label = provider.LabelOf(v.Spec) // the spec is a template here: {keys} fill in below
	}
	for _, a := range used {
		if !strings.Contains(label, "{"+a.key+"}") {
			label += " " + a.key + "=" + values[a.key]
		}
	}
	e := Expanded{Label: sub(label), Spec: sub(v.Spec), Options: map[string]string{}, Headers: map[string]string{},
		Matrix: values, Line: v.line, fields: v.fields}
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

// loadClaims reads claims: a claims file named relative to the suite
// file, or the claims listed in place.
func (s *Suite) loadClaims(n *yaml.Node) error {
	switch n.Kind {
	case 0:
		return nil
	case yaml.ScalarNode:
		file := n.Value
		if !filepath.IsAbs(file) {
			file = filepath.Join(filepath.Dir(s.Path), file)
		}
		cs, err := claims.Load(file)
		if err != nil {
			return lineError(s.Path, n.Line, "claims: %v", err)
		}
		s.Claims = cs
		return nil
	}
	cs, err := claims.FromNode(s.Path, n)
	s.Claims = cs
	return err
}
