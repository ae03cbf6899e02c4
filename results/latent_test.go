package results

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// withTask sets the task of every record.
func withTask(recs []Record, task string) []Record {
	for i := range recs {
		recs[i].Task = task
	}
	return recs
}

// latentPair is a latent run and its literal control of one model: both
// perfect at 1K–4K; from 8K literal keeps 100% and latent drops to 50%.
func latentPair() (lat, lit []Record) {
	lengths, depths := pow2Lengths(1024, 16384), linDepths(3)
	lat = withTask(grid("m-latent", lengths, depths, 2, func(l int, _ float64, t int) float64 {
		if l >= 8192 && t == 0 {
			return 0
		}
		return 1
	}), "latent")
	lit = withTask(grid("m-literal", lengths, depths, 2, func(int, float64, int) float64 { return 1 }), "latent:literal")
	for i := range lat {
		lat[i].Model, lit[i].Model = "ollama:m", "ollama:m"
	}
	return lat, lit
}

func TestFamilyNote(t *testing.T) {
	e := Effective{Relative: 0.85, MaxTested: 32768, BaseLength: 1024, Base: 0.9}
	for task, want := range map[string]string{
		"latent":          "latent task: read the NoLiMa effective length, not RULER's: world knowledge",
		"latent:literal":  "latent task: read the NoLiMa effective length",
		"hops:4":          "hops task: read the NoLiMa effective length, not RULER's: following the chain",
		"hops:2:distract": "hops task",
	} {
		n := FamilyNote(task, e)
		if !strings.HasPrefix(n, want) || !strings.Contains(n, "85% of this model's own score at 1K") || strings.Contains(n, "add a short length") {
			t.Errorf("%s: %q", task, n)
		}
	}
	for _, task := range []string{"single", "multikey:uuid", "passkey", "none", ""} {
		if n := FamilyNote(task, e); n != "" {
			t.Errorf("%s: %q, want no note", task, n)
		}
	}
	e.BaseLength = 4096 // the default --lengths start there
	if n := FamilyNote("latent", e); !strings.Contains(n, "add a short length such as 1k to --lengths") {
		t.Errorf("a long baseline should be pointed out: %q", n)
	}
	if n := FamilyNote("latent", Effective{}); n != "" {
		t.Errorf("nothing tested, nothing to read: %q", n)
	}
}

func TestSummaryNamesTheDefinitionForLatent(t *testing.T) {
	lat, _ := latentPair()
	var buf bytes.Buffer
	if err := WriteSummary(&buf, lat, Options{}, ColorNone); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "latent task: read the NoLiMa effective length") {
		t.Errorf("the latent summary does not say which definition applies:\n%s", buf.String())
	}
	buf.Reset()
	WriteSummary(&buf, sample("m", 2), Options{}, ColorNone)
	if strings.Contains(buf.String(), "read the NoLiMa") {
		t.Error("a single-task summary got the latent note")
	}
}

func TestLatentGaps(t *testing.T) {
	lat, lit := latentPair()
	gs := LatentGaps(append(Summarize(lit), Summarize(lat)...))
	if len(gs) != 1 || gs[0].Latent.Task != "latent" || gs[0].Literal.Task != "latent:literal" {
		t.Fatalf("gaps %+v", gs)
	}
	want := []float64{0, 0, 0, 0.5, 0.5}
	for i, l := range gs[0].Lengths {
		if math.Abs(gs[0].Gap[i]-want[i]) > 1e-9 {
			t.Errorf("gap at %d: %v, want %v", l, gs[0].Gap[i], want[i])
		}
	}
	if gs := LatentGaps(Summarize(lat)); gs != nil {
		t.Errorf("latent alone has no gap: %+v", gs)
	}
	if gs := LatentGaps(Summarize(append(sample("a", 2), sample("b", 2)...))); gs != nil {
		t.Errorf("single runs have no gap: %+v", gs)
	}
}

// Comparing a latent run with its literal control puts the per-length gap
// in compare.html and in the compare table; other comparisons show none.
func TestCompareShowsTheLatentGap(t *testing.T) {
	lat, lit := latentPair()
	es := Entries([][]Record{lat, lit}, nil, []string{"runs/latent", "runs/literal"})
	var page, table bytes.Buffer
	if err := WriteHTML(&page, []*Summary{es[0].Summary, es[1].Summary}, Options{}); err != nil {
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
	WriteHTML(&page, Summarize(append(sample("a", 2), sample("b", 2)...)), Options{})
	if strings.Contains(page.String(), "literal vs latent") {
		t.Error("a comparison without latent runs shows a gap section")
	}
}
