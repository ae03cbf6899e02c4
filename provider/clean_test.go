package provider

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestCleanText(t *testing.T) {
	cases := map[string]string{
		"plain: 42\twith tab\nand line":               "plain: 42\twith tab\nand line",
		"\x1b[31mred\x1b[0m and \x1b[2J\x1b[Hclear":   "red and clear",
		"\x1b]0;pwned title\x07after":                 "after",
		"\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\": "link",
		"bell\x07 back\bspace\r carriage":             "bell backspace carriage",
		"c1 \u009b31m csi and \u0085 nel":             "c1 31m csi and  nel",
		"bidi \u202egnp.exe\u202c":                    "bidi gnp.exe",
		"bad \xff utf8":                               "bad \uFFFD utf8",
		"trailing esc \x1b":                           "trailing esc ",
		"unterminated \x1b[31":                        "unterminated ",
		"héllo 世界":                                    "héllo 世界",
	}
	for in, want := range cases {
		if got := CleanText(in); got != want {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
	}
}

// What a server says reaches messages without escape sequences: an error
// body and the server's own description of itself.
func TestServerTextIsCleaned(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/version":
			w.Write([]byte(`{"version":"0.1\u001b[2J\u001b]0;owned\u0007"}`))
		default:
			http.Error(w, "{\"error\":\"\x1b[31mboom\x1b[0m \x1b]0;title\x07\"}", http.StatusBadRequest)
		}
	}))
	defer srv.Close()
	c := client(t, "ollama:m", srv.URL, Options{MaxRetries: -1})
	_, err := c.Complete(context.Background(), Request{Messages: userMsg, MaxTokens: 8})
	if err == nil || strings.ContainsAny(err.Error(), "\x1b\x07") || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("error: %q", err)
	}
	info, _ := c.Info(context.Background())
	if got := CleanInfo(info).Version; got != "0.1" {
		t.Fatalf("version %q", got)
	}
}

// Characters that print as nothing are dropped too (issue 24: U+200B got
// through): they could make two different texts look alike on a terminal.
func TestCleanTextDropsInvisibles(t *testing.T) {
	cases := map[string]string{
		"sk-\u200bsecret":                   "sk-secret",
		"a\u200cb\u200dc\u2060d\ufeffe":     "abcde",
		"soft\u00adhyphen":                  "softhyphen",
		"tag\U000E0041\U000E0042\U000E007F": "tag",
		"filler\u3164\u115f\u034fend":       "fillerend",
		"visible: é ß 世界 — ✓":               "visible: é ß 世界 — ✓",
	}
	for in, want := range cases {
		if got := CleanText(in); got != want {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
	}
}
