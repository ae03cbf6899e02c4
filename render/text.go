package render

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"strings"

	"niah/stats"
	"niah/units"

	"golang.org/x/term"
)

// ColorMode is how the terminal heatmap is coloured.
type ColorMode int

const (
	ColorNone ColorMode = iota // plain characters (pipes, files, CI logs)
	Color256                   // xterm 256-colour backgrounds
	ColorTrue                  // 24-bit backgrounds
)

// DetectColor picks a colour mode for w: none unless w is a terminal and
// NO_COLOR is unset; 24-bit when COLORTERM says so.
func DetectColor(w io.Writer) ColorMode {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return ColorNone
	}
	switch os.Getenv("COLORTERM") {
	case "truecolor", "24bit":
		return ColorTrue
	}
	return Color256
}

// WriteText writes the text report of each summary.
func WriteText(w io.Writer, sums []*stats.Summary, o Options, mode ColorMode) error {
	var b strings.Builder
	if len(sums) == 0 {
		b.WriteString("no records\n")
	}
	// A RULER run prints RULER's table; its tasks' heatmaps are in the HTML.
	tables := rulerTables(sums, o)
	for i, t := range tables {
		if i > 0 {
			b.WriteString("\n")
		}
		writeRulerText(&b, t, o.Criteria.Claims[t.Label])
	}
	first := len(tables) == 0
	for _, s := range sums {
		if inRulerTable(s, tables) {
			continue
		}
		if !first {
			b.WriteString("\n")
		}
		first = false
		writeOne(&b, s, o, mode)
	}
	writeClaims(&b, sums, o)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeOne(b *strings.Builder, s *stats.Summary, o Options, mode ColorMode) {
	fmt.Fprintf(b, "== %s · %s ==\n", s.Label, subtitle(s))
	if s.Simulated {
		b.WriteString("SIMULATION: these results come from the built-in reference model, not a real server\n")
	}
	// Columns fit the longest length label: 4 wide for 128K, wider for
	// lengths given as plain numbers (32000, 1000000).
	lw := 0
	for _, l := range s.Lengths {
		lw = max(lw, len(units.FormatLength(l)))
	}
	tw, hw := max(lw, 6), max(lw, 4)
	fmt.Fprintf(b, "\n  %*s   valid   accuracy   95%% interval    invalid/error\n", tw, "length")
	for _, ls := range s.PerLength {
		acc, ci := "—", "untested"
		if ls.Tested() {
			acc = fmt.Sprintf("%.1f%%", ls.Mean*100)
			ci = fmt.Sprintf("[%5.1f, %5.1f]", ls.Lo*100, ls.Hi*100)
		}
		bad := ""
		if n := ls.Invalid + ls.Errors; n > 0 {
			bad = fmt.Sprintf("%d (%s)", n, FormatReasons(ls.Reasons))
		}
		line := fmt.Sprintf("  %*s  %6s  %9s   %-14s  %s", tw, units.FormatLength(ls.Length),
			fmt.Sprintf("%d/%d", ls.Valid, ls.Trials), acc, ci, bad)
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}

	b.WriteString("\n  depth ")
	for _, l := range s.Lengths {
		fmt.Fprintf(b, " %*s", hw, units.FormatLength(l))
	}
	b.WriteString("\n")
	for r, d := range s.Depths {
		fmt.Fprintf(b, "  %5s ", rowLabel(s, d))
		for c := range s.Lengths {
			b.WriteString(strings.Repeat(" ", 1+hw-4))
			b.WriteString(termCell(&s.Cells[r][c], mode))
		}
		b.WriteString("\n")
	}
	if mode == ColorNone {
		b.WriteString("  key: 0-9 accuracy in tens (7 = 70-79%), # 100%, * some trials invalid or errored (excluded), x no valid trial, . not run\n")
	} else {
		b.WriteString("  key: accuracy %, " + paint(colInvalid, mode) + "  x " + reset + " no valid trial, * some trials invalid or errored (excluded)\n")
	}
	if dv := stats.DistancesOf(s); dv != nil {
		writeDistanceText(b, dv, hw, mode)
	}

	v := o.Verdict(s)
	b.WriteString("\n" + verdictText(v) + "\n")
	for _, n := range summaryNotes(s, v.Effective, true) {
		b.WriteString(n + "\n")
	}
}

const reset = "\x1b[0m"

// termCell renders one cell in 4 columns.
func termCell(c *stats.Cell, mode ColorMode) string {
	mark := " "
	if c.Valid > 0 && c.Valid < c.Trials {
		mark = "*"
	}
	switch {
	case c.Trials == 0: // in the digits' column, as every mark
		return "  . "
	case !c.Tested():
		if mode == ColorNone {
			return "  x "
		}
		return paint(colInvalid, mode) + "  x " + reset
	}
	pct := int(math.Round(c.Mean * 100))
	if mode == ColorNone {
		ch := "#"
		if pct < 100 {
			ch = fmt.Sprint(pct / 10)
		}
		return "  " + ch + mark
	}
	bg := accuracyColor(c.Mean)
	return paint(bg, mode) + fg(inkOn(bg), mode) + fmt.Sprintf("%3d", pct) + mark + reset
}

func paint(c color.RGBA, mode ColorMode) string {
	if mode == ColorTrue {
		return fmt.Sprintf("\x1b[48;2;%d;%d;%dm", c.R, c.G, c.B)
	}
	return fmt.Sprintf("\x1b[48;5;%dm", xterm256(c))
}

func fg(c color.RGBA, mode ColorMode) string {
	if mode == ColorTrue {
		return fmt.Sprintf("\x1b[38;2;%d;%d;%dm", c.R, c.G, c.B)
	}
	return fmt.Sprintf("\x1b[38;5;%dm", xterm256(c))
}

// xterm256 maps a colour to the nearest entry of the 6x6x6 colour cube.
func xterm256(c color.RGBA) int {
	levels := []int{0, 95, 135, 175, 215, 255}
	idx := func(v uint8) int {
		best := 0
		for i, l := range levels {
			if math.Abs(float64(int(v)-l)) < math.Abs(float64(int(v)-levels[best])) {
				best = i
			}
		}
		return best
	}
	return 16 + 36*idx(c.R) + 6*idx(c.G) + idx(c.B)
}
