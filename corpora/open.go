package corpora

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// noiseBytes is the size of the noise haystack Open returns: about 1.3M
// cl100k tokens, the same margin over 1M tokens as the builtin prose.
const noiseBytes = 5_000_000

// Info describes a built-in haystack for `niah corpora list`.
type Info struct {
	Name        string
	Description string
}

// List returns the built-in haystacks.
func List() []Info {
	return []Info{
		{"builtin", "generated English essays on dozens of everyday subjects, about 1.3M tokens, no passage repeated (the default)"},
		{"builtin:SEED", "the same generator with another seed: different text of the same kind"},
		{"noise", `"The grass is green. The sky is blue. ..." repeated: the llama.cpp passkey and RULER noise control`},
	}
}

// Open resolves a haystack name: "builtin", "builtin:SEED", "noise", or
// the path of a file or directory of the user's text.
func Open(spec string) (*Corpus, error) {
	switch {
	case spec == "" || spec == "builtin":
		return Builtin(0), nil
	case spec == "noise":
		return Noise(noiseBytes), nil
	case strings.HasPrefix(spec, "builtin:"):
		seed, err := strconv.ParseInt(strings.TrimPrefix(spec, "builtin:"), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q: the seed after builtin: must be a whole number", spec)
		}
		return Builtin(seed), nil
	}
	if _, err := os.Stat(spec); err == nil || strings.ContainsAny(spec, `/\.~`) {
		return FromPath(spec)
	}
	return nil, fmt.Errorf("%q: no such file or directory, and not one of builtin, builtin:SEED, noise", spec)
}
