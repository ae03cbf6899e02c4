package runner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"niah/corpora"
	"niah/haystack"
	"niah/provider"
	"niah/results"
)

// SettingError is a bad value in a Setup or ModelConfig. Setting names the
// field (tokenizer, haystack), so a command line can name its flag.
type SettingError struct {
	Setting string
	Err     error
}

func (e *SettingError) Error() string { return e.Setting + ": " + e.Err.Error() }
func (e *SettingError) Unwrap() error { return e.Err }

func badSetting(setting string, err error) error {
	var se *SettingError
	if errors.As(err, &se) {
		return err
	}
	return &SettingError{Setting: setting, Err: err}
}

// Model is one model made ready to run.
type Model struct {
	Job Job
	// Jobs are the model's jobs, one per task of the plan (a set has
	// several); Jobs[0] is Job.
	Jobs   []Job
	Server provider.ServerInfo
	Info   results.ModelInfo // for the manifest
	// Note says how lengths were made the model's own tokens.
	Note string
	// Warnings are for the user and the manifest: approximate lengths, a
	// failed calibration, a cache that could not be written.
	Warnings []string
}

// connect makes the client of a model spec, refuses the options its
// protocol refuses (req: the run's options and answer budget) before the
// first request, since the server lookup already carries the key, and
// asks its server what it is; an error names the server.
func connect(ctx context.Context, spec provider.Spec, opts provider.Options, req provider.Request) (provider.Client, provider.ServerInfo, error) {
	client, err := OpenClient(spec, opts)
	if err != nil {
		return nil, provider.ServerInfo{}, err
	}
	if err := provider.CheckRequest(client, req); err != nil {
		return nil, provider.ServerInfo{}, fmt.Errorf("%s: %w", client.Spec(), err)
	}
	ictx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	info, err := client.Info(ictx)
	if err != nil {
		return nil, provider.ServerInfo{}, fmt.Errorf("%s: %w", client.Spec(), err)
	}
	return client, provider.CleanInfo(info), nil // its texts reach terminals and reports
}

// prepare readies one model: it connects to the server, picks the
// tokenizer that makes lengths the model's own, indexes the haystack far
// enough (reach, given what the server is; nil: the longest length and a
// quarter more, room for calibration), and calibrates what the server adds
// around the text. With no spec it readies the prompts offline, in a
// fixed tokenizer.
func (p Plan) prepare(ctx context.Context, spec *provider.Spec, label string, corpus *corpora.Corpus, reach func(provider.ServerInfo) int) (*Model, error) {
	longest := p.Grid.Longest()
	if spec == nil {
		tok, err := FixedTokenizer(p.Tokenizer)
		if err != nil {
			return nil, err
		}
		return p.ready(ctx, nil, provider.ServerInfo{}, Resolved{Tok: tok, Exact: true, Note: "tokenizer " + p.Tokenizer}, label, corpus, longest)
	}
	// An option the protocol refuses stops the run in connect, not every trial.
	opts := p.clientOptions()
	client, info, err := connect(ctx, *spec, opts, p.checked())
	if err != nil {
		return nil, err
	}
	secrets := provider.Secrets(*spec, opts)
	info = scrubInfo(info, secrets)
	res, err := Resolve(ctx, p.Tokenizer, client, info)
	if err != nil {
		return nil, err
	}
	far := longest + longest/4
	if reach != nil {
		far = reach(info)
	}
	md, err := p.ready(ctx, client, info, res, label, corpus, far)
	if err != nil {
		return nil, err
	}
	md.Job.Secrets = secrets
	for i := range md.Jobs {
		md.Jobs[i].Secrets = secrets // a set's every task
	}
	for i, w := range md.Warnings {
		md.Warnings[i], _ = provider.Scrub(w, secrets)
	}
	return md, nil
}

// checked is the request every trial of the plan builds on: what its
// options are checked with before anything is sent.
func (p Plan) checked() provider.Request {
	return provider.Request{MaxTokens: p.MaxTokens, Options: p.Options}
}

// clientOptions are the client settings of every model of the plan.
func (p Plan) clientOptions() provider.Options {
	opts := provider.Options{Timeout: p.Timeout, MaxRetries: *p.Retries, APIKeyEnv: p.APIKeyEnv, Stream: p.Stream,
		Headers: p.Headers, Warn: p.Warn, ContextHint: ContextHint(p.Options, p.longestPrompt(), p.MaxTokens),
		RequestOptions: p.Options}
	if opts.MaxRetries == 0 {
		opts.MaxRetries = -1 // provider.Options: 0 is its default, negative is none
	}
	return opts
}

// ready indexes the haystack in the chosen tokenizer and, for a server,
// calibrates the counts.
func (p Plan) ready(ctx context.Context, client provider.Client, info provider.ServerInfo, res Resolved,
	label string, corpus *corpora.Corpus, reach int) (*Model, error) {
	out := &Model{Server: info, Note: res.Note}
	if client != nil && p.Stream && info.Simulated {
		out.Warnings = append(out.Warnings, client.Spec()+": streaming has no effect: the simulation answers in-process, with nothing to stream")
	}
	if client != nil {
		if w := info.Extra["warning"]; w != "" {
			out.Warnings = append(out.Warnings, client.Spec()+": "+w)
		}
	}
	if res.Warn != "" {
		out.Warnings = append(out.Warnings, res.Warn)
	}
	cache := p.cache()
	var checks *lengthChecks
	if p.RepeatHaystack {
		var err error
		if corpus, err = repeatToLength(corpus, res.Tok, p.Grid.Longest(), cache); err != nil {
			return nil, err
		}
	}
	pr, err := p.prompter(p.tasks()[0], corpus, res.Tok, reach, cache) // the plan's task, or its set's first
	if err != nil {
		return nil, err
	}
	pr.repeated = p.RepeatHaystack
	out.Warnings = append(out.Warnings, cache.Warnings()...)
	if client != nil {
		if label == "" {
			label = client.Spec()
		}
		// The simulation is calibrated too: it answers like a server, so
		// the chain is exercised whole (and measures +0).
		cal, err := Calibrate(ctx, client, pr, res.Exact)
		if err != nil {
			out.Warnings = append(out.Warnings, err.Error()+" (lengths are uncalibrated)")
		} else {
			pr.Cal = cal
			out.Note += "; " + cal.Note
			if pr, err = p.reachScaled(pr, corpus, reach, cache); err != nil {
				return nil, err
			}
		}
		// A server that counted the calibration's prompts counts answers
		// too: an answer without a count gets a one-token follow-up.
		checks = newLengthChecks(!info.Simulated && (err != nil || cal.Probes > 0))
		out.Info = results.ModelInfo{
			Spec: client.Spec(), Label: label, Kind: string(info.Kind), Version: info.Version,
			ContextLength: info.ContextLength, ContextSource: info.ContextSource,
			APIKeyEnv: p.APIKeyEnv, Simulated: info.Simulated, TokenizerNote: out.Note,
			TotalSlots: info.TotalSlots, Rope: info.Rope,
		}
	}
	out.Job = Job{Label: label, Client: client, Prompter: pr, Exact: res.Exact, Simulated: info.Simulated, checks: checks}
	if err := p.readyTasks(out, res, reach, cache); err != nil {
		return nil, err
	}
	return out, nil
}

// reachScaled makes the prompter's haystack reach the longest prompt in
// the planning tokenizer once calibration has fixed the ratio to the
// server's tokens: a stand-in tokenizer that counts more tokens than the
// model (Scale < 1) needs more of them than the length says. The index
// grows further, and a repeated haystack (--haystack-repeat) repeats
// further, so neither falls short by niah's own sizing.
func (p Plan) reachScaled(pr *Prompter, corpus *corpora.Corpus, reach int, cache *haystack.Cache) (*Prompter, error) {
	if pr.Cal.Scale <= 0 || pr.Cal.Scale >= 1 || pr.Index.Complete && !p.RepeatHaystack {
		return pr, nil
	}
	need := int(float64(reach)/pr.Cal.Scale) + 1
	if need <= pr.Index.Tokens() {
		return pr, nil
	}
	if !pr.Index.Complete {
		if _, err := cache.IndexFor(pr.Corpus.Text, pr.Corpus.Hash, pr.Tok, need); err != nil { // grows pr.Index
			return nil, err
		}
		return pr, nil
	}
	longer, err := repeatToLength(corpus, pr.Tok, need, cache)
	if err != nil {
		return nil, err
	}
	again, err := p.prompter(pr.Task, longer, pr.Tok, need, cache)
	if err != nil {
		return nil, err
	}
	again.Cal, again.repeated = pr.Cal, pr.repeated
	return again, nil
}

// repeatToLength makes a corpus long enough for the grid by repeating it.
func repeatToLength(c *corpora.Corpus, tok haystack.Tokenizer, longest int, cache *haystack.Cache) (*corpora.Corpus, error) {
	ix, err := cache.IndexFor(c.Text, c.Hash, tok, longest)
	if err != nil {
		return nil, err
	}
	if ix.Tokens() >= longest {
		return c, nil
	}
	return c.Repeat(longest/max(ix.Tokens(), 1) + 2), nil
}

// ContextHint is num_ctx for Ollama: the user's num_ctx option, else the
// longest prompt (in the server's tokens), the answer budget and a margin. With no grid (a probe)
// it is the user's option or 0, the server's own choice.
func ContextHint(options map[string]string, longest, maxTokens int) int {
	if n := userNumCtx(options); n > 0 || longest == 0 {
		return n
	}
	return longest + maxTokens + max(256, longest/20)
}

// userNumCtx is the num_ctx option, or 0.
func userNumCtx(options map[string]string) int {
	n, err := strconv.Atoi(strings.TrimSpace(options["num_ctx"]))
	if err != nil || n < 0 {
		return 0
	}
	return n
}

// FixedTokenizer resolves a tokenizer name that needs no server.
func FixedTokenizer(name string) (haystack.Tokenizer, error) {
	switch name {
	case "cl100k", "o200k", "cl100k_base", "o200k_base":
		return haystack.Tiktoken(name)
	case "bytes":
		return haystack.Bytes(), nil
	case "sim":
		return haystack.Sim(), nil
	case "auto", "server":
		return nil, badSetting("tokenizer", fmt.Errorf("%s needs a model server to ask", name))
	}
	if _, err := os.Stat(name); os.IsNotExist(err) {
		return nil, badSetting("tokenizer", fmt.Errorf("%q is neither a tokenizer name (auto, cl100k, o200k, bytes, sim) nor a file (tokenizer.json, tokenizer.model, .gguf)", name))
	}
	t, err := haystack.LoadFile(name)
	if err != nil {
		return nil, badSetting("tokenizer", err)
	}
	return t, nil
}
