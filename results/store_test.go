package results

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func storeRec(id string, status Status) *Record {
	return &Record{Schema: Schema, ID: id, Task: "single", Length: 4096, Status: status, Expected: []string{"1234567"}}
}

func TestStoreAppendsSyncsAndResumes(t *testing.T) {
	path := filepath.Join(t.TempDir(), ResultsFile)
	s, warns, err := OpenStore(path)
	if err != nil || len(warns) != 0 {
		t.Fatal(err, warns)
	}
	for _, r := range []*Record{storeRec("a", StatusOK), storeRec("b", StatusInvalid), storeRec("c", StatusError), storeRec("a", StatusOK)} {
		if err := s.Append(r); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	b, _ := os.ReadFile(path)
	if n := strings.Count(string(b), "\n"); n != 3 {
		t.Fatalf("%d lines written, want 3 (a duplicate id is dropped):\n%s", n, b)
	}
	s, _, err = OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Has("a") || !s.Has("b") || s.Has("c") || s.Has("d") {
		t.Fatalf("resume: settled a, b; error c is retried; d is new")
	}
	if err := s.Append(storeRec("c", StatusOK)); err != nil {
		t.Fatal(err)
	}
	recs, _, err := Load(path)
	if err != nil || len(recs) != 3 || recs[2].ID != "c" || recs[2].Status != StatusOK {
		t.Fatalf("the retried trial supersedes its error line: %+v %v", recs, err)
	}
}

func TestStoreCutsATornLastLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), ResultsFile)
	s, _, _ := OpenStore(path)
	s.Append(storeRec("a", StatusOK))
	s.Close()
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"schema":"niah.trial/1","id":"b","sta`) // killed mid-write
	f.Close()

	recs, warns, err := Load(path)
	if err != nil || len(recs) != 1 || len(warns) != 1 || !strings.Contains(warns[0], ":2: incomplete last line") {
		t.Fatalf("load: %d records, warnings %v, %v", len(recs), warns, err)
	}
	s, _, err = OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	s.Append(storeRec("b", StatusOK))
	s.Close()
	recs, warns, _ = Load(path)
	if len(recs) != 2 || len(warns) != 0 {
		t.Fatalf("after repair: %d records, warnings %v", len(recs), warns)
	}
}

func TestReadWarnsAndGoesOn(t *testing.T) {
	in := `{"schema":"niah.trial/1","id":"a","task":"single"}
not json
{"no":"id"}

{"schema":"niah.trial/1","id":"b","task":"single"}
`
	recs, warns, err := Read(strings.NewReader(in), "r.jsonl")
	if err != nil || len(recs) != 2 || len(warns) != 2 || !strings.HasPrefix(warns[0], "r.jsonl:2:") {
		t.Fatalf("%d records, warnings %q, %v", len(recs), warns, err)
	}
}

// A whole record that lost only its newline (killed between the two, or a
// hand edit) is a measured trial: resume keeps it and ends its line.
func TestStoreKeepsAWholeLastRecordWithoutNewline(t *testing.T) {
	path := filepath.Join(t.TempDir(), ResultsFile)
	s, _, _ := OpenStore(path)
	s.Append(storeRec("a", StatusOK))
	s.Close()
	b, _ := os.ReadFile(path)
	os.WriteFile(path, b[:len(b)-1], 0o644)

	s, warns, err := OpenStore(path)
	if err != nil || len(warns) != 0 || !s.Has("a") {
		t.Fatalf("open: %v %v, has a: %v", warns, err, s.Has("a"))
	}
	s.Append(storeRec("b", StatusOK))
	s.Close()
	got, _ := os.ReadFile(path)
	if want := string(b) + string(must(t, storeRec("b", StatusOK))); string(got) != want {
		t.Fatalf("file after resume:\n%s\nwant:\n%s", got, want)
	}
}

func must(t *testing.T, r *Record) []byte {
	t.Helper()
	line, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return append(line, '\n')
}
