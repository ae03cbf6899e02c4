package export

import (
	"encoding/csv"
	"path/filepath"
	"strconv"
	"strings"

	"niah/results"
)

// trials.csv: one row per trial, every status, the columns a spreadsheet
// needs to redo niah's tables. Model output that a spreadsheet would take
// for a formula (=, +, -, @ first) is written after a quote mark.

var csvHeader = []string{"id", "label", "model", "task", "length", "length_counts", "depth", "depth_actual", "depthless", "trial",
	"status", "reason", "score", "correct", "expected", "answer", "extra", "prompt_tokens", "prompt_tokens_server",
	"completion_tokens", "cached_tokens", "finish_reason", "latency_ms", "time"}

func writeCSV(dir string, recs []results.Record) ([]string, error) {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(csvHeader)
	for _, r := range recs {
		w.Write([]string{r.ID, r.Label, r.Model, r.Task, strconv.Itoa(r.Length), r.Counts(),
			num(r.Depth), num(r.DepthActual), strconv.FormatBool(r.Depthless), strconv.Itoa(r.Trial),
			string(r.Status), string(r.Reason), num(r.Score), strconv.FormatBool(r.Correct),
			strings.Join(r.Expected, " | "), cell(r.Answer), cell(strings.Join(r.Extra, " | ")),
			strconv.Itoa(r.PromptTokens), optional(r.PromptTokensServer), optional(r.CompletionTokens), optional(r.CachedTokens),
			r.FinishReason, strconv.FormatInt(r.LatencyMS, 10), r.Time})
	}
	w.Flush()
	path := filepath.Join(dir, "trials.csv")
	if err := writeFile(path, []byte(b.String())); err != nil {
		return nil, err
	}
	return []string{path}, w.Error()
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func optional(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

// cell keeps model output from being read as a spreadsheet formula.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
