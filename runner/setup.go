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

// connect makes the client of a model spec and asks its server what it
// is; an error names the server.
func connect(ctx context.Context, spec string, opts provider.Options) (provider.Client, provider.ServerInfo, error) {
	client, err := provider.Open(spec, opts)
	if err != nil {
		return nil, provider.ServerInfo{}, err
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
func (p Plan) prepare(ctx context.Context, spec, label string, corpus *corpora.Corpus, reach func(provider.ServerInfo) int) (*Model, error) {
	longest := p.Grid.Longest()
	if spec == "" {
		tok, err := FixedTokenizer(p.Tokenizer)
		if err != nil {
			return nil, err
		}
		return p.ready(ctx, nil, provider.ServerInfo{}, Resolved{Tok: tok, Exact: true, Note: "tokenizer " + p.Tokenizer}, label, corpus, longest)
	}
	client, info, err := connect(ctx, spec, p.clientOptions())
	if err != nil {
		return nil, err
	}
	// An option the protocol refuses stops the run here, not every trial.
	if err := provider.CheckRequest(client, provider.Request{MaxTokens: p.MaxTokens, Options: p.Options}); err != nil {
		return nil, fmt.Errorf("%s: %w", client.Spec(), err)
	}
	res, err := Resolve(ctx, p.Tokenizer, client, info)
	if err != nil {
		return nil, err
	}
	far := longest + longest/4
	if reach != nil {
		far = reach(info)
	}
	return p.ready(ctx, client, info, res, label, corpus, far)
}

// clientOptions are the client settings of every model of the plan.
func (p Plan) clientOptions() provider.Options {
	opts := provider.Options{Timeout: p.Timeout, MaxRetries: *p.Retries, APIKeyEnv: p.APIKeyEnv, Stream: p.Stream,
		Headers: p.Headers, Warn: p.Warn, ContextHint: ContextHint(p.Options, p.longestPrompt(), p.MaxTokens)}
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
		}
		out.Info = results.ModelInfo{
			Spec: client.Spec(), Label: label, Kind: info.Kind, Version: info.Version,
			ContextLength: info.ContextLength, ContextSource: info.ContextSource,
			APIKeyEnv: p.APIKeyEnv, Simulated: info.Simulated, TokenizerNote: out.Note,
		}
		out.Info.TotalSlots, _ = strconv.Atoi(info.Extra["total_slots"])
	}
	out.Job = Job{Label: label, Client: client, Prompter: pr, Exact: res.Exact, Simulated: info.Simulated}
	if err := p.readyTasks(out, res, reach, cache); err != nil {
		return nil, err
	}
	return out, nil
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
