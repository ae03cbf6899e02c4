package render

import (
	"bytes"
	"strings"
	"testing"

	"niah/internal/recordtest"
	"niah/results"
	"niah/stats"
)

// A latent run's report names its per-pair base scores at the shortest
// length: a line in the text report, every pair in the HTML page.
func TestReportGivesPerPairBaseScores(t *testing.T) {
	recs := recordtest.WithTask(recordtest.Grid("m", []int{1024, 4096}, []float64{0, 100}, 3, func(l int, d float64, tr int) float64 {
		if tr == 2 && d == 100 {
			return 0
		}
		return 1
	}), "latent")
	names := []string{"the Eiffel Tower → Paris", "paella → Spain", "<b>Guernica</b> → Picasso"}
	for i := range recs {
		recs[i].Pair = names[recs[i].Trial]
	}
	sums := stats.Summarize(recs)
	var text, page bytes.Buffer
	if err := WriteText(&text, sums, Options{}, ColorNone); err != nil {
		t.Fatal(err)
	}
	want := "per-pair base scores at 1K: 3 pairs, 2 always right; lowest: <b>Guernica</b> → Picasso 50% (2 trials)"
	if !strings.Contains(text.String(), want) {
		t.Errorf("text report lacks %q:\n%s", want, text.String())
	}
	if err := WriteHTML(&page, sums, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"per-pair base scores at 1K (3 pairs, lowest first)", "<td>50%</td><td>2</td><td>&lt;b&gt;Guernica&lt;/b&gt; → Picasso</td>",
		"<td>100%</td><td>2</td><td>paella → Spain</td>"} {
		if !strings.Contains(page.String(), want) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	// --relative per-pair: the NoLiMa line reads each pair against its own.
	text.Reset()
	WriteText(&text, sums, Options{Criteria: stats.Criteria{PerPair: true}}, ColorNone)
	if !strings.Contains(text.String(), "per pair: each pair keeps 85% of its own 1K score") {
		t.Errorf("per-pair reading missing:\n%s", text.String())
	}
	text.Reset()
	WriteText(&text, stats.Summarize(sample("m", 2)), Options{}, ColorNone)
	if strings.Contains(text.String(), "per-pair") {
		t.Error("a single-task report names pairs")
	}
}

// latent:distract beside latent shows its gap as latent:literal does.
func TestCompareShowsTheDistractGap(t *testing.T) {
	lat, _ := recordtest.LatentPair()
	dis := recordtest.WithTask(recordtest.Grid("m-distract", recordtest.Pow2Lengths(1024, 16384), recordtest.LinDepths(3), 2,
		func(l int, _ float64, _ int) float64 {
			if l >= 4096 {
				return 0.5
			}
			return 1
		}), "latent:distract")
	es := Entries([][]results.Record{lat, dis}, nil, nil, []string{"runs/latent", "runs/distract"})
	var page, table bytes.Buffer
	if err := WriteHTML(&page, []*stats.Summary{es[0].Summary, es[1].Summary}, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"latent vs distract: m-latent − m-distract", "own keyword and no character (NoLiMa",
		"<td>4K</td><td>100.0%</td><td>50.0%</td><td>&#43;50</td>"} {
		if !strings.Contains(page.String(), want) {
			t.Errorf("compare.html lacks %q", want)
		}
	}
	if err := WriteCompareTable(&table, es, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table.String(), "latent − distract (m-latent − m-distract), points per length: 1K 0, 2K 0, 4K +50, 8K 0, 16K 0") {
		t.Errorf("compare table:\n%s", table.String())
	}
}
