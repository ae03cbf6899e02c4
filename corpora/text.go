package corpora

// FromText makes a corpus of text another package wrote (needle writes
// RULER's haystack of needles): name is what records and manifests call
// it, repeats whether the text repeats itself on purpose.
func FromText(name, text string, repeats bool) *Corpus { return newCorpus(name, text, repeats) }
