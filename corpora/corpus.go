// Package corpora provides haystack text: the built-in generated prose, the
// noise control, and the user's own files.
package corpora

// Corpus is haystack text ready for tokenizing. Text is plain UTF-8 prose
// whose paragraphs are separated by a blank line ("\n\n").
type Corpus struct {
	Name string // "builtin", "noise", "file:/abs/path" or "dir:/abs/path"
	Text string
	// Hash is the hex SHA-256 of Text: the cache key of its token index and
	// the corpus fingerprint recorded in manifests.
	Hash string
	// Repeats is true when the text is known to repeat itself (noise, or a
	// user corpus repeated on request): needle keys and values are still
	// checked absent, but unique-passage checks do not apply.
	Repeats bool
}
