package runner

import "testing"

// The parts of any split are disjoint and cover every trial, the same
// whatever order the trials come in, and each part is a contiguous run
// of the prefix order (so a shard's prompts share their prefixes).
func TestShardsAreDisjointCompleteAndContiguous(t *testing.T) {
	g := Grid{Lengths: []int{1000, 3000, 7000}, Depths: []float64{0, 25, 50, 75, 100}, Trials: 2}
	src := GridSource(g, 2)
	for _, n := range []int{1, 2, 3, 7, 64} {
		owner := map[ModelItem]int{}
		for i := range n {
			s, err := ShardSource(src, Shard{i, n})
			if err != nil {
				t.Fatal(err)
			}
			part := s.Start(nil)
			for k, tr := range part {
				if prev, dup := owner[tr]; dup {
					t.Fatalf("%d parts: %v in parts %d and %d", n, tr, prev, i)
				}
				owner[tr] = i
				if k > 0 && prefixLess(tr, part[k-1]) {
					t.Errorf("%d parts: part %d is not in prefix order at %v", n, i, tr)
				}
			}
		}
		all := src.Start(nil)
		if len(owner) != len(all) {
			t.Errorf("%d parts cover %d of %d trials", n, len(owner), len(all))
		}
		// Contiguous: walking the prefix order, the owner never goes back.
		sorted := append([]ModelItem(nil), all...)
		for i := range sorted {
			for j := i + 1; j < len(sorted); j++ {
				if prefixLess(sorted[j], sorted[i]) {
					sorted[i], sorted[j] = sorted[j], sorted[i]
				}
			}
		}
		for k := 1; k < len(sorted); k++ {
			if owner[sorted[k]] < owner[sorted[k-1]] {
				t.Fatalf("%d parts: not contiguous at %v", n, sorted[k])
			}
		}
	}
}

func TestParseShard(t *testing.T) {
	for in, want := range map[string]string{"0/3": "0/3", "2/3": "2/3", " 1/2 ": "1/2"} {
		s, err := ParseShard(in)
		if err != nil || s.String() != want {
			t.Errorf("%q: %v %v", in, s, err)
		}
	}
	for _, bad := range []string{"3/3", "-1/3", "1", "a/b", "0/0"} {
		if _, err := ParseShard(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
