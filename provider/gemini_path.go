package provider

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// geminiVersion is the API version niah adds to a Gemini base URL that
// names none (the API's root, a proxy's root).
const geminiVersion = "v1beta"

// apiVersion matches a path segment that names a Google API version:
// v1, v1beta, v1alpha, v1beta1, v2, ...
var apiVersion = regexp.MustCompile(`^v[0-9]+((alpha|beta)[0-9]*)?$`)

// geminiBase returns the base URL every Gemini path is appended to. One
// whose last path segment is a version (".../v1beta", ".../v1") is kept;
// any other gets /v1beta added, so "https://generativelanguage.googleapis.com"
// and a proxy root work as they are. A query string or fragment is refused:
// the paths would land inside it.
func geminiBase(spec Spec) (string, error) {
	u, err := url.Parse(spec.BaseURL)
	if err != nil {
		return "", fmt.Errorf("--model %s: bad base URL", spec)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return "", fmt.Errorf("--model %s: a Gemini base URL cannot carry a query string or fragment; give the URL up to its path (e.g. https://generativelanguage.googleapis.com/v1beta)", spec)
	}
	base := strings.TrimRight(spec.BaseURL, "/")
	last := base[strings.LastIndex(base, "/")+1:]
	if u.Path != "" && u.Path != "/" && apiVersion.MatchString(last) {
		return base, nil
	}
	return base + "/" + geminiVersion, nil
}

// geminiResource is the API resource a model name addresses: "models/NAME"
// and a bare "NAME" are models/NAME, "tunedModels/NAME" is tunedModels/NAME.
// NAME itself is letters, digits, '.', '-' and '_' (the API's model and
// tuned-model ids are), never "..": anything else would change the request's
// path or query (a "?", "&", "#", "/" or "%" in it), so it is refused.
func geminiResource(spec Spec) (string, error) {
	collection, name := "models", spec.Model
	if rest, ok := strings.CutPrefix(name, "models/"); ok {
		name = rest
	} else if rest, ok := strings.CutPrefix(name, "tunedModels/"); ok {
		collection, name = "tunedModels", rest
	}
	bad := strings.IndexFunc(name, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_')
	})
	switch {
	case name == "":
		return "", fmt.Errorf("--model %s: missing the Gemini model name after %s/", spec, collection)
	case bad >= 0:
		return "", fmt.Errorf("--model %s: a Gemini model is NAME, models/NAME or tunedModels/NAME, where NAME has only letters, digits, '.', '-' and '_'; %q has %q", spec, spec.Model, string([]rune(name[bad:])[0]))
	case strings.Contains(name, "..") || name == ".":
		return "", fmt.Errorf("--model %s: a Gemini model name cannot be %q or hold \"..\"", spec, name)
	}
	return collection + "/" + name, nil
}
