package stats

import (
	"testing"

	"niah/results"
)

// RoPE settings the server reports are facts like the rest: a scaling
// factor on one side only, or two different bases, differ; a server that
// reports none says nothing about them.
func TestRopeFactsDiffer(t *testing.T) {
	plain := &results.ModelInfo{Kind: "ollama", Rope: map[string]string{"freq_base": "10000", "dimension_count": "204"}}
	scaled := &results.ModelInfo{Kind: "ollama", Rope: map[string]string{"freq_base": "10000", "dimension_count": "204", "scaling.factor": "2", "scaling.type": "linear"}}
	diff := FactsDiffer(FactsOf(plain, scaled))
	if len(diff) != 2 || diff[0].Name != "rope scaling.factor" || diff[0].A != "unset" || diff[0].B != "2" || diff[1].Name != "rope scaling.type" {
		t.Errorf("differing facts %+v", diff)
	}
	if d := FactsDiffer(FactsOf(plain, plain)); len(d) != 0 {
		t.Errorf("the same model differs: %+v", d)
	}
	if d := FactsDiffer(FactsOf(plain, &results.ModelInfo{Kind: "ollama"})); len(d) != 0 {
		t.Errorf("a server that reports no RoPE fields differs: %+v", d)
	}
}
