package results

import "fmt"

// What a run's lengths count. A length is either the window a trial
// occupies (RULER's rule, and niah's default) or the prompt alone.
const (
	// CountsWindow: the prompt as the server counts it (template
	// included) plus the answer budget, so a 128K length fits a 128K
	// server.
	CountsWindow = "window"
	// CountsPrompt: the prompt alone. Manifests and records written before
	// lengths said what they count counted this way.
	CountsPrompt = "prompt"
)

// Counts is what the manifest's lengths count; a manifest without the
// field is an old run's, whose lengths counted the prompt.
func (m *Manifest) Counts() string {
	if m == nil || m.LengthCounts == "" {
		return CountsPrompt
	}
	return m.LengthCounts
}

// Counts is what the record's length counts; a record without the field
// is an old run's, whose lengths counted the prompt.
func (r *Record) Counts() string {
	if r.LengthCounts == "" {
		return CountsPrompt
	}
	return r.LengthCounts
}

// CountsWords is what a length counts, in words for headers and errors.
func CountsWords(counts string) string {
	if counts == CountsWindow {
		return "prompt + answer budget"
	}
	return "prompt alone"
}

// CountsOf is the one thing the lengths of recs count. Records of runs
// that count lengths differently cannot share an axis: an error says how
// many count each way.
func CountsOf(recs []Record) (string, error) {
	n := map[string]int{}
	first := ""
	for i := range recs {
		c := recs[i].Counts()
		if first == "" {
			first = c
		}
		n[c]++
	}
	if len(n) > 1 {
		return "", fmt.Errorf("the records count lengths two ways (%d as the %s, %d as the %s): report them apart",
			n[CountsWindow], CountsWords(CountsWindow), n[CountsPrompt], CountsWords(CountsPrompt))
	}
	if first == "" {
		first = CountsWindow
	}
	return first, nil
}
