// Package haystack turns a corpus into prompts of exact length: tokenizers,
// the token index of a corpus (cached on disk), and needle placement.
package haystack

// Tokenizer counts tokens the way one model family does.
// Implementations must be safe for concurrent use.
type Tokenizer interface {
	// Name identifies the tokenizer in records and cache keys, e.g. "cl100k",
	// "o200k", "bytes", "gguf:<sha256 prefix>", "hf:<sha256 prefix>".
	Name() string
	// Count returns the number of tokens of text, without special tokens
	// (no BOS/EOS). Local tokenizers never fail; server-backed ones may.
	Count(text string) (int, error)
}

// BoundaryCounter is a Remote tokenizer that counts a long text up to
// many byte offsets at once (bounds ascending, within text): the index
// then counts in large chunks, a request each, instead of a request per
// sentence.
type BoundaryCounter interface {
	Remote
	CountBoundaries(text string, bounds []int) ([]int, error)
}

// Remote marks tokenizers that count through a server (a request per
// Count): the index keeps many requests in flight for them.
type Remote interface {
	Tokenizer
	Remote()
}

// IndexKeyed is implemented by tokenizers whose Name, kept stable for
// records, does not identify their vocabulary (a server's tokenizer is
// named after the server kind and the model name it was asked for, and
// llama.cpp answers to any name). The cache keys their index by IndexKey.
type IndexKeyed interface {
	Tokenizer
	IndexKey() string
}

// indexKey is what an index of tok is cached under.
func indexKey(tok Tokenizer) string {
	if k, ok := tok.(IndexKeyed); ok {
		return k.IndexKey()
	}
	return tok.Name()
}
