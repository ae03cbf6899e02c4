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
	"niah/needle"
	"niah/provider"
	"niah/results"
)

// Setup defines a run's prompts: the grid, the task, the haystack, the
// seed, and the tokenizer that makes lengths the model's own.
type Setup struct {
	Grid   Grid
	Task   needle.Task
	Corpus *corpora.Corpus
	Seed   int64
	// Tokenizer is auto, server, cl100k, o200k, bytes, sim, or the path of
	// a tokenizer.json, tokenizer.model or .gguf file.
	Tokenizer string
	// RepeatHaystack lets a haystack shorter than the longest length repeat.
	RepeatHaystack bool
	// Reach is how far to index the haystack once the server is known.
	// nil: the longest length, plus a quarter when a server is asked (room
	// for calibration).
	Reach func(provider.ServerInfo) int
	// Cache holds token indexes; nil is haystack.DefaultCache().
	Cache *haystack.Cache
}

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

// ModelConfig is one model of a run. An empty Spec prepares no model: the
// prompts are planned offline in a fixed tokenizer (gen, plan).
type ModelConfig struct {
	Spec   provider.Spec
	Label  string // display label; "" is the spec
	Client provider.Options
	// Options are the --option KEY=VALUE pairs every request carries; they
	// also fix Ollama's num_ctx.
	Options   map[string]string
	MaxTokens int
}

// Model is one model made ready to run.
type Model struct {
	Job    Job
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
func connect(ctx context.Context, spec provider.Spec, opts provider.Options) (provider.Client, provider.ServerInfo, error) {
	client, err := OpenClient(spec, opts)
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

// Prepare readies one model: it connects to the server, picks the
// tokenizer that makes lengths the model's own, indexes the haystack far
// enough, and calibrates what the server adds around the text. With no
// Spec it readies the prompts offline, in a fixed tokenizer.
func Prepare(ctx context.Context, s Setup, m ModelConfig) (*Model, error) {
	cache := s.Cache
	if cache == nil {
		cache = haystack.DefaultCache()
	}
	longest := s.Grid.Longest()
	if m.Spec.Provider == "" {
		tok, err := FixedTokenizer(s.Tokenizer)
		if err != nil {
			return nil, err
		}
		return s.ready(ctx, nil, provider.ServerInfo{}, Resolved{Tok: tok, Exact: true, Note: "tokenizer " + s.Tokenizer}, m, longest, cache)
	}
	opts := m.Client
	opts.ContextHint = ContextHint(m.Options, longest, m.MaxTokens)
	client, info, err := connect(ctx, m.Spec, opts)
	if err != nil {
		return nil, err
	}
	// An option the protocol refuses stops the run here, not every trial.
	if err := provider.CheckRequest(client, provider.Request{MaxTokens: m.MaxTokens, Options: m.Options}); err != nil {
		return nil, fmt.Errorf("%s: %w", client.Spec(), err)
	}
	res, err := Resolve(ctx, s.Tokenizer, client, info)
	if err != nil {
		return nil, err
	}
	reach := longest + longest/4
	if s.Reach != nil {
		reach = s.Reach(info)
	}
	return s.ready(ctx, client, info, res, m, reach, cache)
}

// ready indexes the haystack in the chosen tokenizer and, for a server,
// calibrates the counts.
func (s Setup) ready(ctx context.Context, client provider.Client, info provider.ServerInfo, res Resolved,
	m ModelConfig, reach int, cache *haystack.Cache) (*Model, error) {
	out := &Model{Server: info, Note: res.Note}
	if client != nil && m.Client.Stream && info.Simulated {
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
	corpus := s.Corpus
	if s.RepeatHaystack {
		var err error
		if corpus, err = repeatToLength(corpus, res.Tok, s.Grid.Longest(), cache); err != nil {
			return nil, err
		}
	}
	pr, err := NewPrompter(s.Task, corpus, res.Tok, s.Seed, reach, cache)
	if err != nil {
		return nil, err
	}
	out.Warnings = append(out.Warnings, cache.Warnings()...)
	label := m.Label
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
			Spec: client.Spec(), Label: label, Kind: string(info.Kind), Version: info.Version,
			ContextLength: info.ContextLength, ContextSource: info.ContextSource,
			APIKeyEnv: m.Client.APIKeyEnv, Simulated: info.Simulated, TokenizerNote: out.Note,
			TotalSlots: info.TotalSlots,
		}
	}
	out.Job = Job{Label: label, Client: client, Prompter: pr, Exact: res.Exact, Simulated: info.Simulated}
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
// longest prompt, the answer budget and a margin. With no grid (a probe)
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
