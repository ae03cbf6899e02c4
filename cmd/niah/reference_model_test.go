package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"niah/gguf"
)

func TestRefModelCmdWritesModelAndNextSteps(t *testing.T) {
	for _, c := range []struct {
		args             []string
		name, lengths    string
		scaled           bool
		headDim          uint64
		wantContextInOut string
	}{
		{nil, "niah-ref", "--lengths 1k,2k,3k ", false, 204, "2310 tokens"},
		{[]string{"--rope-scale", "2"}, "niah-ref-x2", "--lengths 1k,2k,3k,4k,6k ", true, 204, "4620 tokens"},
		{[]string{"--head-dim", "224"}, "niah-ref-h224", "--lengths 1k,2k,3k ", false, 224, "padded from 204 to 224"},
		{[]string{"--head-dim", "256", "--rope-scale", "2"}, "niah-ref-x2-h256", "--lengths 1k,2k,3k,4k,6k ", true, 256, "4620 tokens"},
	} {
		path := filepath.Join(t.TempDir(), "ref.gguf")
		var stdout, stderr bytes.Buffer
		err := refModelCmd(context.Background(), append([]string{"--out", path}, c.args...), &stdout, &stderr)
		if err != nil {
			t.Fatalf("%v: %v (stderr %q)", c.args, err, stderr.String())
		}
		f, err := gguf.ReadFile(path)
		if err != nil {
			t.Fatalf("%v: the written file does not read back: %v", c.args, err)
		}
		if typ, ok := f.String("llama.rope.scaling.type"); ok != c.scaled || (ok && typ != "linear") {
			t.Errorf("%v: rope scaling type %q present=%v", c.args, typ, ok)
		}
		if dim, _ := f.Uint("llama.rope.dimension_count"); dim != c.headDim {
			t.Errorf("%v: head dimension %d, want %d", c.args, dim, c.headDim)
		}
		out := stdout.String()
		t.Log(out)
		for _, want := range []string{"wrote " + path, c.wantContextInOut, "ollama create " + c.name,
			"llama-server -m", "niah run --model ollama:" + c.name + " --task passkey --haystack noise --tokenizer bytes " + c.lengths} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: output lacks %q:\n%s", c.args, want, out)
			}
		}
	}
}

func TestRefModelCmdSlidingWindow(t *testing.T) {
	for _, c := range []struct {
		args   []string
		name   string
		layers uint64
		want   string
	}{
		{[]string{"--sliding-window", "1024"}, "niah-ref-swa1024", 3, "a distance limit near 1,024 tokens"},
		{[]string{"--sliding-window", "1024", "--global-layer"}, "niah-ref-swa1024-global", 2, "the diagnosis says no failure"},
	} {
		path := filepath.Join(t.TempDir(), "swa.gguf")
		var stdout, stderr bytes.Buffer
		if err := refModelCmd(context.Background(), append([]string{"--out", path}, c.args...), &stdout, &stderr); err != nil {
			t.Fatalf("%v: %v", c.args, err)
		}
		f, err := gguf.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if w, _ := f.Uint("gemma2.attention.sliding_window"); w != 1024 {
			t.Errorf("%v: sliding_window %d", c.args, w)
		}
		if n, _ := f.Uint("gemma2.block_count"); n != c.layers {
			t.Errorf("%v: %d layers, want %d", c.args, n, c.layers)
		}
		out := stdout.String()
		for _, want := range []string{"ollama create " + c.name, "--lengths 1K,2K,3K", "--swa-full", c.want} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: output lacks %q:\n%s", c.args, want, out)
			}
		}
	}
}

func TestRefModelCmdErrorsNameTheFlag(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		flag string
	}{
		{nil, "--out"},
		{[]string{"--out", filepath.Join(dir, "a.gguf"), "--rope-scale", "1.5"}, "--rope-scale"},
		{[]string{"--out", filepath.Join(dir, "a.gguf"), "--rope-scale", "x"}, "rope-scale"},
		{[]string{"--out", filepath.Join(dir, "a.gguf"), "--head-dim", "230"}, "--head-dim"},
		{[]string{"--out", filepath.Join(dir, "a.gguf"), "--head-dim", "192"}, "--head-dim"},
		{[]string{"--out", filepath.Join(dir, "a.gguf"), "--head-dim", "x"}, "head-dim"},
		{[]string{"--out", filepath.Join(dir, "no", "such", "dir", "a.gguf")}, "--out"},
		{[]string{"--out", filepath.Join(dir, "a.gguf"), "extra"}, "extra"},
		{[]string{"--out", filepath.Join(dir, "a.gguf"), "--sliding-window", "10"}, "--sliding-window"},
		{[]string{"--out", filepath.Join(dir, "a.gguf"), "--global-layer"}, "--global-layer"},
		{[]string{"--out", filepath.Join(dir, "a.gguf"), "--sliding-window", "1024", "--rope-scale", "2"}, "--rope-scale"},
		{[]string{"--out", filepath.Join(dir, "a.gguf"), "--sliding-window", "1024", "--head-dim", "224"}, "--head-dim"},
	} {
		var stdout, stderr bytes.Buffer
		err := refModelCmd(context.Background(), c.args, &stdout, &stderr)
		if err == nil || !strings.Contains(err.Error(), c.flag) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: error %v, want one line naming %s", c.args, err, c.flag)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "a.gguf")); err == nil {
		t.Errorf("a file was written despite the bad flags")
	}
}
