package runner

import (
	"fmt"
	"slices"
	"strings"

	"niah/results"
)

// PlannedIDs are the ids of the trials a run's manifest planned: every
// trial of its grid for each of its models, or its shard's part of them
// (the same split ShardSource makes, from the grid alone). ok is false for
// an adaptive search, whose trials its own results decide.
func PlannedIDs(m *results.Manifest) (ids []string, ok bool, err error) {
	if m.Adaptive != nil {
		return nil, false, nil
	}
	var src Source = GridSource(Grid{Lengths: m.Lengths, Depths: m.Depths, Trials: m.Trials}, len(m.Models))
	if m.Shard != "" {
		s, err := ParseShard(m.Shard)
		if err != nil {
			return nil, false, fmt.Errorf("shard %w", err)
		}
		src = &shardSource{src: src, s: s}
	}
	for _, t := range src.Start(nil) {
		ids = append(ids, TrialID(m.Models[t.Job].Label, m.Task, m.Seed, t.Item))
	}
	return ids, true, nil
}

// MergeGaps says, one line each, why parts do not make the whole run they
// came from: trials of the whole run that no part holds, and what explains
// them (a shard missing or given twice, parts of different shardings, a
// part another run is still writing (writing[i]), a part whose run did not
// finish). What is odd but loses nothing (a shard given twice beside the
// whole) comes back as notes. merged is the merged manifest, whole the
// merged records. An adaptive search's trials are not known in advance:
// its parts are judged by what is odd about them alone.
func MergeGaps(parts []results.Part, writing []bool, merged *results.Manifest, whole []results.Record) (gaps, notes []string) {
	why := shardGaps(parts)
	for i, p := range parts {
		planned, ok, err := PlannedIDs(p.Manifest)
		switch {
		case i < len(writing) && writing[i] && ok && err == nil:
			why = append(why, fmt.Sprintf("%s is still being written by another niah run: %d of its %d trials so far", partName(p), countIn(planned, p.Records), len(planned)))
		case i < len(writing) && writing[i]:
			why = append(why, fmt.Sprintf("%s is still being written by another niah run", partName(p)))
		case err != nil:
			why = append(why, fmt.Sprintf("%s: %v", partName(p), err))
		case ok:
			if have := countIn(planned, p.Records); have < len(planned) {
				why = append(why, fmt.Sprintf("%s holds %d of its %d trials (its run did not finish: rerun its command to resume it)", partName(p), have, len(planned)))
			}
		}
	}
	planned, ok, err := PlannedIDs(merged)
	switch {
	case err != nil || !ok:
		return why, nil
	case countIn(planned, whole) < len(planned):
		missing := len(planned) - countIn(planned, whole)
		return append([]string{fmt.Sprintf("%d of the run's %d trials are in no part", missing, len(planned))}, why...), nil
	}
	return nil, why
}

// shardGaps checks the shards of the parts make one whole sharding: one
// count of parts, each part once, none missing. Unsharded parts (whole
// runs) are not shards.
func shardGaps(parts []results.Part) []string {
	var gaps []string
	byShard := map[string][]string{}
	counts := map[int][]string{}
	for _, p := range parts {
		s, err := ParseShard(p.Manifest.Shard)
		if p.Manifest.Shard == "" || err != nil {
			continue
		}
		byShard[s.String()] = append(byShard[s.String()], p.Path)
		counts[s.Count] = append(counts[s.Count], partName(p))
	}
	ns := make([]int, 0, len(counts))
	for n := range counts {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	if len(ns) > 1 {
		var each []string
		for _, n := range ns {
			each = append(each, fmt.Sprintf("into %d (%s)", n, strings.Join(counts[n], ", ")))
		}
		gaps = append(gaps, "the parts come from different shardings, "+strings.Join(each, " and ")+": merge the parts of one --shards n")
	}
	for _, n := range ns {
		for i := range n {
			s := Shard{Index: i, Count: n}.String()
			switch paths := byShard[s]; {
			case len(paths) == 0:
				gaps = append(gaps, "shard "+s+" is missing")
			case len(paths) > 1:
				gaps = append(gaps, fmt.Sprintf("shard %s is given %d times (%s)", s, len(paths), strings.Join(paths, ", ")))
			}
		}
	}
	return gaps
}

func partName(p results.Part) string {
	if p.Manifest.Shard != "" {
		return p.Path + " (shard " + p.Manifest.Shard + ")"
	}
	return p.Path
}

// countIn counts the ids that some record holds.
func countIn(ids []string, recs []results.Record) int {
	have := make(map[string]bool, len(recs))
	for _, r := range recs {
		have[r.ID] = true
	}
	n := 0
	for _, id := range ids {
		if have[id] {
			n++
		}
	}
	return n
}
