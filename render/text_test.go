package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/internal/recordtest"
	"niah/stats"
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
	o := Options{Criteria: stats.Criteria{Claims: stats.Claims{"model-a": 131072}}}
	if err := WriteText(&buf, stats.Summarize(recs), o, ColorNone); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "\x1b[") {
		t.Error("plain mode wrote ANSI escapes")
	}
	golden(t, "report_sample.txt", buf.Bytes())
}

func TestTextColourModes(t *testing.T) {
	sums := stats.Summarize(sample("m", 2))
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

// Lengths that are not multiples of 1K print as plain numbers wider than
// the 4-column cells: the columns widen so each cell stays under its length.
func TestTextColumnsFitPlainLengths(t *testing.T) {
	sums := stats.Summarize(recordtest.Grid("m", []int{4096, 32000, 1000000}, []float64{0, 100}, 1, func(int, float64, int) float64 { return 1 }))
	var buf bytes.Buffer
	if err := WriteText(&buf, sums, Options{}, ColorNone); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	find := func(prefix string) string {
		for _, l := range lines {
			if strings.HasPrefix(strings.TrimLeft(l, " "), prefix) {
				return l
			}
		}
		t.Fatalf("no line starting %q in\n%s", prefix, buf.String())
		return ""
	}
	head, row := find("depth"), find("0%")
	if len(head) != len(row) {
		t.Errorf("heatmap header and row differ in width:\n%q\n%q", head, row)
	}
	// Each length label ends where its cell ends.
	for _, l := range []string{"4K", "32000", "1000000"} {
		end := strings.Index(head, l) + len(l)
		if end > len(row) || row[end-2] != '#' {
			t.Errorf("column %s does not end over its cell:\n%s\n%s", l, head, row)
		}
	}
	tableHead, tableRow := find("length"), find("1000000")
	if strings.Index(tableHead, "valid")+len("valid") != strings.Index(tableRow, "2/2")+len("2/2") {
		t.Errorf("table columns misaligned:\n%s\n%s", tableHead, tableRow)
	}
}
