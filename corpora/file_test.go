package corpora

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFromPathNormalisesAFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "essay.txt")
	writeFile(t, path, "\uFEFF  First line of a\r\nhard wrapped\tparagraph.\r\n\r\n\r\n\r\nSecond  paragraph.\rStill second.\n \n\nThird.\n\n")
	c, err := FromPath(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "First line of a hard wrapped paragraph.\n\nSecond paragraph. Still second.\n\nThird."
	if c.Text != want {
		t.Errorf("text = %q, want %q", c.Text, want)
	}
	if c.Name != "file:"+path || c.Repeats {
		t.Errorf("Name %q Repeats %v", c.Name, c.Repeats)
	}
	checkConventions(t, c.Text)
}

func TestFromPathReadsADirectoryInNameOrder(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "b.md"), "Bee.\n")
	writeFile(t, filepath.Join(dir, "a.txt"), "Ant.\nAnt again.")
	writeFile(t, filepath.Join(dir, "c.TXT"), "Cat.")
	writeFile(t, filepath.Join(dir, "empty.txt"), "\n\n")
	writeFile(t, filepath.Join(dir, "notes.json"), "{ignored}")
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "sub", "deep.txt"), "Not read.")
	c, err := FromPath(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Ant. Ant again.\n\nBee.\n\nCat."; c.Text != want {
		t.Errorf("text = %q, want %q", c.Text, want)
	}
	if c.Name != "dir:"+dir {
		t.Errorf("Name = %q", c.Name)
	}
}

func TestFromPathErrorsNameTheCulprit(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.txt")
	writeFile(t, bad, "Good start. \xff\xfe bad bytes.")
	emptyDir := filepath.Join(dir, "empty")
	if err := os.Mkdir(emptyDir, 0o755); err != nil {
		t.Fatal(err)
	}
	blank := filepath.Join(dir, "blank.md")
	writeFile(t, blank, " \r\n\t\n")
	missing := filepath.Join(dir, "missing.txt")
	cases := []struct{ path, want string }{
		{bad, bad + ": invalid UTF-8 at byte 12"},
		{emptyDir, emptyDir + " holds no text"},
		{blank, blank + " holds no text"},
		{missing, missing + ": no such file"},
	}
	for _, c := range cases {
		_, err := FromPath(c.path)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("FromPath(%s) error = %v, want one line containing %q", c.path, err, c.want)
		}
	}
	// A bad file inside a directory is named, not just the directory.
	if _, err := FromPath(dir); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("FromPath(dir) error = %v, want it to name %s", err, bad)
	}
}

func TestRepeat(t *testing.T) {
	c := newCorpus("file:/x", "One.\n\nTwo.", false)
	r := c.Repeat(3)
	if want := "One.\n\nTwo.\n\nOne.\n\nTwo.\n\nOne.\n\nTwo."; r.Text != want {
		t.Errorf("Repeat(3) = %q", r.Text)
	}
	if !r.Repeats || r.Hash == c.Hash || r.Hash != newCorpus("", r.Text, false).Hash || r.Name != c.Name {
		t.Errorf("Repeat(3): Repeats %v, Hash changed %v, Name %q", r.Repeats, r.Hash != c.Hash, r.Name)
	}
	if once := c.Repeat(1); once.Text != c.Text || once.Repeats {
		t.Errorf("Repeat(1) changed the text or claims repetition")
	}
	if c.Text != "One.\n\nTwo." {
		t.Error("Repeat modified its receiver")
	}
}
