package runner

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"niah/provider"
	"niah/results"
)

// RunDir is an open run directory: its manifest written and its records
// store open for appending. A run resumes by opening the same directory.
type RunDir struct {
	Path     string
	Store    *results.Store
	Manifest *results.Manifest
	lock     *os.File // the held write lock (see lockDir)
}

// MismatchError says a directory holds another run: resuming is only sound
// when the prompts would be the same.
type MismatchError struct {
	Dir, What, Old, New string
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("%s holds a run with %s %s, this run has %s", e.Dir, e.What, e.Old, e.New)
}

// OpenRunDir creates or resumes the run directory dir for the run that man
// describes. resume=false starts over (the old records are removed); a
// resumed directory must hold the same run (task, seed, haystack,
// tokenizer), or a *MismatchError says what differs. One process writes
// a directory at a time: while another holds it, a *BusyError. The warnings are
// about unreadable record lines, which are skipped.
func OpenRunDir(dir string, man *results.Manifest, resume bool) (*RunDir, []string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, nil, err
	}
	lock, err := lockDir(dir) // one writer: before anything is read or removed
	if err != nil {
		return nil, nil, err
	}
	rd, warns, err := openLocked(dir, man, resume)
	if err != nil {
		if lock != nil {
			lock.Close()
		}
		return nil, nil, err
	}
	rd.lock = lock
	return rd, warns, nil
}

func openLocked(dir string, man *results.Manifest, resume bool) (*RunDir, []string, error) {
	recordsPath := filepath.Join(dir, results.ResultsFile)
	manifestPath := filepath.Join(dir, results.ManifestFile)
	if !resume {
		if err := os.Remove(recordsPath); err != nil && !os.IsNotExist(err) {
			return nil, nil, err
		}
	} else if err := sameRun(manifestPath, man, dir); err != nil {
		return nil, nil, err
	}
	store, warns, err := results.OpenStore(recordsPath)
	if err != nil {
		return nil, nil, err
	}
	if err := results.WriteManifest(manifestPath, man); err != nil {
		store.Close()
		return nil, nil, err
	}
	return &RunDir{Path: dir, Store: store, Manifest: man}, warns, nil
}

// Close closes the records store and releases the directory.
func (d *RunDir) Close() error {
	err := d.Store.Close()
	if d.lock != nil {
		d.lock.Close() // closing the last descriptor drops the flock
	}
	return err
}

func sameRun(path string, m *results.Manifest, dir string) error {
	old, err := results.ReadManifest(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	diff := func(what, a, b string) error { return &MismatchError{Dir: dir, What: what, Old: a, New: b} }
	switch {
	case old.Task != m.Task:
		return diff("task", old.Task, m.Task)
	case old.Seed != m.Seed:
		return diff("seed", fmt.Sprint(old.Seed), fmt.Sprint(m.Seed))
	case old.CorpusHash != m.CorpusHash:
		return diff("haystack", old.Haystack, m.Haystack)
	case old.Tokenizer != m.Tokenizer:
		return diff("tokenizer", old.Tokenizer, m.Tokenizer)
	case old.Counts() != m.Counts():
		// The same length is another prompt under the other meaning.
		return diff("lengths counting", results.CountsWords(old.Counts()), results.CountsWords(m.Counts()))
	case (old.Adaptive == nil) != (m.Adaptive == nil):
		// A grid resumed as a search, or the reverse, would leave records
		// whose lengths neither the grid nor the search explains.
		return diff("mode", searchMode(old), searchMode(m))
	case old.Shard != m.Shard:
		return diff("shard", shardName(old.Shard), shardName(m.Shard))
	}
	return nil
}

func searchMode(m *results.Manifest) string {
	if m.Adaptive != nil {
		return "adaptive search"
	}
	return "full grid"
}

func shardName(s string) string {
	if s == "" {
		return "(whole run)"
	}
	return s
}

// manifest describes a run of the plan on the prepared models.
func (p Plan) manifest(models []*Model) *results.Manifest {
	m := &results.Manifest{
		Schema: "niah.manifest/1", Created: time.Now().UTC().Format(time.RFC3339), Tool: p.Tool, Args: p.Args,
		Task: p.Task.Name(), Lengths: p.Grid.Lengths, Depths: p.Grid.Depths, Trials: p.Grid.Trials,
		Seed: *p.Seed, MaxTokens: p.MaxTokens, Options: p.Options, Order: string(p.Order), Concurrency: p.Concurrency,
		Adaptive: p.Search, LengthCounts: p.LengthCounts,
	}
	if p.Shard != nil {
		m.Shard = p.Shard.String()
	}
	for _, md := range models {
		m.Models = append(m.Models, md.Info)
		m.Warnings = append(m.Warnings, md.Warnings...)
	}
	if len(models) > 0 {
		m.Haystack, m.CorpusHash = haystacksOf(models[0].Jobs)
		pr := models[0].Job.Prompter
		m.Tokenizer = pr.Tok.Name()
		if left, total, ok := pr.PairsLeftOut(); ok {
			m.Pairs = &results.PairCount{Total: total, LeftOut: left}
		}
	}
	return m
}

// DefaultLabels names each model by its spec without the server URL,
// unless two models of the run would then look alike: those are named by
// their spec as given, without secrets (labels reach records and reports).
func DefaultLabels(specs []provider.Spec) []string {
	out := make([]string, len(specs))
	seen := map[string]int{}
	for i, s := range specs {
		out[i] = s.Label()
		seen[out[i]]++
	}
	for i, s := range specs {
		if seen[out[i]] > 1 {
			out[i] = s.Written()
		}
	}
	return out
}

// DefaultDir is where a run goes unless told: runs/LABEL-TASK, with the
// number of further models when there are several.
func DefaultDir(labels []string, task string) string {
	dir := filepath.Join("runs", Slug(labels[0])+"-"+task)
	if len(labels) > 1 {
		dir += fmt.Sprintf("-and-%d-more", len(labels)-1)
	}
	return dir
}

// Slug makes a label safe as a directory name: anything but letters,
// digits, '-' and '.' becomes '_'.
func Slug(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			b[i] = '_'
		}
	}
	return strings.Trim(string(b), "._")
}
