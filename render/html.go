package render

import (
	"encoding/json"
	"fmt"
	"html/template"
	"image/color"
	"io"
	"math"

	"niah/results"
	"niah/stats"
	"niah/units"
)

// htmlTrial is one trial as the drill-down shows it. Model output is
// carried as JSON data and only ever set with textContent.
type htmlTrial struct {
	Trial        int      `json:"trial"`
	ID           string   `json:"id"`
	Status       string   `json:"status"`
	Reason       string   `json:"reason,omitempty"`
	Error        string   `json:"error,omitempty"`
	Score        float64  `json:"score"`
	Expected     []string `json:"expected"`
	Answer       string   `json:"answer"`
	Reasoning    string   `json:"reasoning,omitempty"`
	Finish       string   `json:"finish,omitempty"`
	Planned      int      `json:"planned"`
	Server       *int     `json:"server,omitempty"`
	Cached       *int     `json:"cached,omitempty"`
	LatencyMS    int64    `json:"latency_ms"`
	DepthActual  float64  `json:"depth_actual"`
	HTTPStatus   int      `json:"http_status,omitempty"`
	Attempts     int      `json:"attempts,omitempty"`
	CompletionTk *int     `json:"completion,omitempty"`
	// Pair, Others and Extra: the latent pair asked, the prompt's other
	// characters or decoy variables, and those the answer named.
	Pair   string   `json:"pair,omitempty"`
	Others []string `json:"others,omitempty"`
	Extra  []string `json:"extra,omitempty"`
}

type htmlCell struct {
	Key   string
	Style template.CSS
	Text  string
	Class string
	Title string
	Claim string // class of the cell's column: the claimed-context rule on its left or right edge
}

type htmlSummary struct {
	Index     int
	Label     string
	Subtitle  string
	Simulated bool
	Lengths   []string
	Cols      *htmlColumns // uneven lengths at their real positions; nil: even
	Rows      []htmlRow
	Mean      []htmlCell
	Table     []htmlLength
	Verdict   string
	Notes     []string
	Pairs     *htmlPairs // per-pair base scores of a latent run
}

type htmlRow struct {
	Depth string
	Cells []htmlCell
}

type htmlLength struct {
	Length, Valid, Accuracy, Interval, Invalid string
}

type htmlPage struct {
	Title     string
	Summaries []htmlSummary
	Manifest  string
	Data      map[string]cellData
	Bar       template.CSS
	Gaps      []htmlGap    // latent beside latent:literal, when both are on the page
	Curve     template.URL // the accuracy-versus-length chart, an SVG data URL
	Notes     []string     // page-level lines (a suite's differing settings)
	Paired    []pairedView // a comparison's paired tests
	// Claims are the published claims held against the runs: a header,
	// a line each, and notes under them.
	ClaimsHead  string
	Claims      []claimLine
	ClaimsNotes []string
	Ruler       []htmlRuler // RULER's table of each model of a --task ruler run
	// DistanceHeat and DistanceCurve are the distance view's images (SVG
	// data URLs), empty when the records carry no distance.
	DistanceHeat, DistanceCurve template.URL
}

type cellData struct {
	Label  string      `json:"label"`
	Length string      `json:"length"`
	Depth  string      `json:"depth"`
	Trials []htmlTrial `json:"trials"`
}

// WriteHTML writes one self-contained report: no network asset of any
// kind. Every model-controlled string is escaped by html/template or
// carried as JSON and inserted with textContent.
func WriteHTML(w io.Writer, sums []*stats.Summary, o Options) error {
	page, err := htmlPageOf(sums, o)
	if err != nil {
		return err
	}
	return reportTemplate.Execute(w, page)
}

// htmlPageOf is the report page of sums, before a comparison adds to it.
func htmlPageOf(sums []*stats.Summary, o Options) (htmlPage, error) {
	page := htmlPage{Title: "niah report", Data: map[string]cellData{}, Bar: gradientCSS(accuracyColor)}
	if o.Manifest != nil {
		b, err := json.MarshalIndent(o.Manifest, "", "  ")
		if err != nil {
			return page, err
		}
		page.Manifest = string(b)
	}
	for i, s := range sums {
		page.Summaries = append(page.Summaries, htmlSummaryOf(i, s, o, page.Data))
	}
	if len(sums) == 1 {
		page.Title = "niah report: " + sums[0].Label
	}
	page.Gaps = htmlGaps(sums)
	page.Curve = curveDataURL(sums, o)
	page.DistanceHeat, page.DistanceCurve = distanceDataURLs(sums, o)
	page.Notes = o.PageNotes
	page.ClaimsHead, page.Claims, page.ClaimsNotes = claimLines(sums, o)
	page.Ruler = htmlRulers(rulerTables(sums, o), o)
	return page, nil
}

func htmlSummaryOf(i int, s *stats.Summary, o Options, data map[string]cellData) htmlSummary {
	v := o.Verdict(s)
	marker, _ := claimMarker(s.Lengths, v.Claimed)
	hs := htmlSummary{Index: i, Label: s.Label, Subtitle: subtitle(s), Simulated: s.Simulated,
		Verdict: verdictText(v), Notes: summaryNotes(s, v.Effective, false)}
	hs.Pairs = htmlPairsOf(s)
	for _, l := range s.Lengths {
		hs.Lengths = append(hs.Lengths, units.FormatLength(l))
	}
	hs.Cols, hs.Lengths = htmlColumnsOf(s.Lengths, hs.Lengths)
	// The rule sits on the column boundary marker: the left edge of the
	// column after it, or the right edge of the last column.
	claimClass := func(c int) string {
		switch {
		case math.IsNaN(marker):
		case float64(c) == marker+0.5:
			return "claimcol"
		case float64(c) == marker-0.5 && c == len(s.Lengths)-1:
			return "claimcol-end"
		}
		return ""
	}
	for r, d := range s.Depths {
		row := htmlRow{Depth: rowLabel(s, d)}
		for c := range s.Lengths {
			cell := &s.Cells[r][c]
			key := fmt.Sprintf("s%d-%d-%d", i, r, c)
			hc := htmlCell{Key: key, Class: "cell", Claim: claimClass(c)}
			switch {
			case cell.Trials == 0:
				hc.Class += " notrun"
				hc.Title = "not run"
			case !cell.Tested():
				hc.Class += " invalid"
				hc.Title = fmt.Sprintf("%s at %s: no valid trial (%s)", units.FormatLength(cell.Length), formatDepth(cell.Depth), FormatReasons(cell.Reasons))
			default:
				hc.paint(cell.Mean)
				hc.Title = fmt.Sprintf("%s at %s: %.1f%% of %d valid, 95%% [%.1f, %.1f]", units.FormatLength(cell.Length),
					formatDepth(cell.Depth), cell.Mean*100, cell.Valid, cell.Lo*100, cell.Hi*100)
				if cell.Valid < cell.Trials {
					hc.Class += " partial"
					hc.Title += fmt.Sprintf("; %d invalid/error excluded", cell.Trials-cell.Valid)
				}
			}
			if hs.Cols.isNarrow(c) {
				hc.Text = "" // the colour alone tells; the title keeps the figure
			}
			row.Cells = append(row.Cells, hc)
			cd := cellData{Label: s.Label, Length: units.FormatLength(cell.Length), Depth: rowLabel(s, cell.Depth)}
			for _, ri := range cell.Records {
				cd.Trials = append(cd.Trials, trialOf(&s.Records[ri]))
			}
			data[key] = cd
		}
		hs.Rows = append(hs.Rows, row)
	}
	for c, ls := range s.PerLength {
		hc := htmlCell{Class: "mean", Claim: claimClass(c)}
		lr := htmlLength{Length: units.FormatLength(ls.Length), Valid: fmt.Sprintf("%d/%d", ls.Valid, ls.Trials),
			Accuracy: "—", Interval: "untested"}
		if ls.Tested() {
			hc.paint(ls.Mean)
			lr.Accuracy = fmt.Sprintf("%.1f%%", ls.Mean*100)
			lr.Interval = fmt.Sprintf("[%.1f, %.1f]", ls.Lo*100, ls.Hi*100)
		} else {
			hc.Class += " invalid"
		}
		if n := ls.Invalid + ls.Errors; n > 0 {
			lr.Invalid = fmt.Sprintf("%d (%s)", n, FormatReasons(ls.Reasons))
		}
		if hs.Cols.isNarrow(c) && ls.Tested() {
			hc.Title, hc.Text = fmt.Sprintf("%s: mean %.1f%%", units.FormatLength(ls.Length), ls.Mean*100), ""
		}
		hs.Mean = append(hs.Mean, hc)
		hs.Table = append(hs.Table, lr)
	}
	return hs
}

// paint colours a cell by its accuracy and writes the accuracy in it.
func (hc *htmlCell) paint(mean float64) {
	bg := accuracyColor(mean)
	hc.Style = template.CSS("background:" + cssColor(bg) + ";color:" + cssColor(inkOn(bg)))
	hc.Text = percent(mean)
}

func trialOf(r *results.Record) htmlTrial {
	exp := r.Expected
	if exp == nil {
		exp = []string{}
	}
	return htmlTrial{Trial: r.Trial, ID: r.ID, Status: string(r.Status), Reason: string(r.Reason), Error: r.Error,
		Score: r.Score, Expected: exp, Answer: r.Answer, Reasoning: r.Reasoning, Finish: r.FinishReason,
		Planned: r.PromptTokens, Server: r.PromptTokensServer, Cached: r.CachedTokens, LatencyMS: r.LatencyMS,
		DepthActual: r.DepthActual, HTTPStatus: r.HTTPStatus, Attempts: r.Attempts, CompletionTk: r.CompletionTokens,
		Pair: r.Pair, Others: r.Others, Extra: r.Extra}
}

func cssColor(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func gradientCSS(f func(float64) color.RGBA) template.CSS {
	s := "linear-gradient(to right"
	for i := 0; i <= 10; i++ {
		s += "," + cssColor(f(float64(i)/10))
	}
	return template.CSS(s + ")")
}

var reportTemplate = template.Must(template.New("report").Parse(reportHTML))
