// Package render draws summaries for people: the heatmap (PNG, SVG), the
// self-contained HTML report, the terminal table, and comparisons of runs.
package render

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"

	"niah/results"
	"niah/stats"
)

// File names of a rendered run and of a comparison.
const (
	HeatmapPNG = "heatmap.png"
	HeatmapSVG = "heatmap.svg"
	ReportHTML = "report.html"

	ComparePNG  = "compare.png"
	CompareSVG  = "compare.svg"
	CompareHTML = "compare.html"
)

// RenderFiles writes the given formats (png, svg, html) of sums into dir.
// Each file is written whole to a temporary name and renamed, so a reader
// never sees half a picture.
func RenderFiles(dir string, sums []*stats.Summary, o Options, formats ...string) ([]string, error) {
	if len(sums) == 0 {
		return nil, fmt.Errorf("%s: no records to render", dir)
	}
	var outs []output
	for _, f := range formats {
		switch f {
		case "png":
			outs = append(outs, output{HeatmapPNG, func(w io.Writer) error { return WriteHeatmapPNG(w, sums, o) }},
				output{CurvePNG, func(w io.Writer) error { return WriteCurvePNG(w, sums, o) }})
		case "svg":
			outs = append(outs, output{HeatmapSVG, func(w io.Writer) error { return WriteHeatmapSVG(w, sums, o) }},
				output{CurveSVG, func(w io.Writer) error { return WriteCurveSVG(w, sums, o) }})
		case "html":
			outs = append(outs, output{ReportHTML, func(w io.Writer) error { return WriteHTML(w, sums, o) }})
		default:
			return nil, fmt.Errorf("unknown format %q (png, svg, html, txt)", f)
		}
		if !HasDistances(sums) {
			continue
		}
		switch f {
		case "png":
			outs = append(outs, output{DistancePNG, func(w io.Writer) error { return WriteDistancePNG(w, sums, o) }},
				output{DistanceCurvePNG, func(w io.Writer) error { return WriteDistanceCurvePNG(w, sums, o) }})
		case "svg":
			outs = append(outs, output{DistanceSVG, func(w io.Writer) error { return WriteDistanceSVG(w, sums, o) }},
				output{DistanceCurveSVG, func(w io.Writer) error { return WriteDistanceCurveSVG(w, sums, o) }})
		}
	}
	return writeOutputs(dir, outs)
}

// output is one rendered file: its name and what writes it.
type output struct {
	name  string
	write func(io.Writer) error
}

// writeOutputs renders each output in memory and writes it atomically
// into dir; it returns the paths written, even when one fails.
func writeOutputs(dir string, outs []output) ([]string, error) {
	var paths []string
	for _, out := range outs {
		var buf bytes.Buffer
		if err := out.write(&buf); err != nil {
			return paths, fmt.Errorf("rendering %s: %w", out.name, err)
		}
		path := filepath.Join(dir, out.name)
		if err := results.WriteAtomic(path, buf.Bytes()); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}
