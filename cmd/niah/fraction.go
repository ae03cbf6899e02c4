package main

import (
	"github.com/spf13/pflag"

	"niah/units"
)

// fractionVar registers a flag holding a fraction, given as 0.05 or as a
// percentage, 5% (units.ParseFraction, the same reader a suite file's
// fractions go through).
func fractionVar(fs *pflag.FlagSet, p *float64, name string, value float64, usage string) {
	*p = value
	fs.Var((*units.Fraction)(p), name, usage)
}
