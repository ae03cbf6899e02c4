package results

import (
	"strings"
	"testing"
)

func TestScreenDropsImpossibleRecordsWithOneWarningPerKind(t *testing.T) {
	ok := Record{ID: "ok", Length: 4096, Depth: 50, Score: 1}
	bad := []Record{
		{ID: "s1", Length: 4096, Depth: 50, Score: 1.333}, {ID: "s2", Length: 4096, Depth: 50, Score: -0.5},
		{ID: "l1", Length: 0, Score: 1}, {ID: "l2", Length: -4096}, {ID: "l3", Length: MaxLength + 1},
		{ID: "d1", Length: 4096, Depth: -1}, {ID: "d2", Length: 4096, Depth: 250},
	}
	kept, warns := Screen(append([]Record{ok}, bad...), "r.jsonl")
	if len(kept) != 1 || kept[0].ID != "ok" {
		t.Fatalf("kept %+v", kept)
	}
	want := []string{"r.jsonl: 2 records with a score outside 0..1 skipped",
		"r.jsonl: 3 records with a length that is not between 1 and 134217728 tokens skipped",
		"r.jsonl: 2 records with a depth outside 0..100% skipped"}
	if strings.Join(warns, "\n") != strings.Join(want, "\n") {
		t.Fatalf("warnings\n%s", strings.Join(warns, "\n"))
	}
}
