package main

import (
	"fmt"
	"strconv"
	"strings"

	"niah/stats"
	"niah/units"
)

// relativeValue is --relative: NoLiMa's bar as a fraction of the model's
// own short-context score (0.85), or "per-pair" (optionally
// "per-pair:0.9"): each latent pair kept to that fraction of its own base
// score at the shortest length, as NoLiMa normalises.
type relativeValue struct {
	frac    float64
	perPair bool
}

func defaultRelative() relativeValue { return relativeValue{frac: stats.DefaultRelative} }

func (r *relativeValue) String() string {
	f := strconv.FormatFloat(r.frac, 'g', -1, 64)
	if r.perPair {
		return "per-pair:" + f
	}
	return f
}

func (r *relativeValue) Set(s string) error {
	rest, perPair := strings.CutPrefix(s, "per-pair")
	if perPair {
		r.perPair, r.frac = true, stats.DefaultRelative
		if rest == "" {
			return nil
		}
		if s, perPair = strings.CutPrefix(rest, ":"); !perPair {
			return fmt.Errorf("want a fraction such as 0.85, per-pair, or per-pair:0.85")
		}
	}
	f, err := units.ParseFraction(s)
	if err != nil {
		return fmt.Errorf("%w; or per-pair, per-pair:0.85", err)
	}
	r.frac = f
	return nil
}

func (r *relativeValue) Type() string { return "fraction|per-pair" }

// relativeUsage is --relative's help line.
const relativeUsage = "NoLiMa effective-length bar: fraction of the shortest length's accuracy (0.85 or 85%); per-pair[:F] keeps each latent pair to F of its own"
