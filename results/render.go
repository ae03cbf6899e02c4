package results

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
)

// File names of a rendered run.
const (
	HeatmapPNG = "heatmap.png"
	HeatmapSVG = "heatmap.svg"
	ReportHTML = "report.html"
)

// RenderRun writes heatmap.png, heatmap.svg and report.html for recs into
// dir and returns the paths written. It is everything `niah report`
// re-renders, so a run's pictures come from results.jsonl alone.
func RenderRun(dir string, recs []Record, o Options) ([]string, error) {
	return RenderFiles(dir, Summarize(recs), o, "png", "svg", "html")
}

// RenderFiles writes the given formats (png, svg, html) of sums into dir.
// Each file is written whole to a temporary name and renamed, so a reader
// never sees half a picture.
func RenderFiles(dir string, sums []*Summary, o Options, formats ...string) ([]string, error) {
	if len(sums) == 0 {
		return nil, fmt.Errorf("%s: no records to render", dir)
	}
	var paths []string
	for _, f := range formats {
		var buf bytes.Buffer
		var name string
		var err error
		switch f {
		case "png":
			name, err = HeatmapPNG, WriteHeatmapPNG(&buf, sums, o)
		case "svg":
			name, err = HeatmapSVG, WriteHeatmapSVG(&buf, sums, o)
		case "html":
			name, err = ReportHTML, WriteHTML(&buf, sums, o)
		default:
			return paths, fmt.Errorf("unknown format %q (png, svg, html, txt)", f)
		}
		if err != nil {
			return paths, fmt.Errorf("rendering %s: %w", name, err)
		}
		path := filepath.Join(dir, name)
		if err := writeAtomic(path, buf.Bytes()); err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}

func writeAtomic(path string, b []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// ExpectContext checks every summary's RULER effective length against
// want (--expect-context); the error names the first label below it.
func ExpectContext(sums []*Summary, o Options, want int) error {
	for _, s := range sums {
		if err := o.Effective(s).CheckExpect(want); err != nil {
			return fmt.Errorf("%s: %w", s.Label, err)
		}
	}
	return nil
}
