package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"
)

// Options tune every protocol client.
type Options struct {
	// Timeout is per request attempt; default 30m because a 1M-token
	// prefill takes minutes.
	Timeout time.Duration
	// MaxRetries bounds retries of transient failures; 0 means the default
	// 4, a negative value disables retries.
	MaxRetries int
	// APIKeyEnv names the environment variable holding the API key,
	// overriding OPENAI_API_KEY / ANTHROPIC_API_KEY / GEMINI_API_KEY.
	APIKeyEnv string
	// ContextHint is the run's largest prompt plus answer budget; it becomes
	// Ollama's num_ctx unless the user sets one, so the model loads once.
	ContextHint int
	// Stream asks for answers as they are generated: SSE (OpenAI-compatible,
	// Anthropic, Gemini) or NDJSON (Ollama). Every protocol client streams.
	Stream bool
	// Headers are extra HTTP headers every request carries (a suite's
	// variant headers: a routing key, a tenant). Never recorded.
	Headers map[string]string
	// RequestOptions are the run's --option values, for what a client
	// must send on every request, not only with a completion: Anthropic's
	// anthropic-beta header goes to the models and count_tokens endpoints
	// too, as the official SDK sends it.
	RequestOptions map[string]string
	// Warn hears what a client notices while the run goes on (a replica
	// dropped); nil: nobody is told.
	Warn func(string)
	// HTTPClient replaces the default client (tests).
	HTTPClient *http.Client
	// Sleep replaces the backoff clock (tests).
	Sleep func(context.Context, time.Duration) error
	// MaxAnswerBytes bounds a completion's body, streamed or not; 0:
	// DefaultMaxAnswerBytes (tests make it small).
	MaxAnswerBytes int64
	// ReplicaRecheck is how often a dropped replica is asked whether it
	// is back; 0: DefaultReplicaRecheck (tests make it short).
	ReplicaRecheck time.Duration
	// keyOptional builds a client with no key for checks that send nothing.
	keyOptional bool
}

// Defaults of Options' zero values.
const (
	DefaultTimeout    = 30 * time.Minute // a 1M-token prefill takes minutes
	DefaultMaxRetries = 4
	// DefaultMaxAnswerBytes: 32K streamed tokens are ~8 MB of chunks.
	DefaultMaxAnswerBytes = 16 << 20
	DefaultReplicaRecheck = 15 * time.Second
)

// Open returns the client for a parsed spec, built by the row of its
// provider in niah's registry.
func Open(spec Spec, opts Options) (Client, error) { return registry.Open(spec, opts) }

// Open returns the client for spec, built by the row of its provider. The
// simulation runs in-process: package sim opens it.
func (r Registry) Open(spec Spec, opts Options) (Client, error) {
	row, ok := r.Lookup(spec.Provider)
	if !ok {
		return nil, fmt.Errorf("%s: unknown provider %q (known: %s)", spec, spec.Provider, strings.Join(r.Names(), ", "))
	}
	if row.build == nil {
		return nil, fmt.Errorf("--model %s: %s has no server to connect to (the simulation is opened by package sim)", spec, spec.Provider)
	}
	if spec.Model == "" {
		return nil, fmt.Errorf("--model %s: missing model name", spec)
	}
	if len(spec.Replicas) > 1 {
		return newReplicaSet(r, spec, opts)
	}
	if spec.BaseURL == "" {
		spec.BaseURL = row.DefaultURL
	}
	spec.BaseURL = strings.TrimRight(spec.BaseURL, "/")
	c, err := newConn(spec, row, opts)
	if err != nil {
		return nil, err
	}
	return row.build(r, spec, c, opts)
}

func newConn(spec Spec, row Provider, opts Options) (*conn, error) {
	c := &conn{
		kind:    spec.Provider,
		base:    spec.BaseURL,
		http:    opts.HTTPClient,
		timeout: opts.Timeout,
		retries: opts.MaxRetries,
		sleep:   opts.Sleep,
		answers: opts.MaxAnswerBytes,
		header:  http.Header{},
	}
	// No client-wide timeout: each attempt has its own. Keys never follow
	// a redirect to another origin.
	c.http = withRedirectGuard(c.http)
	c.urlSecrets = urlSecrets(spec.BaseURL)
	for k, v := range opts.Headers {
		c.header.Set(k, v)
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	switch {
	case c.retries == 0:
		c.retries = DefaultMaxRetries
	case c.retries < 0:
		c.retries = 0
	}
	if c.sleep == nil {
		c.sleep = sleepContext
	}
	env := opts.APIKeyEnv
	if env == "" {
		env = row.KeyEnv
	}
	if env != "" {
		c.secret = strings.TrimSpace(os.Getenv(env))
		if c.secret == "" && !opts.keyOptional && keyRequired(spec, row, opts) {
			return nil, fmt.Errorf("--model %s: environment variable %s is empty; set it or name another with --api-key-env", spec, env)
		}
	}
	return c, nil
}

// keyRequired: hosted APIs always need a key; an OpenAI-compatible server at
// a custom URL may not, and says so with 401 if it does.
func keyRequired(spec Spec, row Provider, opts Options) bool {
	switch {
	case opts.APIKeyEnv != "" || row.KeyRequired:
		return true
	default:
		return spec.BaseURL == row.DefaultURL && strings.HasPrefix(spec.BaseURL, "https://")
	}
}

// optionValue turns a --option value into what goes into the JSON body:
// JSON when it parses (numbers, booleans, objects), else the plain string.
// A JSON null means "leave this field out", e.g. temperature=null for
// models that refuse the pinned temperature.
func optionValue(v string) (val any, remove bool) {
	t := strings.TrimSpace(v)
	if t == "null" {
		return nil, true
	}
	if json.Valid([]byte(t)) {
		return json.RawMessage(t), false
	}
	return v, false
}

// setOption stores one user option into dst, or deletes the field for null.
func setOption(dst map[string]any, key, value string) {
	val, remove := optionValue(value)
	if remove {
		delete(dst, key)
		return
	}
	dst[key] = val
}

// pinnedOption rejects options that would let a server truncate silently:
// a truncated trial would be graded as a model failure.
func pinnedOption(key string, pinned ...string) error {
	for _, p := range pinned {
		if strings.EqualFold(key, p) {
			return fmt.Errorf("--option %s: niah pins this field so the server can never truncate the prompt silently", key)
		}
	}
	return nil
}

// ensure compile-time that clients keep the interfaces.
var (
	_ Client     = (*openAIClient)(nil)
	_ Client     = (*ollamaClient)(nil)
	_ Client     = (*anthropicClient)(nil)
	_ Client     = (*geminiClient)(nil)
	_ Tokenizing = (*anthropicClient)(nil)
	_ Tokenizing = (*geminiClient)(nil)
	_ Tokenizing = (*openAICounting)(nil)
)
