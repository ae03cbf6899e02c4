package units

import "testing"

func TestParseFraction(t *testing.T) {
	for s, want := range map[string]float64{"0.05": 0.05, ".05": 0.05, "5%": 0.05, " 5 % ": 0.05, "85.6%": 0.856, "0.856": 0.856, "100%": 1, "1": 1, "0": 0, "150%": 1.5} {
		if got, err := ParseFraction(s); err != nil || got != want {
			t.Errorf("ParseFraction(%q) = %g, %v; want %g", s, got, err, want)
		}
	}
	for _, s := range []string{"", "%", "five", "5%%", "nan", "NaN%", "inf", "-Inf", "0x1p-2", "1_0%", "5 percent"} {
		if got, err := ParseFraction(s); err == nil {
			t.Errorf("ParseFraction(%q) = %g, want an error", s, got)
		}
	}
	var f Fraction
	if err := f.Set("5%"); err != nil || f != 0.05 || f.String() != "0.05" || f.Type() != "fraction" {
		t.Fatalf("Set 5%%: %v %v %s", f, err, f.String())
	}
	if err := f.Set("lots"); err == nil || f != 0.05 || err.Error() != `"lots" is not a fraction: give a number such as 0.05, or a percentage such as 5%` {
		t.Fatalf("a bad value must leave the flag as it was and say why: %v %v", f, err)
	}
}
