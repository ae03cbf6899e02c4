package runner

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"

	"niah/results"
)

// Shard is part Index (0-based, as Kubernetes' JOB_COMPLETION_INDEX) of
// Count parts of a run's trials.
type Shard struct{ Index, Count int }

func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// ParseShard reads "i/n": part i (0 ≤ i < n) of n.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(s), "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("%q: want i/n, e.g. 0/3 (parts are numbered from 0)", s)
	}
	sh := Shard{Index: i, Count: n}
	return sh, sh.check()
}

// JobIndexEnv names the part of a Kubernetes Indexed Job's pod.
const JobIndexEnv = "JOB_COMPLETION_INDEX"

// ResolveShard is the part a run is asked for: shard ("i/n"), or part
// $JOB_COMPLETION_INDEX of shards parts; nil when neither is given. Its
// errors are *SettingError naming shard or shards.
func ResolveShard(shard string, shards int, getenv func(string) string) (*Shard, error) {
	switch {
	case shard != "" && shards != 0:
		return nil, badSetting("shard", fmt.Errorf("give one of shard and shards (shards takes the part from $%s)", JobIndexEnv))
	case shard != "":
		s, err := ParseShard(shard)
		if err != nil {
			return nil, badSetting("shard", err)
		}
		return &s, nil
	case shards != 0:
		v := getenv(JobIndexEnv)
		if v == "" {
			return nil, badSetting("shards", fmt.Errorf("%d: $%s is not set (it names the part, from 0; or give shard i/n)", shards, JobIndexEnv))
		}
		i, err := strconv.Atoi(v)
		if err != nil {
			return nil, badSetting("shards", fmt.Errorf("$%s=%q: not a number", JobIndexEnv, v))
		}
		s, err := ParseShard(fmt.Sprintf("%d/%d", i, shards))
		if err != nil {
			return nil, badSetting("shards", fmt.Errorf("%d with $%s=%d: %w", shards, JobIndexEnv, i, err))
		}
		return &s, nil
	}
	return nil, nil
}

func (s Shard) check() error {
	switch {
	case s.Count < 1:
		return fmt.Errorf("%d parts: want at least 1", s.Count)
	case s.Index < 0 || s.Index >= s.Count:
		return fmt.Errorf("part %d of %d: parts are numbered 0 to %d", s.Index, s.Count, s.Count-1)
	}
	return nil
}

// ShardSource hands over this shard's part of what src hands over. The
// parts are disjoint, cover every trial, and depend on the trials alone
// (not on the machine or the order they come in), so n processes with the
// same flags and indexes 0..n-1 split a run exactly.
//
// A part is a contiguous run of the prefix order: trials sorted, per
// model, by where their needle sits (depth × length, the token offset
// up to which every prompt of the run is the same), then cut into n
// slices. Each shard's prompts share long prefixes with each other, so
// its server's prefix cache still pays off. Trials a source adds later
// (an adaptive search) go to the shard their cell hashes to.
func ShardSource(src Source, s Shard) (Source, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	return &shardSource{src: src, s: s}, nil
}

type shardSource struct {
	src Source
	s   Shard
}

func (sh *shardSource) Start(recorded []results.Record) []ModelItem {
	all := sh.src.Start(recorded)
	sorted := append([]ModelItem(nil), all...)
	sort.SliceStable(sorted, func(a, b int) bool { return prefixLess(sorted[a], sorted[b]) })
	var out []ModelItem
	for k, t := range sorted {
		if k*sh.s.Count/len(sorted) == sh.s.Index {
			out = append(out, t)
		}
	}
	return out
}

func (sh *shardSource) Observe(rec *results.Record) []ModelItem {
	var out []ModelItem
	for _, t := range sh.src.Observe(rec) {
		h := fnv.New32a()
		fmt.Fprintf(h, "%d/%d/%g", t.Job, t.Item.Length, t.Item.Depth)
		if int(h.Sum32()%uint32(sh.s.Count)) == sh.s.Index {
			out = append(out, t)
		}
	}
	return out
}

// prefixLess orders trials by model, then the needle's approximate token
// offset, then length, depth and trial: the prefix order, computed from
// the grid alone.
func prefixLess(a, b ModelItem) bool {
	if a.Job != b.Job {
		return a.Job < b.Job
	}
	oa, ob := a.Item.Depth*float64(a.Item.Length), b.Item.Depth*float64(b.Item.Length)
	switch {
	case oa != ob:
		return oa < ob
	case a.Item.Length != b.Item.Length:
		return a.Item.Length < b.Item.Length
	case a.Item.Depth != b.Item.Depth:
		return a.Item.Depth < b.Item.Depth
	}
	return a.Item.Trial < b.Item.Trial
}
