package render

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"niah/stats"
)

// refusedNote says how many trials the API blocked or the model declined,
// by the server's own reason; "" when none was.
func refusedNote(r stats.Refused) string {
	if r.Trials == 0 {
		return ""
	}
	keys := slices.Sorted(maps.Keys(r.By))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, r.By[k])
	}
	return fmt.Sprintf("refused: %d trials were blocked by the API or declined by the model (%s); they measured no retrieval and are left out of accuracy",
		r.Trials, strings.Join(parts, ", "))
}
