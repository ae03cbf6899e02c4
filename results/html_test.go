package results

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

const hostile = `</script><img src=x onerror=alert(1)><script>alert(2)</script>" onclick="alert(3)`

func hostileRecords() []Record {
	recs := sample("model-a", 2)
	recs[0].Answer = hostile
	recs[0].Reasoning = "<!-- " + hostile
	recs[0].Expected = []string{"<b>v0</b>"}
	recs[1].Label = `<svg onload=alert(4)>`
	return recs
}

func TestHTMLEscapesHostileOutput(t *testing.T) {
	var buf bytes.Buffer
	m := &Manifest{Schema: "niah.manifest/1", Task: "single", Args: []string{"--label", hostile}}
	if err := WriteHTML(&buf, Summarize(hostileRecords()), Options{Manifest: m}); err != nil {
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
	for _, ref := range []string{"http://", "https://", ` src="`, "@import", "url("} {
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
	if err := WriteHTML(&buf, Summarize(sample("model-a", 2)), Options{ClaimedAll: 131072}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{"effective context 64K (RULER 85.6%) of a claimed 128K", `class="claimcol"`, "cell invalid", "cell partial", "untested"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}
