package stats

import (
	"slices"
	"strconv"

	"niah/results"
)

// Fact is one thing a server reported about the model it served, as the
// run's manifest recorded it.
type Fact struct {
	Name string // "server", "version", "context", "context source", "slots"
	A, B string // each side's value, "" when it did not say
}

// FactsOf lists what the servers of two runs reported, side by side. Two
// nil infos (no manifest) give nothing: nothing is known.
func FactsOf(a, b *results.ModelInfo) []Fact {
	if a == nil && b == nil {
		return nil
	}
	get := func(mi *results.ModelInfo) []string {
		if mi == nil {
			return make([]string, 5)
		}
		return []string{mi.Kind, mi.Version, count(mi.ContextLength), mi.ContextSource, count(mi.TotalSlots)}
	}
	names := []string{"server", "version", "context", "context source", "slots"}
	va, vb := get(a), get(b)
	var out []Fact
	for i, n := range names {
		if va[i] != "" || vb[i] != "" {
			out = append(out, Fact{Name: n, A: va[i], B: vb[i]})
		}
	}
	// RoPE settings, where the server reports them (Ollama: the GGUF's
	// rope keys): a scaling that reached the model shows here.
	rope := func(mi *results.ModelInfo, k string) string {
		switch {
		case mi == nil || mi.Rope == nil:
			return "" // the server reports no RoPE settings
		case mi.Rope[k] == "":
			return "unset" // it does, and this one is not set
		}
		return mi.Rope[k]
	}
	var keys []string
	for _, mi := range []*results.ModelInfo{a, b} {
		if mi != nil {
			for k := range mi.Rope {
				if !slices.Contains(keys, k) {
					keys = append(keys, k)
				}
			}
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		out = append(out, Fact{Name: "rope " + k, A: rope(a, k), B: rope(b, k)})
	}
	return out
}

func count(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// FactsDiffer are the facts on which two servers disagree: both said,
// and said different things.
func FactsDiffer(fs []Fact) []Fact {
	var out []Fact
	for _, f := range fs {
		if f.A != "" && f.B != "" && f.A != f.B {
			out = append(out, f)
		}
	}
	return out
}
