package provider

import (
	"fmt"
	"strings"
)

// requestChecker is implemented by clients whose request body, built from
// the run's --option values, can be refused before anything is sent.
type requestChecker interface {
	checkRequest(req Request) error
}

// CheckRequest builds req's body for c without sending it, so an option
// the protocol refuses (a pinned field, an extended-thinking budget that
// does not fit --max-tokens) stops a run in one line before its first
// trial instead of failing every trial. Clients with nothing to check
// accept every request.
func CheckRequest(c Client, req Request) error {
	if rc, ok := c.(requestChecker); ok {
		return rc.checkRequest(req)
	}
	return nil
}

// CheckOptions is CheckRequest for a spec, with no server and no key: a
// front end checks a whole plan (every variant of a suite) before
// anything starts. A client that cannot be built yet (its key is not set,
// its URL is still a template) is left to Open, which says why.
func CheckOptions(spec Spec, opts Options, req Request) error {
	if spec.Provider == KindSim {
		return nil
	}
	opts.keyOptional = true
	c, err := Open(spec, opts)
	if err != nil {
		return nil
	}
	return CheckRequest(c, req)
}

// streamOption refuses --option stream: whether an answer is streamed
// decides how it is read, so only --stream may set it. Sent as an option,
// it would make every answer unreadable (or, on Gemini, a refused field).
func streamOption(key string) error {
	if strings.EqualFold(key, "stream") {
		return fmt.Errorf("--option %s: use --stream, which also reads the answer as a stream", key)
	}
	return nil
}

func (a *anthropicClient) checkRequest(req Request) error {
	_, _, err := a.body(req)
	return err
}

func (g *geminiClient) checkRequest(req Request) error {
	_, err := g.body(req)
	return err
}

func (o *openAIClient) checkRequest(req Request) error {
	_, err := o.body(req)
	return err
}

func (o *ollamaClient) checkRequest(req Request) error {
	_, err := o.body(req)
	return err
}
