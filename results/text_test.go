package results

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestTextReportGolden(t *testing.T) {
	recs := append(sample("model-a", 4), sample("model-b", 2)...)
	var buf bytes.Buffer
	o := Options{Claimed: map[string]int{"model-a": 131072}}
	if err := WriteSummary(&buf, recs, o, ColorNone); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "\x1b[") {
		t.Error("plain mode wrote ANSI escapes")
	}
	golden(t, "report_sample.txt", buf.Bytes())
}

func TestTextColourModes(t *testing.T) {
	sums := Summarize(sample("m", 2))
	for mode, want := range map[ColorMode]string{ColorTrue: "\x1b[48;2;12;215;159m", Color256: "\x1b[48;5;"} {
		var buf bytes.Buffer
		if err := WriteText(&buf, sums, Options{}, mode); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), want) {
			t.Errorf("mode %d: no %q background in output", mode, want)
		}
	}
	if got := DetectColor(&bytes.Buffer{}); got != ColorNone {
		t.Errorf("DetectColor(buffer) = %d, want ColorNone", got)
	}
}
