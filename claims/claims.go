// Package claims reads published claims about models — a context window
// ("1M") or a score at a length ("RULER mean 95.1 at 4K") — from a YAML
// file (go.yaml.in/yaml/v3), to be held against measurements. Every error
// names the file and the line.
package claims

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"niah/units"
)

// Kind is what a claim states.
type Kind int

const (
	// Window: the model's context window, in tokens.
	Window Kind = iota + 1
	// Score: a score at a length.
	Score
)

// MetricRULER is the metric of a score in RULER's sense: the mean of
// RULER's tasks at a length, as vendors publish it.
const MetricRULER = "ruler"

// Claim is one published claim about one model.
type Claim struct {
	Model string // the model the source speaks of
	// Label is the run label the claim is held against: the file's label,
	// else Model.
	Label  string
	Source string // who says so, in words
	URL    string // where, when the file gives it
	Kind   Kind
	Window int     // Window: tokens
	Score  float64 // Score: a fraction, 0–1
	At     int     // Score: the length it was measured at, in tokens
	// Metric names a score's measure: MetricRULER, or the source's own
	// name for it (e.g. "HELMET recall", "NoLiMa").
	Metric string
	File   string // the claims file (or suite file) it came from
	Line   int
}

// RULER reports a score claimed in RULER's sense.
func (c Claim) RULER() bool { return c.Kind == Score && strings.EqualFold(c.Metric, MetricRULER) }

// Load reads a claims file.
func Load(path string) ([]Claim, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err // names the path
	}
	return Parse(path, b)
}

var yamlLine = regexp.MustCompile(`^yaml: (?:unmarshal errors:\n\s*)?line (\d+): `)

// Parse reads the claims of a file's bytes; path names it in errors.
// The file is a list of claims, or a mapping whose claims: holds one.
func Parse(path string, b []byte) ([]Claim, error) {
	var root yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(b)).Decode(&root); err != nil && !errors.Is(err, io.EOF) {
		msg := err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			return nil, fmt.Errorf("%s:%s: %s", path, m[1], strings.TrimSpace(msg[len(m[0]):]))
		}
		return nil, fmt.Errorf("%s: %s", path, strings.TrimPrefix(msg, "yaml: "))
	}
	if root.Kind == 0 || len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: no claims: the file is empty", path)
	}
	n := root.Content[0]
	if n.Kind == yaml.MappingNode {
		var list *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k := n.Content[i]; k.Value != "claims" {
				return nil, lineError(path, k.Line, "unknown field %q: a claims file holds claims:", k.Value)
			}
			list = n.Content[i+1]
		}
		if list == nil {
			return nil, lineError(path, n.Line, "no claims: list them under claims:")
		}
		n = list
	}
	return FromNode(path, n)
}

// FromNode reads a YAML list of claims (a claims file's, or a suite
// file's claims:); path names the file in errors.
func FromNode(path string, n *yaml.Node) ([]Claim, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, lineError(path, n.Line, "claims: want a list of claims, each with model, source and context or score and at")
	}
	if len(n.Content) == 0 {
		return nil, lineError(path, n.Line, "claims: the list is empty")
	}
	out := make([]Claim, 0, len(n.Content))
	for _, item := range n.Content {
		c, err := claimOf(path, item)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func lineError(path string, line int, format string, args ...any) error {
	if line > 0 {
		return fmt.Errorf("%s:%d: %s", path, line, fmt.Sprintf(format, args...))
	}
	return fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...))
}

// claimOf reads one entry, field by field, so each error has its line.
func claimOf(path string, n *yaml.Node) (Claim, error) {
	c := Claim{File: path, Line: n.Line}
	if n.Kind != yaml.MappingNode {
		return c, lineError(path, n.Line, "a claim is a mapping (model:, source:, context: or score: and at:)")
	}
	var score, at, window *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			return c, lineError(path, v.Line, "%s: want a plain value", k.Value)
		}
		switch k.Value {
		case "model":
			c.Model = strings.TrimSpace(v.Value)
		case "label":
			c.Label = strings.TrimSpace(v.Value)
		case "source":
			c.Source = strings.TrimSpace(v.Value)
		case "url":
			c.URL = strings.TrimSpace(v.Value)
			if u, err := url.Parse(c.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				return c, lineError(path, v.Line, "url %q: want an http(s) address", v.Value)
			}
		case "metric":
			c.Metric = strings.TrimSpace(v.Value)
		case "context":
			window = v
		case "score":
			score = v
		case "at":
			at = v
		default:
			return c, lineError(path, k.Line, "unknown field %q (model, label, source, url, context, score, at, metric)", k.Value)
		}
	}
	switch {
	case c.Model == "":
		return c, lineError(path, n.Line, "a claim needs model: the model it is about")
	case c.Source == "":
		return c, lineError(path, n.Line, "claim about %s: needs source: who says so", c.Model)
	case window != nil && (score != nil || at != nil):
		return c, lineError(path, n.Line, "claim about %s: either context: (a window) or score: and at:, not both", c.Model)
	case window == nil && score == nil:
		return c, lineError(path, n.Line, "claim about %s: needs context: (e.g. 128k) or score: and at: (e.g. 95.1 at 4k)", c.Model)
	}
	if c.Label == "" {
		c.Label = c.Model
	}
	if window != nil {
		w, err := units.ParseLength(window.Value)
		if err != nil || w < 1 {
			return c, lineError(path, window.Line, "context %q: want a length in tokens, e.g. 131072, 128k or 1m", window.Value)
		}
		c.Kind, c.Window = Window, w
		if c.Metric != "" {
			return c, lineError(path, n.Line, "claim about %s: metric: goes with a score, not a context window", c.Model)
		}
		return c, nil
	}
	if at == nil {
		return c, lineError(path, score.Line, "claim about %s: score: needs at: the length it was measured at (e.g. 4k)", c.Model)
	}
	s, err := parseScore(score.Value)
	if err != nil {
		return c, lineError(path, score.Line, "score %q: %v", score.Value, err)
	}
	l, err := units.ParseLength(at.Value)
	if err != nil || l < 1 {
		return c, lineError(path, at.Line, "at %q: want a length in tokens, e.g. 4096, 4k or 128k", at.Value)
	}
	c.Kind, c.Score, c.At = Score, s, l
	if c.Metric == "" {
		c.Metric = MetricRULER
	}
	return c, nil
}

// parseScore reads a percentage, 0–100, with or without "%".
func parseScore(s string) (float64, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	v, err := strconv.ParseFloat(t, 64)
	switch {
	case err != nil || v < 0 || v > 100:
		return 0, fmt.Errorf("want a percentage from 0 to 100, e.g. 95.1")
	case v > 0 && v < 1 && !strings.HasSuffix(strings.TrimSpace(s), "%"):
		return 0, fmt.Errorf("looks like a fraction: give the percentage (%g), or write %s%% if you mean it", v*100, t)
	}
	return v / 100, nil
}
