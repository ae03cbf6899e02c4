package render

import (
	"bytes"
	"strings"
	"testing"

	"niah/results"
	"niah/stats"
)

func rulerRun() []*stats.Summary {
	var recs []results.Record
	add := func(task string, length int, score float64, n int) {
		for i := range n {
			recs = append(recs, results.Record{Label: "m", Task: task, Length: length, Trial: i, Score: score, Status: results.StatusOK,
				LengthCounts: results.CountsWindow, Depthless: task == "cwe"})
		}
	}
	for _, task := range []string{"niah_single_1", "vt", "cwe"} {
		add(task, 4096, 1, 3)
		add(task, 8192, 0.9, 3)
		add(task, 16384, 0.5, 3)
	}
	add("niah_single_1", 32768, 1, 3) // the others have no trial at 32K: no mean there
	return stats.Summarize(recs)
}

// A --task ruler run prints RULER's table instead of a block per task:
// rows in RULER's order, the mean per length, which means pass 85.6, the
// effective length and the weighted averages.
func TestRulerTableText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, rulerRun(), Options{}, ColorNone); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"== m · RULER · 3 tasks · 3 trials per task and length · lengths: prompt + answer budget ==",
		"  task                4K     8K    16K    32K\n  niah_single_1    100.0   90.0   50.0  100.0\n  vt               100.0   90.0   50.0      —\n  cwe              100.0   90.0   50.0      —\n",
		"  mean             100.0   90.0   50.0      —\n  ≥ 85.6             yes    yes     no      —\n",
		"effective length 8K: the mean over the 3 tasks reaches 85.6 at every length up to it (RULER)",
		"wAvg (inc), wAvg (dec): — (they weigh every length, and some length has no mean)",
		"no mean at 32K",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "task cwe") {
		t.Errorf("the set's tasks get no block of their own in the text:\n%s", out)
	}
}

// The HTML shows the same table with passing cells underlined.
func TestRulerTableHTML(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTML(&b, rulerRun(), Options{}); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		"RULER table: m",
		`<tr><td>vt</td><td class="pass">100.0</td><td class="pass">90.0</td><td>50.0</td><td>—</td></tr>`,
		`<tr class="mean"><td>mean</td><td class="pass">100.0</td><td class="pass">90.0</td><td>50.0</td><td>—</td></tr>`,
		"effective length 8K",
		`<th class="depth">—</th>`, // cwe's one row has no depth
	} {
		if !strings.Contains(page, want) {
			t.Errorf("no %q in the page", want)
		}
	}
}
