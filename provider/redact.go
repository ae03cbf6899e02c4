package provider

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// urlInText finds URLs in free text (a command line, a label, a message).
var urlInText = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s"']+`)

// RedactText drops the user info, query and fragment of every URL in s:
// what a command line or label may carry into a manifest, a report or a
// terminal without its secrets.
func RedactText(s string) string {
	if !strings.Contains(s, "://") {
		return s
	}
	return urlInText.ReplaceAllStringFunc(s, func(u string) string {
		// Sentence punctuation after a URL ("at http://h:1: HTTP 500") is not part of it.
		cut := strings.TrimRight(u, ":,.;)]")
		return redactURL(cut) + u[len(cut):]
	})
}

// urlSecrets are the parts of a base URL that may be credentials: the
// password (or a lone user name, a token) and every query value.
func urlSecrets(raw string) []string {
	u, err := url.Parse(raw)
	if err != nil {
		return nil
	}
	var out []string
	if u.User != nil {
		if p, ok := u.User.Password(); ok {
			out = append(out, p)
		} else {
			out = append(out, u.User.Username())
		}
	}
	for _, vs := range u.Query() {
		out = append(out, vs...)
	}
	return credentialLike(out)
}

// credentialLike keeps the values long enough to be a secret: scrubbing
// "1" of "?v=1" would garble every number in every message.
func credentialLike(vals []string) []string {
	out := vals[:0]
	for _, v := range vals {
		if len(v) >= 4 {
			out = append(out, v)
		}
	}
	return out
}

// credentialHeaders are the request headers that carry an API key.
var credentialHeaders = []string{"Authorization", "Proxy-Authorization", "X-Api-Key", "X-Goog-Api-Key", "Api-Key", "Cookie"}

// sameOrigin: scheme, host and port all equal (the port made explicit).
func sameOrigin(a, b *url.URL) bool {
	port := func(u *url.URL) string {
		if p := u.Port(); p != "" {
			return p
		}
		if strings.EqualFold(u.Scheme, "https") {
			return "443"
		}
		return "80"
	}
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && port(a) == port(b)
}

// keepKeysHome is a CheckRedirect that sends credentials only back to the
// origin the user named: Go's client keeps Authorization on a redirect to
// the same host on any port, and custom key headers everywhere.
func keepKeysHome(req *http.Request, via []*http.Request) error {
	if len(via) >= 10 {
		return http.ErrUseLastResponse // Go's limit, as an answer we classify
	}
	if !sameOrigin(via[0].URL, req.URL) {
		for _, h := range credentialHeaders {
			req.Header.Del(h)
		}
		req.URL.User = nil
	}
	return nil
}

// withRedirectGuard returns hc (or a new client) with keepKeysHome as its
// redirect policy, unless hc has a policy of its own.
func withRedirectGuard(hc *http.Client) *http.Client {
	if hc == nil {
		return &http.Client{CheckRedirect: keepKeysHome}
	}
	if hc.CheckRedirect != nil {
		return hc
	}
	c := *hc
	c.CheckRedirect = keepKeysHome
	return &c
}
