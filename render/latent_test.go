package render

import (
	"bytes"
	"strings"
	"testing"

	"niah/internal/recordtest"
	"niah/results"
	"niah/stats"
)

func TestSummaryNamesTheDefinitionForLatent(t *testing.T) {
	lat, _ := recordtest.LatentPair()
	var buf bytes.Buffer
	if err := WriteText(&buf, stats.Summarize(lat), Options{}, ColorNone); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "latent task: read the NoLiMa effective length") {
		t.Errorf("the latent summary does not say which definition applies:\n%s", buf.String())
	}
	buf.Reset()
	WriteText(&buf, stats.Summarize(sample("m", 2)), Options{}, ColorNone)
	if strings.Contains(buf.String(), "read the NoLiMa") {
		t.Error("a single-task summary got the latent note")
	}
}

func TestCompareShowsTheLatentGap(t *testing.T) {
	lat, lit := recordtest.LatentPair()
	es := Entries([][]results.Record{lat, lit}, nil, nil, []string{"runs/latent", "runs/literal"})
	var page, table bytes.Buffer
	if err := WriteHTML(&page, []*stats.Summary{es[0].Summary, es[1].Summary}, Options{}); err != nil {
		t.Fatal(err)
	}
	html := page.String()
	// html/template writes "+" as &#43;.
	for _, want := range []string{"literal vs latent: m-literal − m-latent", "<td>8K</td><td>100.0%</td><td>50.0%</td><td>&#43;50</td>",
		"<td>4K</td><td>100.0%</td><td>100.0%</td><td>0</td>"} {
		if !strings.Contains(html, want) {
			t.Errorf("compare.html lacks %q", want)
		}
	}
	if err := WriteCompareTable(&table, es, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table.String(), "literal − latent (m-literal − m-latent), points per length: 1K 0, 2K 0, 4K 0, 8K +50, 16K +50") {
		t.Errorf("compare table:\n%s", table.String())
	}
	page.Reset()
	WriteHTML(&page, stats.Summarize(append(sample("a", 2), sample("b", 2)...)), Options{})
	if strings.Contains(page.String(), "literal vs latent") {
		t.Error("a comparison without latent runs shows a gap section")
	}
}
