package suite

import (
	"fmt"

	"go.yaml.in/yaml/v3"

	"niah/results"
	"niah/units"
)

// Fraction is a suite value that niah run takes as a fraction flag: read
// by units.ParseFraction, the same reader, so 0.05 and 5% mean the same.
// It keeps its text and line until the suite is checked, where the field
// is named.
type Fraction struct {
	raw  string
	line int
	set  bool
}

func (f *Fraction) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: want a fraction such as 0.05 or 5%%, not a %s", n.Line, kindName(n.Kind))
	}
	if n.Tag == "!!null" {
		return nil // left out: the default
	}
	f.raw, f.line, f.set = n.Value, n.Line, true
	return nil
}

// value is the fraction, 0 when it was left out; an error names the file,
// line and field.
func (f Fraction) value(path, field string) (float64, error) {
	if !f.set {
		return 0, nil
	}
	v, err := units.ParseFraction(f.raw)
	if err != nil {
		return 0, lineError(path, f.line, "%s: %v", field, err)
	}
	return v, nil
}

// searchInfo is grid.search's fractions as an adaptive run's settings.
func searchInfo(path string, g *Search) (*results.AdaptiveInfo, error) {
	info := &results.AdaptiveInfo{}
	for _, f := range []struct {
		name string
		v    Fraction
		dst  *float64
	}{
		{"grid.search.resolution", g.Resolution, &info.Resolution},
		{"grid.search.threshold", g.Threshold, &info.Threshold},
		{"grid.search.relative", g.Relative, &info.Relative},
		{"grid.search.target", g.Target, &info.Target},
	} {
		v, err := f.v.value(path, f.name)
		if err != nil {
			return nil, err
		}
		*f.dst = v
	}
	return info, nil
}
