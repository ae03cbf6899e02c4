package results

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// Store appends records to a results.jsonl file. Each Append writes one
// line and syncs it before returning, so a trial that was counted is on
// disk: a run killed at any moment resumes with no duplicate and no gap.
type Store struct {
	mu     sync.Mutex
	f      *os.File
	path   string
	done   map[string]bool
	loaded []Record
}

// OpenStore opens (or creates) path for appending and reads the IDs already
// recorded, so a rerun skips them. A torn last line (a crash mid-write) is
// cut off before new lines are appended, unless it is a whole record that
// only lacks its newline; other bad lines are warned about and ignored.
func OpenStore(path string) (*Store, []string, error) {
	recs, warns, err := Load(path)
	if err != nil && !os.IsNotExist(err) {
		return nil, nil, err
	}
	if err := cutTornTail(path); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, nil, err
	}
	s := &Store{f: f, path: path, done: make(map[string]bool, len(recs)), loaded: recs}
	for _, r := range recs {
		s.done[r.ID] = final(&r)
	}
	return s, warns, nil
}

// final reports whether a recorded trial is settled: graded, or invalid
// (the server cut or rejected it). Trials that ended in an error (rate
// limits, timeouts, a server down) are sent again by a rerun, and the new
// line supersedes the old one when records are loaded.
func final(r *Record) bool { return r.Status == StatusOK || r.Status == StatusInvalid }

// Loaded is the records the file held when it was opened (the latest
// record of each id): what a resumed run has already measured.
func (s *Store) Loaded() []Record { return s.loaded }

// Has reports whether a trial with this id is already recorded and settled.
func (s *Store) Has(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.done[id]
}

// Append writes r as one JSON line and syncs the file. A record whose id is
// already settled is dropped (never written twice).
func (s *Store) Append(r *Record) error {
	line, err := json.Marshal(r)
	if err != nil {
		return err
	}
	line = append(line, '\n')
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done[r.ID] {
		return nil
	}
	if _, err := s.f.Write(line); err != nil {
		return fmt.Errorf("%s: %w", s.path, err)
	}
	if err := s.f.Sync(); err != nil {
		return fmt.Errorf("%s: %w", s.path, err)
	}
	s.done[r.ID] = final(r)
	return nil
}

// Close closes the file.
func (s *Store) Close() error { return s.f.Close() }

// cutTornTail truncates a final line that has no newline (a write cut short).
func cutTornTail(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.Size() == 0 {
		return err
	}
	// Scan back from the end for the last newline, in blocks.
	const block = 64 << 10
	end := st.Size()
	buf := make([]byte, block)
	for pos := end; pos > 0; {
		n := int64(block)
		if pos < n {
			n = pos
		}
		pos -= n
		if _, err := f.ReadAt(buf[:n], pos); err != nil && err != io.EOF {
			return err
		}
		if i := bytes.LastIndexByte(buf[:n], '\n'); i >= 0 {
			if pos+int64(i)+1 == end {
				return nil
			}
			return endTail(f, pos+int64(i)+1, end)
		}
	}
	return endTail(f, 0, end)
}

// endTail ends the file's last line, from start to end, which lacks its
// newline: a whole record (the crash came between the record and its
// newline, or a hand edit) is kept and given its newline, as Read kept it;
// anything else is cut.
func endTail(f *os.File, start, end int64) error {
	if end-start <= maxKeptTail {
		tail := make([]byte, end-start)
		if _, err := f.ReadAt(tail, start); err != nil && err != io.EOF {
			return err
		}
		var rec Record
		if json.Unmarshal(tail, &rec) == nil && rec.ID != "" {
			_, err := f.WriteAt([]byte{'\n'}, end)
			return err
		}
	}
	return f.Truncate(start)
}

// maxKeptTail bounds the unterminated last line read back to check it.
const maxKeptTail = 64 << 20

// Load reads every record of a results.jsonl or gen file. Lines that do not
// parse (a torn last line, a hand edit) are skipped with a warning naming
// the file and line, so one bad line never loses a run. Later records with
// an id already seen replace earlier ones.
func Load(path string) ([]Record, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	return Read(f, path)
}

// Read is Load on a stream; name is used in warnings.
func Read(r io.Reader, name string) ([]Record, []string, error) {
	var (
		recs  []Record
		warns []string
		index = map[string]int{}
	)
	br := bufio.NewReaderSize(r, 1<<20)
	for lineNo := 1; ; lineNo++ {
		line, err := br.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var rec Record
			if jerr := json.Unmarshal(line, &rec); jerr != nil || rec.ID == "" {
				if err == io.EOF {
					warns = append(warns, fmt.Sprintf("%s:%d: incomplete last line ignored", name, lineNo))
				} else {
					warns = append(warns, fmt.Sprintf("%s:%d: not a record, skipped", name, lineNo))
				}
			} else if i, ok := index[rec.ID]; ok {
				recs[i] = rec
			} else {
				index[rec.ID] = len(recs)
				recs = append(recs, rec)
			}
		}
		if err == io.EOF {
			return recs, warns, nil
		}
		if err != nil {
			return recs, warns, fmt.Errorf("%s: %w", name, err)
		}
	}
}

// ResultsFile is the records file inside a run directory.
const ResultsFile = "results.jsonl"

// ManifestFile is the manifest inside a run directory.
const ManifestFile = "manifest.json"

// LoadRun reads a run directory (results.jsonl and manifest.json) or a bare
// records file. The manifest is nil when there is none.
func LoadRun(path string) ([]Record, *Manifest, []string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, nil, err
	}
	file, dir := path, filepath.Dir(path)
	if st.IsDir() {
		file, dir = filepath.Join(path, ResultsFile), path
	}
	recs, warns, err := Load(file)
	if err != nil {
		return nil, nil, warns, err
	}
	m, err := ReadManifest(filepath.Join(dir, ManifestFile))
	if err != nil && !os.IsNotExist(err) {
		warns = append(warns, err.Error())
	}
	return recs, m, warns, nil
}
