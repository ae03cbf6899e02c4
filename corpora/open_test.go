package corpora

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "mine.txt"), "My own text.")
	for spec, name := range map[string]string{
		"":                             "builtin",
		"builtin":                      "builtin",
		"builtin:7":                    "builtin:7",
		"noise":                        "noise",
		filepath.Join(dir, "mine.txt"): "file:" + filepath.Join(dir, "mine.txt"),
		dir:                            "dir:" + dir,
	} {
		c, err := Open(spec)
		if err != nil {
			t.Errorf("Open(%q): %v", spec, err)
			continue
		}
		if c.Name != name {
			t.Errorf("Open(%q).Name = %q, want %q", spec, c.Name, name)
		}
	}
}

func TestOpenRelativePathWithoutSeparator(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "essays"), "Plain name.")
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	c, err := Open("essays")
	if err != nil || c.Text != "Plain name." {
		t.Errorf("Open(essays) = %v, %v", c, err)
	}
}

func TestOpenErrors(t *testing.T) {
	cases := []struct{ spec, want string }{
		{"builtin:x", "builtin:x"},
		{"bogus", `"bogus"`},
		{"bogus", "builtin, builtin:SEED, noise"},
		{"./missing/dir", "missing/dir"},
	}
	for _, c := range cases {
		_, err := Open(c.spec)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("Open(%q) error = %v, want one line containing %q", c.spec, err, c.want)
		}
	}
}

func TestListNamesEveryBuiltinOpenAccepts(t *testing.T) {
	for _, info := range List() {
		spec := strings.Replace(info.Name, "SEED", "3", 1)
		if _, err := Open(spec); err != nil || info.Description == "" {
			t.Errorf("List entry %q: Open(%q) error %v, description %q", info.Name, spec, err, info.Description)
		}
	}
}
