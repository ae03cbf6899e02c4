package render

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/internal/recordtest"
	"niah/results"
)

func compareText(t *testing.T, es []Entry, o Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteCompareTable(&b, es, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A tiny pair finds nothing, and says what it could have found: "no
// detectable difference" never comes without the power sentence.
func TestPairedNoDifferenceCarriesThePowerSentence(t *testing.T) {
	a := recordtest.Grid("a", []int{2048, 4096}, []float64{100}, 1, func(l int, _ float64, _ int) float64 {
		if l > 2048 {
			return 0
		}
		return 1
	})
	b := recordtest.Grid("b", []int{2048, 4096}, []float64{100}, 1, func(int, float64, int) float64 { return 1 })
	b[1].Answer = "another answer"
	out := compareText(t, Entries([][]results.Record{a, b}, nil, nil, []string{"r/a", "r/b"}), Options{})
	for _, want := range []string{
		"paired test, trial by trial on the same ids: B = b, A = a",
		"     4K      1     0.0%   100.0%  +100.0  [",
		"no detectable difference between b and a: +50.0 points (B − A), 95% interval [",
		"exact McNemar p = 1 on 1 discordant pair (1 only b right, 0 only a right)",
		"with 2 pairs this run could not have detected a difference of any size (the exact test needs 6 discordant pairs, all one way)",
		"; a 5-point difference needs ",
		" trials per cell over these 2 cells (now 1)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("compare table lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "no detectable difference") != strings.Count(out, "this run could") {
		t.Errorf("every 'no detectable difference' needs its power sentence:\n%s", out)
	}
}

func TestPairedNoSharedIDsIsOneLine(t *testing.T) {
	a := recordtest.Grid("a", []int{2048}, []float64{100}, 2, func(int, float64, int) float64 { return 1 })
	b := recordtest.WithTask(recordtest.Grid("b", []int{2048}, []float64{100}, 2, func(int, float64, int) float64 { return 1 }), "passkey")
	out := compareText(t, Entries([][]results.Record{a, b}, nil, nil, []string{"r/a", "r/b"}), Options{})
	if !strings.Contains(out, "\nb and a share no trial id: no paired test (their grids, seeds or tasks differ)\n") {
		t.Errorf("want the one line:\n%s", out)
	}
	if strings.Contains(out, "McNemar") || strings.Contains(out, "paired test,") {
		t.Errorf("no test without pairs:\n%s", out)
	}
	// Shared ids, every trial invalid on both sides: nothing to test, and
	// identical empty answers say nothing about the setting.
	invalid := func(label string) []results.Record {
		return recordtest.Grid(label, []int{1 << 20}, []float64{100}, 2, func(int, float64, int) float64 { return -1 })
	}
	out = compareText(t, Entries([][]results.Record{invalid("a"), invalid("b")}, nil, nil, []string{"r/a", "r/b"}), Options{})
	if !strings.Contains(out, "\nb and a share 2 trial ids, none graded on both sides: no paired test\n") || strings.Contains(out, "byte-identical") {
		t.Errorf("nothing graded:\n%s", out)
	}
}

// Byte-identical answers with the same server facts: the setting may not
// have reached the model, and the line says what to check on that server.
// Different facts: it reached the server and changed no answer.
func TestPairedIdenticalAnswers(t *testing.T) {
	recs := func(label string) []results.Record {
		return recordtest.Grid(label, []int{2048, 2304, 2400}, []float64{0, 50, 100}, 1, func(l int, _ float64, _ int) float64 {
			if l > 2310 {
				return 0
			}
			return 1
		})
	}
	info := func(label string, ctx int) *results.Manifest {
		return &results.Manifest{Models: []results.ModelInfo{{Label: label, Kind: "ollama", Version: "0.17.4", ContextLength: ctx,
			ContextSource: "api/show model_info.llama.context_length"}}}
	}
	a, b := recs("f16"), recs("q8_0")
	es := Entries([][]results.Record{a, b}, []*results.Manifest{info("f16", 4096), info("q8_0", 4096)}, nil, []string{"r/f16", "r/q8_0"})
	hint := func(kind string) string { return "look where a " + kind + " server says" }
	out := compareText(t, es, Options{SettingsHint: hint})
	want := "the answers are byte-identical in all 9 shared trials and both servers reported the same facts (server ollama, version 0.17.4, context 4K): " +
		"the setting may not have reached the model; look where a ollama server says"
	if !strings.Contains(out, want) {
		t.Errorf("compare lacks\n%s\nin\n%s", want, out)
	}
	if !strings.Contains(out, "no detectable difference between q8_0 and f16: 0.0 points") || !strings.Contains(out, "given that no pair disagreed") {
		t.Errorf("the test itself still reports, with its power:\n%s", out)
	}

	es = Entries([][]results.Record{a, b}, []*results.Manifest{info("f16", 4096), info("q8_0", 8192)}, nil, []string{"r/f16", "r/q8_0"})
	if out := compareText(t, es, Options{}); !strings.Contains(out, "though the servers reported different facts (context 4K vs 8K): the setting reached the server and changed no answer") {
		t.Errorf("different facts:\n%s", out)
	}
	es = Entries([][]results.Record{a, b}, nil, nil, []string{"r/f16", "r/q8_0"})
	if out := compareText(t, es, Options{}); !strings.Contains(out, "and no manifest records what the servers reported: the setting may not have reached the model; check the settings the server reports") {
		t.Errorf("no manifest:\n%s", out)
	}

	b[4].Answer = "The key is " + b[4].Answer
	es = Entries([][]results.Record{a, b}, nil, nil, []string{"r/f16", "r/q8_0"})
	out = compareText(t, es, Options{})
	if !strings.Contains(out, "the answers differ in 1 of 9 shared trials but every score is the same: the setting changed the words, not what was retrieved") ||
		strings.Contains(out, "byte-identical") {
		t.Errorf("words only:\n%s", out)
	}
}

// Three runs: each against the baseline, p-values Holm-adjusted, and the
// page carries the same tables.
func TestPairedAgainstBaselineWithHolm(t *testing.T) {
	grid := func(label string, fail int) []results.Record {
		return recordtest.Grid(label, []int{4096}, recordtest.LinDepths(3), 4, func(_ int, d float64, tr int) float64 {
			if int(d/50)*4+tr < fail {
				return 0
			}
			return 1
		})
	}
	es := Entries([][]results.Record{grid("base", 0), grid("x2", 5), grid("x4", 12)}, nil, nil, []string{"r/base", "r/x2", "r/x4"})
	o := Options{Baseline: "base"}
	out := compareText(t, es, o)
	// x2: 5 of 12 wrong, p = 2/32 = 0.0625 (Holm: the larger of 2 × 2/4096
	// and 1 × 0.0625); x4: 12 of 12, p = 2/4096, × 2.
	for _, want := range []string{
		"p-values are Holm-adjusted for the 2 comparisons with base (overall, and at each length)",
		"p (Holm)",
		"no detectable difference between x2 and base: −41.7 points (B − A), 95% interval [",
		"exact McNemar p = 0.06",
		" (Holm-adjusted) on 5 discordant pairs",
		"x4 differs from base: −100.0 points (B − A), 95% interval [",
		"exact McNemar p < 0.001 (Holm-adjusted) on 12 discordant pairs",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "  McNemar p") {
		t.Errorf("adjusted p-values must be headed as such:\n%s", out)
	}
	dir := t.TempDir()
	if _, err := RenderCompare(dir, es, Options{Baseline: "base", DPI: 30}); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(dir, CompareHTML))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h2>paired test: x4 − base</h2>", "<th>p (Holm)</th>", "x4 differs from base", "Holm-adjusted for the 2 comparisons"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("compare.html lacks %q", want)
		}
	}
}
