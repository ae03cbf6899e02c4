package render

import (
	"fmt"

	"niah/stats"
	"niah/units"
)

// ReuseNote says, for a model whose server reused no shared prefix though
// its prompts shared one, that reuse fell to 0 and what to do; "" otherwise.
func ReuseNote(u stats.Reuse) string {
	if u.Kind != stats.ReuseNone {
		return ""
	}
	how := "the server computed every token"
	if u.FromTimes {
		how = "the server's prefill times follow the whole prompts, not the parts after their shared prefixes"
	}
	return fmt.Sprintf("prefix reuse fell to 0 for %s: consecutive prompts shared %d%% of the %s tokens sent, yet %s. "+
		"A sliding-window model loses its prefix where the server keeps only the window of its sliding layers: "+
		"start llama-server with --swa-full; Ollama's own engine (gemma3, or OLLAMA_NEW_ENGINE=1) keeps no more for such models, "+
		"its llama.cpp runner (the default for gemma2) keeps the whole cache. Otherwise check the server's prefix-cache setting, "+
		"and keep --order prefix and --concurrency 1",
		u.Label, int(100*float64(u.Shared)/float64(u.Sent)), units.FormatCount(u.Sent), how)
}
