package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"niah/internal/recordtest"
	"niah/results"
	"niah/stats"
)

const hostile = `</script><img src=x onerror=alert(1)><script>alert(2)</script>" onclick="alert(3)`

func hostileRecords() []results.Record {
	recs := sample("model-a", 2)
	recs[0].Answer = hostile
	recs[0].Reasoning = "<!-- " + hostile
	recs[0].Expected = []string{"<b>v0</b>"}
	recs[0].Others = []string{"Nadia", hostile}
	recs[0].Extra = []string{hostile}
	recs[0].Pair = "<i>the Eiffel Tower</i> → Paris"
	recs[1].Label = `<svg onload=alert(4)>`
	return recs
}

func TestHTMLEscapesHostileOutput(t *testing.T) {
	var buf bytes.Buffer
	m := &results.Manifest{Schema: "niah.manifest/1", Task: "single", Args: []string{"--label", hostile}}
	if err := WriteHTML(&buf, stats.Summarize(hostileRecords()), Options{Manifest: m}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	artifact(t, "report_hostile.html", buf.Bytes())
	for _, bad := range []string{"<img src=x", "<svg onload", "onerror=alert(1)>", "<b>v0</b>", "<script>alert"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains unescaped %q", bad)
		}
	}
	// Exactly two script elements: the JSON data and our own code.
	if n := strings.Count(page, "<script"); n != 2 {
		t.Errorf("page has %d <script tags, want 2", n)
	}
	// The one image is our own chart, inline as a data URL.
	if n, own := strings.Count(page, ` src="`), strings.Count(page, ` src="data:image/svg`); n != 1 || own != 1 {
		t.Errorf("page has %d src attributes, %d of them the inline chart; want only the chart", n, own)
	}
	for _, ref := range []string{"http://", "https://", "@import", "url("} {
		if strings.Contains(page, ref) {
			t.Errorf("page references an outside resource (%q)", ref)
		}
	}
	// The data block round-trips: the answer arrives intact, as data.
	m2 := regexp.MustCompile(`(?s)<script type="application/json" id="niah-data">(.*?)</script>`).FindStringSubmatch(page)
	if m2 == nil {
		t.Fatal("no data block")
	}
	var data map[string]cellData
	if err := json.Unmarshal([]byte(m2[1]), &data); err != nil {
		t.Fatalf("data block is not JSON: %v", err)
	}
	found := false
	for _, c := range data {
		for _, tr := range c.Trials {
			found = found || tr.Answer == hostile
		}
	}
	if !found {
		t.Error("hostile answer not carried intact in the data block")
	}
	if !strings.Contains(page, "&lt;svg onload=alert(4)&gt;") {
		t.Error("hostile label not shown escaped")
	}
}

func TestHTMLShowsVerdictAndTable(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteHTML(&buf, stats.Summarize(sample("model-a", 2)), Options{Criteria: stats.Criteria{Claims: stats.Claims{"model-a": 131072}}}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{"effective context 64K (RULER 85.6%) of a claimed 128K", `class="claimcol"`, "cell invalid", "cell partial", "untested"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// The claimed-context rule is drawn only for a known claim, on the same
// column boundary as the PNG: the left edge of the first column past the
// claim, or the right edge of the last column when the claim is the
// longest length.
func TestHTMLClaimRule(t *testing.T) {
	sums := stats.Summarize(recordtest.Grid("m", []int{4096, 8192, 16384}, []float64{0, 50}, 1, func(int, float64, int) float64 { return 1 }))
	claimCells := regexp.MustCompile(`<td class="(claimcol[^"]*)"><(button|div)`)
	for _, c := range []struct {
		claimed int
		want    string // class, then the column it marks
	}{
		{0, ""},
		{8192, "claimcol@2"},
		{12000, "claimcol@2"},
		{16384, "claimcol-end@2"},
		{2048, "claimcol@0"},
		{1 << 20, ""},
	} {
		var buf bytes.Buffer
		if err := WriteHTML(&buf, sums, Options{Criteria: stats.Criteria{Claims: stats.Claims{"m": c.claimed}}}); err != nil {
			t.Fatal(err)
		}
		page := buf.String()
		var got []string
		for _, row := range regexp.MustCompile(`(?s)<tr>.*?</tr>`).FindAllString(page, -1) {
			for col, td := range regexp.MustCompile(`<td[^>]*><(?:button|div)`).FindAllString(row, -1) {
				if m := claimCells.FindStringSubmatch(td); m != nil {
					got = append(got, fmt.Sprintf("%s@%d", m[1], col))
				}
			}
		}
		want := []string{}
		if c.want != "" {
			want = []string{c.want, c.want, c.want} // two depth rows and the mean row
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("claimed %d: rule on %v, want %v", c.claimed, got, want)
		}
	}
}
