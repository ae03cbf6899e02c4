package gguf

import (
	"bytes"
	"testing"
)

// FuzzRead: any bytes either read as a GGUF header or are refused with an
// error; a corrupt header never panics or allocates without bound.
func FuzzRead(f *testing.F) {
	var buf bytes.Buffer
	if err := Write(&buf, sampleKVs, nil); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(buf.Bytes()[:40])
	f.Add([]byte("GGUF\x03\x00\x00\x00"))
	f.Add([]byte("not a model"))
	f.Fuzz(func(t *testing.T, data []byte) {
		gf, err := Read(bytes.NewReader(data))
		if err == nil && gf == nil {
			t.Fatal("no file and no error")
		}
	})
}
