package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"niah/results"
)

// Backoff bounds: base 1 s doubling per retry, capped at 60 s; a server's
// Retry-After is honoured up to 10 minutes.
const (
	backoffBase      = time.Second
	backoffCap       = 60 * time.Second
	retryAfterCap    = 10 * time.Minute
	infoTimeout      = 20 * time.Second
	maxResponseBytes = 32 << 20 // a 1M-token /tokenize answer is ~8 MB, a 256K vocabulary from /api/show ~10 MB
	maxRawKept       = 1 << 20  // stream chunks kept for Response.Raw
)

// errTooLarge ends the reading of a body beyond maxResponseBytes: a server
// sending without end must not take the machine's memory.
var errTooLarge = errors.New("response too large")

// cappedBody reads at most n bytes of a response body, then errTooLarge.
type cappedBody struct {
	io.ReadCloser
	n int64
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.n <= 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > b.n {
		p = p[:b.n]
	}
	k, err := b.ReadCloser.Read(p)
	b.n -= int64(k)
	return k, err
}

// conn is the HTTP plumbing shared by every protocol client.
type conn struct {
	kind    Kind   // what the server is, for messages
	base    string // base URL, no trailing slash
	http    *http.Client
	timeout time.Duration // per attempt
	retries int
	sleep   func(context.Context, time.Duration) error
	secret  string // the API key: scrubbed from everything we return
	// urlSecrets are the base URL's password and query values, scrubbed too.
	urlSecrets []string
	header     http.Header // auth and version headers for every request
	limit      int64       // bytes read of one response; 0 is answers (see big)
	answers    int64       // bytes read of a completion (Options.MaxAnswerBytes)
}

func (c *conn) readLimit() int64 {
	if c.limit > 0 {
		return c.limit
	}
	if c.answers > 0 {
		return c.answers
	}
	return DefaultMaxAnswerBytes
}

// big is c for the exchanges whose answers may be large: model info (a
// whole vocabulary) and token counts.
func (c *conn) big() *conn {
	cp := *c
	cp.limit = maxResponseBytes
	return &cp
}

// keepRaw appends a stream chunk to those kept for Response.Raw until
// they reach maxRawKept: the answer itself is kept elsewhere.
func keepRaw(chunks []json.RawMessage, kept *int, chunk json.RawMessage) []json.RawMessage {
	if *kept+len(chunk) > maxRawKept {
		return chunks
	}
	*kept += len(chunk)
	return append(chunks, chunk)
}

// reply is one complete HTTP exchange.
type reply struct {
	status  int
	header  http.Header
	body    []byte
	began   time.Time
	latency time.Duration
}

// where names the server in messages without leaking URL secrets.
func (c *conn) where() string { return string(c.kind) + " at " + redactURL(c.base) }

// fail builds a one-line classified error naming the server.
func (c *conn) fail(class results.Reason, status int, format string, args ...any) *Error {
	msg := c.where() + ": " + fmt.Sprintf(format, args...)
	return &Error{Reason: class, HTTPStatus: status, Message: CleanText(c.scrub(msg))}
}

// scrub removes the API key and URL credentials from any text we hand
// back, and any URL's user info and query.
func (c *conn) scrub(s string) string {
	for _, secret := range append([]string{c.secret}, c.urlSecrets...) {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, "[redacted]")
		}
	}
	return RedactText(s)
}

// rawJSON returns the body, secret-free, as valid JSON: a non-JSON body is
// kept as a JSON string so records can always embed it.
func (c *conn) rawJSON(body []byte) json.RawMessage {
	for _, secret := range append([]string{c.secret}, c.urlSecrets...) {
		if secret != "" {
			body = bytes.ReplaceAll(body, []byte(secret), []byte("[redacted]"))
		}
	}
	body = bytes.TrimSpace(body)
	if len(body) > 0 && json.Valid(body) {
		return json.RawMessage(body)
	}
	if len(body) > maxRawKept { // a broken body is kept as evidence, not whole
		body = body[:maxRawKept]
	}
	quoted, _ := json.Marshal(string(body))
	return quoted
}

// start sends one request and returns the live response if the status is
// 2xx; any other status is read into the reply and classified.
func (c *conn) start(ctx context.Context, method, path string, body any) (*http.Response, reply, *Error) {
	var payload io.Reader
	if body != nil {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false) // send the haystack text as is
		if err := enc.Encode(body); err != nil {
			return nil, reply{}, c.fail(results.ReasonBadRequest, 0, "cannot encode request: %v", err)
		}
		payload = &buf
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, payload)
	if err != nil {
		return nil, reply{}, c.fail(results.ReasonBadRequest, 0, "bad request URL: %v", err)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	r := reply{began: time.Now()}
	resp, err := c.http.Do(req)
	if err != nil {
		r.latency = time.Since(r.began)
		return nil, r, c.transportError(ctx, err)
	}
	r.status, r.header = resp.StatusCode, resp.Header
	resp.Body = &cappedBody{resp.Body, c.readLimit()}
	if resp.StatusCode/100 == 2 {
		return resp, r, nil
	}
	r, e := c.finish(ctx, resp, r)
	if e != nil {
		return nil, r, e
	}
	out := c.fail(classifyStatus(r.status, r.body), r.status, "HTTP %d: %s", r.status, serverMessage(r.body))
	out.RetryAfter = parseRetryAfter(r.header, time.Now())
	return nil, r, out
}

// maxWholeAnswerBytes bounds a completion read whole (not streamed): a
// 32K-token answer is ~150 KB of JSON, and every request in flight may
// hold this much at once.
const maxWholeAnswerBytes = 4 << 20

// finish reads a whole response body into r.
func (c *conn) finish(ctx context.Context, resp *http.Response, r reply) (reply, *Error) {
	defer resp.Body.Close()
	limit := c.readLimit()
	if c.limit == 0 {
		limit = min(limit, maxWholeAnswerBytes)
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 && resp.ContentLength <= limit {
		buf.Grow(int(resp.ContentLength)) // one allocation, not a doubling series
	}
	_, err := buf.ReadFrom(io.LimitReader(resp.Body, limit+1))
	body := buf.Bytes()
	r.body, r.latency = body, time.Since(r.began)
	if err == nil && int64(len(body)) > limit {
		r.body = body[:limit]
		return r, c.fail(results.ReasonBadResponse, resp.StatusCode, "response larger than %d MB: niah reads no more of it", limit>>20)
	}
	if err != nil {
		e := c.transportError(ctx, err)
		e.HTTPStatus = resp.StatusCode
		return r, e
	}
	return r, nil
}

// send does one complete exchange; a non-2xx status comes back as an *Error
// together with the body that was read.
func (c *conn) send(ctx context.Context, method, path string, body any) (reply, *Error) {
	resp, r, e := c.start(ctx, method, path, body)
	if e != nil {
		return r, e
	}
	return c.finish(ctx, resp, r)
}

// transportError classifies a failure below HTTP: timeout or network.
func (c *conn) transportError(ctx context.Context, err error) *Error {
	if errors.Is(err, errTooLarge) {
		return c.fail(results.ReasonBadResponse, 0, "response larger than %d MB: niah reads no more of it", c.readLimit()>>20)
	}
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || ctx.Err() == context.DeadlineExceeded ||
		(errors.As(err, &ne) && ne.Timeout()) {
		return c.fail(results.ReasonTimeout, 0, "no complete answer within %v (raise --timeout for long prompts)", c.timeout)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err // drop the method and URL: we name the server ourselves
	}
	return c.fail(results.ReasonNetwork, 0, "cannot reach server: %v", err)
}

// withRetries runs one attempt per call of once, each under the per-request
// timeout, retrying transient failures with jittered exponential backoff.
func (c *conn) withRetries(ctx context.Context, once func(context.Context) (Response, *Error)) (Response, error) {
	for attempt := 1; ; attempt++ {
		actx, cancel := context.WithTimeout(ctx, c.timeout)
		resp, e := once(actx)
		cancel()
		resp.Attempts = attempt
		if e == nil {
			return resp, nil
		}
		if ctx.Err() != nil {
			return resp, ctx.Err() // the caller gave up: not the server's fault
		}
		e.Attempts = attempt
		if !transient(e.Reason) || attempt > c.retries {
			return resp, e
		}
		if err := c.sleep(ctx, c.backoff(attempt, e.RetryAfter)); err != nil {
			return resp, err
		}
	}
}

// backoff is the wait before retry number attempt (1-based): the server's
// Retry-After if it gave one, else base*2^(attempt-1) capped, with the upper
// half jittered so parallel clients do not retry in lockstep.
func (c *conn) backoff(attempt int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return retryAfter // capped by parseRetryAfter
	}
	d := backoffCap
	if attempt <= 7 {
		d = min(backoffBase<<(attempt-1), backoffCap)
	}
	return d/2 + rand.N(d/2+1)
}

// sleepContext waits d or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// probe is one Info request: short timeout, no retries, so an unreachable
// server is reported at once.
func (c *conn) probe(ctx context.Context, method, path string, body any, out any) (reply, *Error) {
	c = c.big()
	if c.timeout > infoTimeout {
		c.timeout = infoTimeout // so a timeout names the limit that fired
	}
	pctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	r, e := c.send(pctx, method, path, body)
	if e != nil {
		return r, e
	}
	if out != nil {
		if err := json.Unmarshal(r.body, out); err != nil {
			return r, c.fail(results.ReasonBadResponse, r.status, "%s %s: unparseable JSON: %s", method, path, oneLine(err.Error()))
		}
	}
	return r, nil
}

// call is a JSON exchange with retries whose answer decodes into out.
func (c *conn) call(ctx context.Context, method, path string, body, out any) error {
	c = c.big()
	_, err := c.withRetries(ctx, func(actx context.Context) (Response, *Error) {
		r, e := c.send(actx, method, path, body)
		if e != nil {
			return Response{}, e
		}
		if err := json.Unmarshal(r.body, out); err != nil {
			return Response{}, c.badJSON(r, path, err)
		}
		return Response{}, nil
	})
	return err
}

// base response fields every protocol fills from one exchange.
func (c *conn) response(r reply) Response {
	return Response{HTTPStatus: r.status, Latency: r.latency, Raw: c.rawJSON(r.body)}
}

// badJSON reports an answer we could not decode.
func (c *conn) badJSON(r reply, path string, err error) *Error {
	if len(bytes.TrimSpace(r.body)) == 0 {
		return c.fail(results.ReasonBadResponse, r.status, "%s: empty response body", path)
	}
	return c.fail(results.ReasonBadResponse, r.status, "%s: unparseable JSON (%s): %s", path, oneLine(err.Error()), oneLine(string(r.body[:min(len(r.body), 4096)])))
}

// embedded reports an error object a server put inside a 2xx answer.
func (c *conn) embedded(status int, errObj json.RawMessage) *Error {
	return c.fail(classifyEmbedded(errObj), status, "error in HTTP %d answer: %s", status,
		serverMessage([]byte(`{"error":`+string(errObj)+`}`)))
}

// hasValue reports whether a decoded JSON field is present and not null.
func hasValue(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) > 0 && !bytes.Equal(t, []byte("null"))
}

// maxStreamText bounds the answer (and the reasoning) a stream collects;
// the trial keeps less still (runner.MaxAnswerBytes), so nothing it grades
// is lost.
const maxStreamText = 1 << 20

// streamText collects streamed text up to maxStreamText and drops the rest.
type streamText struct{ b strings.Builder }

func (t *streamText) WriteString(s string) (int, error) {
	if room := maxStreamText - t.b.Len(); len(s) > room {
		room = max(room, 0)
		for room > 0 && !utf8.RuneStart(s[room]) {
			room-- // whole characters only
		}
		s = s[:room]
	}
	return t.b.WriteString(s)
}

func (t *streamText) String() string { return t.b.String() }
