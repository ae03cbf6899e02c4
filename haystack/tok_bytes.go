package haystack

// Bytes returns the tokenizer of byte-level vocabularies without merges,
// such as the project's hand-built test models: one token per byte.
func Bytes() Tokenizer { return bytesTokenizer{} }

type bytesTokenizer struct{}

func (bytesTokenizer) Name() string { return "bytes" }

// Count is the bytes the server receives: JSON turns each invalid byte into
// the three bytes of U+FFFD.
func (bytesTokenizer) Count(text string) (int, error) { return len(validUTF8(text)), nil }
