package runner

import (
	"sync"

	"niah/haystack"
)

// countCache remembers token counts of the short strings every prompt
// repeats (instructions, question lead-ins): server-backed tokenizers cost a
// request per count.
type countCache struct {
	tok haystack.Tokenizer
	mu  sync.Mutex
	m   map[string]int
}

func newCountCache(tok haystack.Tokenizer) *countCache {
	return &countCache{tok: tok, m: map[string]int{}}
}

func (c *countCache) count(s string) (int, error) {
	c.mu.Lock()
	n, ok := c.m[s]
	c.mu.Unlock()
	if ok {
		return n, nil
	}
	n, err := c.tok.Count(s)
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	if len(c.m) > 4096 { // needles differ per trial; keep the map small
		clear(c.m)
	}
	c.m[s] = n
	c.mu.Unlock()
	return n, nil
}
