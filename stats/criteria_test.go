package stats

import (
	"strings"
	"testing"

	"niah/internal/recordtest"
)

func TestExpectContextNamesLabel(t *testing.T) {
	depths := []float64{50}
	good := recordtest.Grid("good", []int{4096, 8192, 16384, 32768, 65536}, depths, 2, func(int, float64, int) float64 { return 1 })
	bad := recordtest.Grid("bad", []int{4096, 8192}, depths, 2, func(int, float64, int) float64 { return 0 })
	sums := Summarize(append(good, bad...))
	err := Criteria{}.ExpectContext(sums, 32768)
	if err == nil || !strings.HasPrefix(err.Error(), "bad: ") {
		t.Errorf("ExpectContext = %v, want an error naming label bad", err)
	}
	if err := (Criteria{}).ExpectContext(sums[:1], 65536); err != nil {
		t.Errorf("good reaches 64K, got %v", err)
	}
}
