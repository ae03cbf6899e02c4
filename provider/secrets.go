package provider

import (
	"os"
	"slices"
	"strings"
)

// Redacted replaces a secret wherever niah would otherwise write it.
const Redacted = "[redacted]"

// Secrets are the values a client of spec with opts holds that no file
// may hold: the API key (from its environment variable), every base URL's
// password and query values, and the values of the headers that carry a
// credential (SecretHeader). A server can echo any of them back in an
// answer; the runner scrubs them from each record before it is written.
// Longest first, so a secret holding another is replaced whole.
func Secrets(spec Spec, opts Options) []string {
	var out []string
	env := opts.APIKeyEnv
	if row, ok := registry.Lookup(spec.Provider); ok && env == "" {
		env = row.KeyEnv
	}
	if env != "" {
		out = append(out, strings.TrimSpace(os.Getenv(env)))
	}
	urls := spec.Replicas
	if len(urls) == 0 {
		urls = []string{spec.BaseURL}
	}
	for _, u := range urls {
		out = append(out, urlSecrets(u)...)
	}
	for name, v := range opts.Headers {
		if SecretHeader(name) {
			out = append(out, strings.TrimSpace(v))
			if _, cred, ok := strings.Cut(strings.TrimSpace(v), " "); ok { // "Bearer KEY": the key alone too
				out = append(out, strings.TrimSpace(cred))
			}
		}
	}
	out = credentialLike(out)
	slices.SortFunc(out, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return slices.Compact(out)
}

// SecretHeader reports whether a request header carries a credential, so
// that its value is never written: the headers that carry API keys
// (Authorization, X-Api-Key, Cookie, ...) and any whose name says key,
// token, secret, auth, password, cookie, session or credential.
func SecretHeader(name string) bool {
	n := strings.ToLower(name)
	for _, h := range credentialHeaders {
		if n == strings.ToLower(h) {
			return true
		}
	}
	for _, w := range []string{"key", "token", "secret", "auth", "passw", "cookie", "session", "credential"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// Scrub replaces every secret in s with Redacted and reports whether it
// found one.
func Scrub(s string, secrets []string) (string, bool) {
	found := false
	for _, secret := range secrets {
		if secret != "" && strings.Contains(s, secret) {
			s, found = strings.ReplaceAll(s, secret, Redacted), true
		}
	}
	return s, found
}
