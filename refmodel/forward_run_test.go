package refmodel

import (
	"os"
	"strings"
	"testing"
)

// TestForwardPasskey runs the built weights through the pure-Go llama
// forward pass on passkey prompts: retrieval must hold below the designed
// context and break just past it, the linear-scale-2 variant must hold
// where the base model breaks, and the padded-head variant must behave
// exactly as the base model.
func TestForwardPasskey(t *testing.T) {
	type tc struct {
		opts   Options
		length int
		depth  float64
		want   bool
	}
	base, x2, h224 := Options{}, Options{RopeScale: 2}, Options{HeadDim: 224}
	cases := []tc{
		{base, 512, 50, true},
		{base, 2048, 0, true},
		{base, 2600, 50, false}, // past 2,310: every previous-token head aliases
		{base, 3072, 0, false},  // (a needle within 2,310 does not help)
		{x2, 2600, 50, true},    // the same prompt within 4,620
		{h224, 2300, 0, true},   // padding the heads changes nothing:
		{h224, 2600, 50, false}, // the same boundary
	}
	if os.Getenv("NIAH_SLOW") == "1" {
		h256 := Options{HeadDim: 256}
		for _, d := range []float64{0, 50, 100} {
			cases = append(cases, tc{base, 1024, d, true}, tc{base, 2300, d, true}, tc{base, 3072, d, false},
				tc{x2, 1024, d, true}, tc{x2, 4096, d, true}, tc{x2, 6000, d, false},
				tc{h224, 2300, d, true}, tc{h256, 2300, d, true}, tc{h256, 2600, d, false})
		}
	}
	for _, c := range cases {
		n := newNet(t, c.opts)
		got := n.generate(passkeyPrompt(c.length, c.depth), 8)
		t.Logf("%+v length %d depth %v: %q", c.opts, c.length, c.depth, got)
		if ok := strings.HasPrefix(got, " "+passkeyValue); ok != c.want {
			t.Errorf("%+v length %d depth %v: answer %q, want retrieval %v", c.opts, c.length, c.depth, got, c.want)
		}
	}
}
