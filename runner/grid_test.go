package runner

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseLengths(t *testing.T) {
	cases := map[string][]int{
		"4k,8k,1m":     {4096, 8192, 1048576},
		"4k..1m":       {4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288, 1048576},
		"32000, 4K,4k": {4096, 32000},
		"1k..4k,128k":  {1024, 2048, 4096, 131072},
		"2K..2k":       {2048},
	}
	for in, want := range cases {
		got, err := ParseLengths(in)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("ParseLengths(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "abc", "8k..4k", "-4k", "12", "4k..x"} {
		_, err := ParseLengths(bad)
		if err == nil || strings.Contains(err.Error(), "--") {
			t.Errorf("ParseLengths(%q) error %v: want an error about the value, naming no flag", bad, err)
		}
	}
}

func TestParseDepths(t *testing.T) {
	got, err := ParseDepths("11", "linear")
	if want := []float64{0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("11 linear = %v, %v", got, err)
	}
	got, err = ParseDepths("50%", "")
	if want := []float64{50}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("50%% = %v, %v; a lone depth with %% is a depth, not a count", got, err)
	}
	got, err = ParseDepths("0, 25%,50,100", "")
	if want := []float64{0, 25, 50, 100}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("list = %v, %v", got, err)
	}
	// gkamradt's 35 sigmoid depths: 0, 0.896, 1.199, 1.602, ... 50 ... 99.104, 100.
	got, err = ParseDepths("35", "sigmoid")
	if err != nil || len(got) != 35 {
		t.Fatalf("35 sigmoid = %v, %v", got, err)
	}
	for i, want := range map[int]float64{0: 0, 1: 0.896, 2: 1.199, 3: 1.602, 17: 50, 33: 99.104, 34: 100} {
		if got[i] != want {
			t.Errorf("sigmoid depth %d = %v, want %v", i, got[i], want)
		}
	}
	for _, bad := range [][2]string{{"0", ""}, {"101,5", ""}, {"x", ""}} {
		_, err := ParseDepths(bad[0], bad[1])
		var se *SettingError
		if err == nil || strings.Contains(err.Error(), "--") || errors.As(err, &se) {
			t.Errorf("ParseDepths(%q, %q) error %v: want an error about the depths, naming no flag", bad[0], bad[1], err)
		}
	}
	// A bad spacing is the spacing's fault, not the depths'.
	for _, bad := range [][2]string{{"11", "cubic"}, {"10,20", "sigmoid"}} {
		_, err := ParseDepths(bad[0], bad[1])
		var se *SettingError
		if !errors.As(err, &se) || se.Setting != "depth-spacing" {
			t.Errorf("ParseDepths(%q, %q) error %v: want a depth-spacing setting error", bad[0], bad[1], err)
		}
	}
}
