package provider

import (
	"slices"
	"testing"
)

func TestSecrets(t *testing.T) {
	t.Setenv("NIAH_TEST_KEY", " key-0123456789 ")
	spec, err := ParseSpec("vllm:m@http://u:pw-one-1234@h1:8000/v1?token=tok-5678,http://h2:8000/v1?k=2")
	if err != nil {
		t.Fatal(err)
	}
	got := Secrets(spec, Options{APIKeyEnv: "NIAH_TEST_KEY", Headers: map[string]string{
		"Authorization": "Bearer hdr-abcdef", "X-Session-Id": "sess-9999", "X-Route": "gpu-one"}})
	want := []string{"Bearer hdr-abcdef", "key-0123456789", "pw-one-1234", "hdr-abcdef", "sess-9999", "tok-5678"}
	if !slices.Equal(got, want) {
		t.Errorf("Secrets = %q\nwant %q (longest first; not X-Route's value, nor the 1-byte query value)", got, want)
	}
	s, found := Scrub("you sent Bearer hdr-abcdef and pw-one-1234", got)
	if !found || s != "you sent [redacted] and [redacted]" {
		t.Errorf("Scrub: %q %v", s, found)
	}
	if s, found := Scrub("nothing here", got); found || s != "nothing here" {
		t.Errorf("Scrub of a clean text: %q %v", s, found)
	}
}

// The provider's own key variable is read when no other is named.
func TestSecretsDefaultKeyEnv(t *testing.T) {
	t.Setenv("ANTHROPIC_API_KEY", "sk-ant-000111222")
	spec, _ := ParseSpec("anthropic:claude")
	if got := Secrets(spec, Options{}); !slices.Equal(got, []string{"sk-ant-000111222"}) {
		t.Errorf("Secrets = %q", got)
	}
}
