package corpora

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

// FromPath reads the user's own haystack text: one file, or every .txt and
// .md file directly inside a directory (not its subdirectories), in sorted
// name order, joined with paragraph breaks. The text is normalised to the
// corpus conventions: "\r\n" and lone "\r" become "\n", blank lines separate
// paragraphs, single newlines inside a paragraph (hard-wrapped text) become
// spaces, tabs and runs of spaces become one space.
func FromPath(path string) (*Corpus, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("haystack %s: %w", path, err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("haystack %s: %w", path, unwrapPathError(err))
	}
	if !info.IsDir() {
		text, err := readText(abs)
		if err != nil {
			return nil, err
		}
		if text == "" {
			return nil, fmt.Errorf("haystack file %s holds no text", abs)
		}
		return newCorpus("file:"+abs, text, false), nil
	}
	files, err := textFiles(abs)
	if err != nil {
		return nil, err
	}
	var parts []string
	for _, f := range files {
		text, err := readText(f)
		if err != nil {
			return nil, err
		}
		if text != "" {
			parts = append(parts, text)
		}
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("haystack directory %s holds no text in .txt or .md files (subdirectories are not read)", abs)
	}
	return newCorpus("dir:"+abs, strings.Join(parts, "\n\n"), false), nil
}

// textFiles lists the .txt and .md files directly inside dir, sorted by name.
func textFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("haystack directory %s: %w", dir, unwrapPathError(err))
	}
	var files []string
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if !e.IsDir() && (ext == ".txt" || ext == ".md") {
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	slices.Sort(files)
	return files, nil
}

func readText(file string) (string, error) {
	raw, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("haystack file %s: %w", file, unwrapPathError(err))
	}
	if off := invalidUTF8(raw); off >= 0 {
		return "", fmt.Errorf("haystack file %s: invalid UTF-8 at byte %d", file, off)
	}
	return normalise(string(raw)), nil
}

// invalidUTF8 returns the offset of the first byte that is not valid UTF-8,
// or -1.
func invalidUTF8(b []byte) int {
	for off := 0; off < len(b); {
		r, size := utf8.DecodeRune(b[off:])
		if r == utf8.RuneError && size == 1 {
			return off
		}
		off += size
	}
	return -1
}

// normalise rewrites text to the corpus conventions (see FromPath).
func normalise(text string) string {
	text = strings.TrimPrefix(text, "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var paras []string
	var para []string
	flush := func() {
		if len(para) > 0 {
			paras = append(paras, strings.Join(para, " "))
			para = para[:0]
		}
	}
	for _, line := range strings.Split(text, "\n") {
		// Fields drops tabs, other white space and runs of spaces alike.
		if w := strings.Fields(line); len(w) > 0 {
			para = append(para, strings.Join(w, " "))
		} else {
			flush()
		}
	}
	flush()
	return strings.Join(paras, "\n\n")
}

// unwrapPathError drops the path from an *os.PathError, which the caller
// already names.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// Repeat returns the text joined with itself times times, paragraph breaks
// between the copies, for users who allow a short corpus to repeat. The Name
// is kept; the Hash is that of the new text.
func (c *Corpus) Repeat(times int) *Corpus {
	times = max(times, 1)
	text := strings.Repeat(c.Text+"\n\n", times)
	return newCorpus(c.Name, text[:len(text)-2], c.Repeats || times > 1)
}
