package haystack

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// LoadFile loads the exact tokenizer of an open model from a local file
// with no network: a Hugging Face tokenizer.json with a
// byte-level BPE model (Llama 3, Qwen 2/2.5/3, GPT-2), a SentencePiece
// tokenizer.model of the Gemma kind, or a .gguf model file's own tokenizer.
// The tokenizer's Name is "<kind>:<first 12 hex digits of the file's
// SHA-256>", kind being "hf", "spm" or "gguf".
func LoadFile(path string) (Tokenizer, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err // names the file
	}
	defer f.Close()
	head := make([]byte, 4)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	isGGUF := string(head) == "GGUF" || strings.EqualFold(filepath.Ext(path), ".gguf")
	if isGGUF {
		// Model files are gigabytes: hash them streaming and let the GGUF
		// reader take only the metadata.
		sum, err := fileSHA256(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return loadGGUFTokenizer(path, "gguf:"+sum)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	sum := sha256.Sum256(data)
	id := hex.EncodeToString(sum[:6])
	if trimmed := bytes.TrimLeft(data, " \t\r\n"); len(trimmed) > 0 && trimmed[0] == '{' {
		t, err := loadHFTokenizer(path, data)
		if err != nil {
			return nil, err
		}
		t.name = "hf:" + id
		return t, nil
	}
	return loadSentencePiece(path, data, "spm:"+id)
}

func fileSHA256(f *os.File) (string, error) {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)[:6]), nil
}
