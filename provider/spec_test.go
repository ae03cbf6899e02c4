package provider

import (
	"strings"
	"testing"
)

func TestParseSpec(t *testing.T) {
	cases := []struct {
		in             string
		prov           Kind
		model, baseURL string
	}{
		{"ollama:qwen3:8b", "ollama", "qwen3:8b", "http://127.0.0.1:11434"},
		{"openai:gpt-4.1@https://api.openai.com/v1", "openai", "gpt-4.1", "https://api.openai.com/v1"},
		{"vllm:Qwen/Qwen3-8B@http://gpu1:8000/v1", "vllm", "Qwen/Qwen3-8B", "http://gpu1:8000/v1"},
		{"vllm:Qwen/Qwen3-8B", "vllm", "Qwen/Qwen3-8B", "http://127.0.0.1:8000/v1"},
		{"llamacpp:any", "llamacpp", "any", "http://127.0.0.1:8080/v1"},
		{"sglang:m", "sglang", "m", "http://127.0.0.1:30000/v1"},
		{"lmstudio:m", "lmstudio", "m", "http://127.0.0.1:1234/v1"},
		{"tgi:m", "tgi", "m", "http://127.0.0.1:8080/v1"},
		{"anthropic:claude-sonnet-4-5", "anthropic", "claude-sonnet-4-5", "https://api.anthropic.com"},
		{"gemini:gemini-2.5-pro", "gemini", "gemini-2.5-pro", "https://generativelanguage.googleapis.com/v1beta"},
		// an '@' not followed by a scheme belongs to the model; the last URL '@' wins
		{"ollama:me@home:7b", "ollama", "me@home:7b", "http://127.0.0.1:11434"},
		{"ollama:a@b@http://h:1/", "ollama", "a@b", "http://h:1"},
		{"OLLAMA:x@HTTPS://h", "ollama", "x", "HTTPS://h"},
		{"sim", "sim", "", ""},
		{"sim:small", "sim", "small", ""},
	}
	for _, c := range cases {
		s, err := ParseSpec(c.in)
		if err != nil {
			t.Errorf("ParseSpec(%q): %v", c.in, err)
			continue
		}
		if s.Provider != c.prov || s.Model != c.model || s.BaseURL != c.baseURL {
			t.Errorf("ParseSpec(%q) = %+v, want %s | %s | %s", c.in, s, c.prov, c.model, c.baseURL)
		}
	}
}

// A spec's error quotes the spec, in one line; the command line or the
// suite file in front names where it was written (--model, spec:).
func TestParseSpecErrorsQuoteTheSpec(t *testing.T) {
	for _, in := range []string{"", "qwen3", "nosuch:model", "ollama:", "ollama:@http://h:1", "vllm:m@http://"} {
		_, err := ParseSpec(in)
		if err == nil {
			t.Errorf("ParseSpec(%q) succeeded", in)
			continue
		}
		if !strings.HasPrefix(err.Error(), `"`) || strings.Contains(err.Error(), "\n") {
			t.Errorf("ParseSpec(%q) error %q: want one line starting with the quoted spec", in, err)
		}
	}
}

func TestSpecStringHidesURLSecrets(t *testing.T) {
	s, err := ParseSpec("vllm:m@http://user:hunter2@gpu1:8000/v1?key=abc")
	if err != nil {
		t.Fatal(err)
	}
	got := s.String()
	if strings.Contains(got, "hunter2") || strings.Contains(got, "abc") {
		t.Fatalf("String() leaks secrets: %s", got)
	}
	if got != "vllm:m@http://gpu1:8000/v1" {
		t.Fatalf("String() = %q", got)
	}
	back, err := ParseSpec("ollama:qwen3:8b")
	if err != nil || back.String() != "ollama:qwen3:8b@http://127.0.0.1:11434" {
		t.Fatalf("round trip: %q %v", back.String(), err)
	}
}

func TestOpenBuildsEveryRegisteredProvider(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "k")
	t.Setenv("GEMINI_API_KEY", "k")
	t.Setenv("OPENAI_API_KEY", "k")
	for _, p := range registry {
		spec := string(p.Name) + ":m"
		c, err := openSpec(spec, Options{})
		if p.DefaultURL == "" { // the simulation: package sim opens it
			if err == nil || !strings.Contains(err.Error(), "--model") {
				t.Errorf("Open(%q) = %v, want a refusal naming --model", spec, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Open(%q): %v", spec, err)
			continue
		}
		if !strings.HasPrefix(c.Spec(), string(p.Name)+":") {
			t.Errorf("Open(%q).Spec() = %q", spec, c.Spec())
		}
	}
	if _, err := Open(Spec{Provider: "nosuch", Model: "m"}, Options{}); err == nil || !strings.Contains(err.Error(), "ollama") {
		t.Errorf("unknown provider: %v, want an error listing the known ones", err)
	}
}

func TestOpenRefusesMissingKeys(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "")
	spec, _ := ParseSpec("anthropic:claude-x")
	_, err := Open(spec, Options{})
	if err == nil || !strings.Contains(err.Error(), "ANTHROPIC_API_KEY") || !strings.Contains(err.Error(), "--model") {
		t.Errorf("missing key: %v", err)
	}
	t.Setenv("MY_KEY", "")
	spec, _ = ParseSpec("vllm:m@http://127.0.0.1:1/v1")
	if _, err := Open(spec, Options{APIKeyEnv: "MY_KEY"}); err == nil || !strings.Contains(err.Error(), "MY_KEY") {
		t.Errorf("empty --api-key-env variable: %v", err)
	}
	// a local alias needs no key, and never picks up the hosted one
	t.Setenv("OPENAI_API_KEY", "sk-hosted")
	c, err := Open(spec, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c.(*openAICounting).c.secret != "" {
		t.Error("local vllm alias picked up OPENAI_API_KEY")
	}
}

// A spec's label is the spec without its server; LabelOf finds the same
// label in the text, where a suite's templates are not yet specs. Written
// is the spec as given, secrets dropped.
func TestSpecLabels(t *testing.T) {
	for _, c := range []struct{ in, label, written string }{
		{"ollama:qwen3:8b", "ollama:qwen3:8b", "ollama:qwen3:8b"},
		{"vllm:org/m@x@http://u:pw@gpu1:8000/v1?key=k", "vllm:org/m@x", "vllm:org/m@x@http://gpu1:8000/v1"},
		{"vllm:m@http://a:1/v1,http://b:1/v1", "vllm:m", "vllm:m@http://a:1/v1,http://b:1/v1"},
		{"openai:gpt@HTTPS://h/v1", "openai:gpt", "openai:gpt@https://h/v1"},
		{"ollama:me@home:7b", "ollama:me@home:7b", "ollama:me@home:7b"},
		{"sim", "sim", "sim"},
		{"sim:32k", "sim:32k", "sim:32k"},
	} {
		s, err := ParseSpec(c.in)
		if err != nil {
			t.Fatal(err)
		}
		if s.Label() != c.label || LabelOf(c.in) != c.label || s.Written() != c.written {
			t.Errorf("%q: Label %q, LabelOf %q, Written %q; want %q, %q", c.in, s.Label(), LabelOf(c.in), s.Written(), c.label, c.written)
		}
	}
	if got := LabelOf("llamacpp:{model}@http://127.0.0.1:{port}/v1"); got != "llamacpp:{model}" {
		t.Errorf("template label %q", got)
	}
}
