package units

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseFraction reads a fraction the way people write one: 0.05, .05, or
// as a percentage, 5% (and 85.6%). It checks the number is finite; the
// range each setting allows is its own to check.
func ParseFraction(s string) (float64, error) {
	t := strings.TrimSpace(s)
	scale := 1.0
	if rest, ok := strings.CutSuffix(t, "%"); ok {
		t, scale = strings.TrimSpace(rest), 100
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil || t == "" || math.IsNaN(f) || math.IsInf(f, 0) || strings.ContainsAny(t, "_xXpP") {
		return 0, fmt.Errorf("%q is not a fraction: give a number such as 0.05, or a percentage such as 5%%", s)
	}
	return f / scale, nil
}

// Fraction is a float64 read by ParseFraction: as a command-line flag it
// is a pflag.Value (Set, String, Type), so --resolution 5% and
// --resolution 0.05 mean the same.
type Fraction float64

// Set parses s into f.
func (f *Fraction) Set(s string) error {
	v, err := ParseFraction(s)
	if err != nil {
		return err
	}
	*f = Fraction(v)
	return nil
}

// String is the value as a plain number, as the flag's default shows.
func (f *Fraction) String() string { return strconv.FormatFloat(float64(*f), 'g', -1, 64) }

// Type names the value in usage text.
func (f *Fraction) Type() string { return "fraction" }
