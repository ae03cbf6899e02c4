package refmodel

import (
	"os"
	"strings"
	"testing"
)

// TestForwardPasskey runs the built weights through the pure-Go llama
// forward pass on passkey prompts: retrieval must hold below the designed
// context and break just past it, and the linear-scale-2 variant must hold
// where the base model breaks.
func TestForwardPasskey(t *testing.T) {
	type tc struct {
		scale  float64
		length int
		depth  float64
		want   bool
	}
	cases := []tc{
		{1, 512, 50, true},
		{1, 2048, 0, true},
		{1, 2600, 50, false}, // past 2,310: every previous-token head aliases
		{1, 3072, 0, false},  // (a needle within 2,310 does not help)
		{2, 2600, 50, true},  // the same prompt within 4,620
	}
	if os.Getenv("NIAH_SLOW") == "1" {
		for _, d := range []float64{0, 50, 100} {
			cases = append(cases, tc{1, 1024, d, true}, tc{1, 2300, d, true}, tc{1, 3072, d, false},
				tc{2, 1024, d, true}, tc{2, 4096, d, true}, tc{2, 6000, d, false})
		}
	}
	for _, c := range cases {
		n := newNet(t, Options{RopeScale: c.scale})
		got := n.generate(passkeyPrompt(c.length, c.depth), 8)
		t.Logf("scale %v length %d depth %v: %q", c.scale, c.length, c.depth, got)
		if ok := strings.HasPrefix(got, " "+passkeyValue); ok != c.want {
			t.Errorf("scale %v length %d depth %v: answer %q, want retrieval %v", c.scale, c.length, c.depth, got, c.want)
		}
	}
}
