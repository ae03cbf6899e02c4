package runner

import (
	"math"
	"sort"
	"testing"
)

// FuzzParseLengths: any --lengths either parses to sorted distinct lengths
// from 64 to 16M, or is refused.
func FuzzParseLengths(f *testing.F) {
	for _, s := range []string{"4k..128k", "4k,8k,1m", "32000", "1m..4k", "", ",,", "64..16m", "2m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ls, err := ParseLengths(s)
		if err != nil {
			return
		}
		if len(ls) == 0 || !sort.IntsAreSorted(ls) {
			t.Fatalf("%q: %v", s, ls)
		}
		for i, n := range ls {
			if n < 64 || n > 16<<20 || i > 0 && ls[i-1] == n {
				t.Fatalf("%q: %v", s, ls)
			}
		}
	})
}

// FuzzParseDepths: any --depths either parses to sorted distinct finite
// percentages in 0..100, or is refused.
func FuzzParseDepths(f *testing.F) {
	for _, s := range []string{"11", "0,25,50,75,100", "50%", "50,", "nan", "0", "1000", "-0"} {
		f.Add(s, "linear")
		f.Add(s, "sigmoid")
	}
	f.Fuzz(func(t *testing.T, s, spacing string) {
		ds, err := ParseDepths(s, spacing)
		if err != nil {
			return
		}
		if len(ds) == 0 || !sort.Float64sAreSorted(ds) {
			t.Fatalf("%q: %v", s, ds)
		}
		for i, d := range ds {
			if math.IsNaN(d) || d < 0 || d > 100 || i > 0 && ds[i-1] == d {
				t.Fatalf("%q %q: %v", s, spacing, ds)
			}
		}
	})
}
