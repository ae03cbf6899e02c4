package needle

import (
	"slices"
	"strings"
)

// solveLists answers a cwe or fwe prompt as a reader who counts every
// word would: the most frequent words, most frequent first, as a comma
// list. ok is false for other prompts.
func solveLists(prompt string) (answer string, ok bool) {
	p := strings.TrimRight(prompt, " \t\r\n")
	var text string
	var top int
	switch {
	case strings.HasSuffix(p, cweQuestion):
		text, top = after(p[:len(p)-len(cweQuestion)], cweListStart), cweAnswers
	case strings.HasSuffix(p, fweQuestion):
		text, top = after(p[:len(p)-len(fweQuestion)], fweTextStart), fweAnswers
	default:
		return "", false
	}
	counts := map[string]int{}
	var order []string
	for _, f := range strings.Fields(text) {
		if f == fweNoise || strings.HasSuffix(f, ".") && strings.Trim(f, "0123456789.") == "" {
			continue // the dots, and the list's numbers
		}
		if counts[f] == 0 {
			order = append(order, f)
		}
		counts[f]++
	}
	slices.SortStableFunc(order, func(a, b string) int { return counts[b] - counts[a] })
	return strings.Join(order[:min(top, len(order))], ", "), true
}

// after is s after the last sep ("" when there is none).
func after(s, sep string) string {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return ""
	}
	return s[i+len(sep):]
}
