package haystack

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// ollamaTokenizerTestdata returns Ollama v0.17.4's tokenizer/testdata in the
// Go module cache: reference vocabularies and text whose expected token ids
// in Ollama's tests came from the reference implementations. Without it the
// test is skipped, except in CI (which fetches the module first) where that
// is a failure.
func ollamaTokenizerTestdata(t testing.TB) string {
	t.Helper()
	dir, err := ollamaDir()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("reference data missing in CI: %v", err)
		}
		t.Skipf("skipping: reference data not available (%v); run `go mod download github.com/ollama/ollama@v0.17.4`", err)
	}
	return dir
}

var ollamaDir = sync.OnceValues(func() (string, error) {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMODCACHE: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "github.com", "ollama", "ollama@v0.17.4", "tokenizer", "testdata")
	if _, err := os.Stat(filepath.Join(dir, "war-and-peace.txt")); err != nil {
		return "", err
	}
	return dir, nil
})

// warAndPeace returns the first n bytes of the novel (all of it if n <= 0).
func warAndPeace(t testing.TB, n int) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(ollamaTokenizerTestdata(t), "war-and-peace.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if n > 0 && n < len(b) {
		b = b[:n]
	}
	return string(b)
}

// variedText builds deterministic text that exercises every pre-tokenizer
// branch: prose, capitals, contractions, numbers, code, CJK, emoji, runs of
// spaces and newlines, and special-token look-alikes.
func variedText(size int) string {
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"the", "The", "needle", "HAYSTACK", "isn't", "we'll", "naïve", "café", "Straße",
		"мир", "Привет", "東京", "日本語のテキスト", "😀", "🎉🎉", "12", "3.14159", "100000", "2024-01-02",
		"func(x int) {", "}", "<|endoftext|>", "<|im_start|>", "\t", "e.g.", "U.S.A.", "--", "...", "“quoted”"}
	seps := []string{" ", " ", " ", " ", ", ", ". ", "! ", "? ", "\n", "\n\n", "  ", "   ", "\r\n", ";", ""}
	var sb strings.Builder
	for sb.Len() < size {
		sb.WriteString(words[r.IntN(len(words))])
		sb.WriteString(seps[r.IntN(len(seps))])
	}
	return sb.String()
}
