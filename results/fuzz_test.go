package results

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// FuzzRead: any bytes read as records without panicking; every record kept
// has an id and ids are unique; every warning names the input.
func FuzzRead(f *testing.F) {
	rec, _ := json.Marshal(Record{Schema: Schema, ID: "a", Task: "single", Length: 4096, Depth: 50, Expected: []string{"7"}, Status: StatusOK})
	f.Add(append(append(rec, '\n'), rec...))
	f.Add([]byte(`{"id":"x","score":2}` + "\n" + `{"id":"y"`))
	f.Add([]byte("\x00\x01\x02binary\xff\n\n"))
	f.Add([]byte(`{"id":"x","length":-1,"depth":1e308}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, warns, err := Read(bytes.NewReader(data), "in.jsonl")
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, r := range recs {
			if r.ID == "" || seen[r.ID] {
				t.Fatalf("id %q empty or repeated", r.ID)
			}
			seen[r.ID] = true
		}
		for _, w := range warns {
			if !strings.HasPrefix(w, "in.jsonl") {
				t.Fatalf("warning %q", w)
			}
		}
	})
}
