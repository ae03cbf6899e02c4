package haystack

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Indexes are cached on disk under the user cache directory, keyed by the
// corpus hash and the tokenizer name: a corpus is tokenized once per
// tokenizer, ever, and only as far as the longest prompt needs.

const indexMagic = "niah-index-v1\n"

// Cache holds token indexes in memory and, when Dir is set, on disk. It is
// safe for concurrent use: the same (corpus, tokenizer) is tokenized once
// per Cache and once per directory.
type Cache struct {
	Dir   string // "" keeps indexes in memory only
	mu    sync.Mutex
	mem   map[string]*Index
	warns []string
}

// NewCache keeps indexes under dir ("" for memory only).
func NewCache(dir string) *Cache { return &Cache{Dir: dir} }

// DefaultDir is where indexes are kept between runs: $NIAH_CACHE_DIR, or
// niah/index under the user's cache directory ("" when there is none:
// memory only). The caller makes the cache and passes it on.
func DefaultDir() string {
	if d := os.Getenv("NIAH_CACHE_DIR"); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "niah", "index")
}

// IndexFor returns the index of text (whose SHA-256 is hash) in tok,
// covering at least need tokens when the text has them.
func (c *Cache) IndexFor(text, hash string, tok Tokenizer, need int) (*Index, error) {
	key := hash + "-" + safeName(indexKey(tok))
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.mem == nil {
		c.mem = map[string]*Index{}
	}
	ix := c.mem[key]
	if ix == nil {
		ix = &Index{Text: text, Tokenizer: tok.Name()}
		if cuts, complete, err := readIndex(c.path(key)); err == nil {
			ix.Cuts, ix.Complete = cuts, complete
		}
		c.mem[key] = ix
	}
	if ix.Tokens() >= need || ix.Complete {
		return ix, nil
	}
	// Grow in generous steps so a run that adds a longer length later does
	// not re-count from a tight prefix each time.
	if err := ix.extend(tok, max(need+need/8, need+8192)); err != nil {
		return nil, err
	}
	if err := writeIndex(c.path(key), ix.Cuts, ix.Complete); err != nil {
		// The cache is an optimisation; a read-only home must not stop a run.
		c.warns = append(c.warns, fmt.Sprintf("token index cache not written: %v", err))
	}
	return ix, nil
}

// Warnings returns, once each, what went wrong with the disk cache.
func (c *Cache) Warnings() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	w := c.warns
	c.warns = nil
	return w
}

func (c *Cache) path(key string) string {
	if c.Dir == "" {
		return ""
	}
	return filepath.Join(c.Dir, key+".idx")
}

// safeName keeps a tokenizer name usable as a file name.
func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.':
			return r
		}
		return '_'
	}, s)
}

func readIndex(path string) ([]Cut, bool, error) {
	if path == "" {
		return nil, false, os.ErrNotExist
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	magic := make([]byte, len(indexMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != indexMagic {
		return nil, false, errors.New("not an index file")
	}
	var hdr struct {
		N        uint32
		Complete uint32
	}
	if err := binary.Read(r, binary.LittleEndian, &hdr); err != nil {
		return nil, false, err
	}
	cuts := make([]Cut, hdr.N)
	if err := binary.Read(r, binary.LittleEndian, cuts); err != nil {
		return nil, false, err
	}
	return cuts, hdr.Complete == 1, nil
}

func writeIndex(path string, cuts []Cut, complete bool) error {
	if path == "" {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".idx-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(tmp)
	w.WriteString(indexMagic)
	c := uint32(0)
	if complete {
		c = 1
	}
	binary.Write(w, binary.LittleEndian, [2]uint32{uint32(len(cuts)), c})
	binary.Write(w, binary.LittleEndian, cuts)
	if err := w.Flush(); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
