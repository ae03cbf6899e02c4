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

// CacheDir is where indexes are kept; tests point it at a temp dir. Empty
// disables the disk cache.
var CacheDir = defaultCacheDir()

func defaultCacheDir() string {
	if d := os.Getenv("NIAH_CACHE_DIR"); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "niah", "index")
}

var (
	memMu    sync.Mutex
	memCache = map[string]*Index{}
)

// IndexFor returns the index of text (whose SHA-256 is hash) in tok,
// covering at least need tokens when the text has them. It is safe for
// concurrent use; the same (corpus, tokenizer) is tokenized once per process
// and once per cache directory.
func IndexFor(text, hash string, tok Tokenizer, need int) (*Index, error) {
	key := hash + "-" + safeName(tok.Name())
	memMu.Lock()
	defer memMu.Unlock()
	ix := memCache[key]
	if ix == nil {
		ix = &Index{Text: text, Tokenizer: tok.Name()}
		if cuts, complete, err := readIndex(cachePath(key)); err == nil {
			ix.Cuts, ix.Complete = cuts, complete
		}
		memCache[key] = ix
	}
	if ix.Tokens() >= need || ix.Complete {
		return ix, nil
	}
	// Grow in generous steps so a run that adds a longer length later does
	// not re-count from a tight prefix each time.
	if err := ix.extend(tok, max(need+need/8, need+8192)); err != nil {
		return nil, err
	}
	if err := writeIndex(cachePath(key), ix.Cuts, ix.Complete); err != nil {
		// The cache is an optimisation; a read-only home must not stop a run.
		fmt.Fprintf(os.Stderr, "niah: warning: token index cache not written: %v\n", err)
	}
	return ix, nil
}

func cachePath(key string) string {
	if CacheDir == "" {
		return ""
	}
	return filepath.Join(CacheDir, key+".idx")
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

// ResetMemoryCache forgets the indexes held in memory (benchmarks measure
// cold starts with it).
func ResetMemoryCache() {
	memMu.Lock()
	defer memMu.Unlock()
	clear(memCache)
}
