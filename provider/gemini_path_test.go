package provider

import (
	"context"
	"strings"
	"testing"
)

// TestGeminiModelPaths: each accepted model name and base URL lands on the
// resource path the API defines, for generateContent, the model's own
// record (Info) and countTokens.
func TestGeminiModelPaths(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "k")
	cases := []struct {
		name, model, suffix, resource string
	}{
		{"bare name, versionless root", "gemini-2.5-pro", "", "/v1beta/models/gemini-2.5-pro"},
		{"models/ prefix", "models/gemini-2.5-pro", "", "/v1beta/models/gemini-2.5-pro"},
		{"tuned model", "tunedModels/my-tune-01", "", "/v1beta/tunedModels/my-tune-01"},
		{"base already versioned", "gemini-2.5-flash", "/v1beta", "/v1beta/models/gemini-2.5-flash"},
		{"base on v1", "gemini-2.0-flash-001", "/v1", "/v1/models/gemini-2.0-flash-001"},
		{"proxy root gets the version", "gemma-3-27b-it", "/gemini-proxy", "/gemini-proxy/v1beta/models/gemma-3-27b-it"},
		{"trailing slash", "models/g_1", "/v1beta/", "/v1beta/models/g_1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t, map[string][]scripted{
				"POST " + tc.resource + ":generateContent": {{body: geminiReply}},
				"GET " + tc.resource:                       {{body: `{"inputTokenLimit":1048576}`}},
				"POST " + tc.resource + ":countTokens":     {{body: `{"totalTokens":5}`}},
			})
			c := client(t, "gemini:"+tc.model, f.URL+tc.suffix, Options{})
			if _, err := c.Complete(context.Background(), Request{Messages: userMsg}); err != nil {
				t.Fatal(err)
			}
			if _, err := c.Info(context.Background()); err != nil {
				t.Fatal(err)
			}
			if _, err := c.(Tokenizing).CountTokens(context.Background(), "x"); err != nil {
				t.Fatal(err)
			}
			if n := len(f.requests(tc.resource + ":generateContent")); n != 1 {
				t.Fatalf("%d requests on %s:generateContent", n, tc.resource)
			}
			if q := f.requests(tc.resource + ":generateContent")[0].Query; q != "" {
				t.Fatalf("query %q", q)
			}
		})
	}
}

// TestGeminiRefusesModelNamesOutsideTheForms: a name that would change the
// request's path or query is refused in one line, before any request.
func TestGeminiRefusesModelNamesOutsideTheForms(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "k")
	f := newFake(t, nil)
	for _, model := range []string{
		"gemini-2.5-pro?alt=sse", "gemini&key=x", "../v1/models/x", "models/../x", "models/a/b",
		"publishers/google/models/x", "models/", "tunedModels/", "a#b", "a%2Fb", "a b", "..", ".",
		"gemini-2.5-pro:streamGenerateContent", "Models/x", "gemini-é",
	} {
		spec, err := ParseSpec("gemini:" + model + "@" + f.URL)
		if err != nil {
			t.Fatalf("%q: %v", model, err)
		}
		c, err := Open(spec, Options{})
		if err == nil {
			t.Fatalf("%q accepted as %T", model, c)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "--model gemini:") || strings.Contains(msg, "\n") || !strings.Contains(msg, "Gemini model") {
			t.Fatalf("%q: want one line naming --model and the rule: %q", model, msg)
		}
	}
	if len(f.reqs) != 0 {
		t.Fatalf("refused names reached the server: %+v", f.reqs)
	}
}

// TestGeminiBaseURLRules: a base URL carrying a query is refused (the
// paths would land inside it), without printing the query.
func TestGeminiBaseURLRules(t *testing.T) {
	t.Setenv("GEMINI_API_KEY", "k")
	spec, err := ParseSpec("gemini:g@https://proxy.example/v1beta?token=s3cret")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(spec, Options{})
	if err == nil || !strings.Contains(err.Error(), "query string") || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("%v", err)
	}
	for base, want := range map[string]string{
		"https://generativelanguage.googleapis.com":         "https://generativelanguage.googleapis.com/v1beta",
		"https://generativelanguage.googleapis.com/v1beta":  "https://generativelanguage.googleapis.com/v1beta",
		"https://generativelanguage.googleapis.com/v1alpha": "https://generativelanguage.googleapis.com/v1alpha",
		"http://10.0.0.5:8080/google/v1":                    "http://10.0.0.5:8080/google/v1",
		"http://10.0.0.5:8080/v1beta/proxy":                 "http://10.0.0.5:8080/v1beta/proxy/v1beta",
		"http://10.0.0.5:8080/vendor":                       "http://10.0.0.5:8080/vendor/v1beta",
	} {
		got, err := geminiBase(Spec{Provider: "gemini", Model: "g", BaseURL: base})
		if err != nil || got != want {
			t.Fatalf("%s: got %q %v, want %q", base, got, err, want)
		}
	}
}
