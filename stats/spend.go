package stats

import "niah/results"

// Spend is what an adaptive search spent against the full grid it stands
// in for.
type Spend struct {
	Trials int
	// Spent is the prompt tokens of the trials; Full is about what the
	// manifest's whole grid would send every model (each length times
	// its cells and trials).
	Spent, Full int
}

// SpendOf sums the search recs records under the grid of m.
func SpendOf(recs []results.Record, m *results.Manifest) Spend {
	s := Spend{Trials: len(recs)}
	for _, l := range m.Lengths {
		s.Full += l * len(m.Depths) * max(m.Trials, 1)
	}
	s.Full *= max(len(m.Models), 1)
	for i := range recs {
		s.Spent += recs[i].PromptTokens
	}
	return s
}

// Percent is Spent as a percentage of Full.
func (s Spend) Percent() float64 { return 100 * float64(s.Spent) / float64(max(s.Full, 1)) }
