package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"niah/provider"
	"niah/runner"
	"niah/units"
)

// probeCmd tells what a server is and what it does with a prompt longer
// than its context: rejects it (good), cuts it silently (dangerous: which
// end goes?), or accepts it.
// probeFlags are probe's settings, checked.
type probeFlags struct {
	model                string
	tokenizer, apiKeyEnv string
	options              map[string]string
	timeout              time.Duration
	maxLen               int // --max: the top of the ladder when no context is reported
	override             int // --context; 0: what the server reports
}

func parseProbeFlags(args []string, stderr io.Writer) (*probeFlags, error) {
	fs := newFlagSet("probe", stderr)
	var (
		f                probeFlags
		ctxFlag, maxFlag string
		options          []string
	)
	fs.StringVar(&f.model, "model", "", "model spec PROVIDER:MODEL[@BASE_URL]")
	fs.StringVar(&f.tokenizer, "tokenizer", runner.DefaultTokenizer, "tokenizer for the probe prompts (auto: the server's own where it can)")
	fs.StringVar(&ctxFlag, "context", "", "context size to test above (default: what the server reports)")
	fs.StringVar(&maxFlag, "max", "32k", "when the server reports no context: largest prompt of the 1K, 2K, 4K... ladder")
	fs.StringArrayVar(&options, "option", nil, "KEY=VALUE passed to the server (repeatable)")
	fs.StringVar(&f.apiKeyEnv, "api-key-env", "", "environment variable holding the API key")
	fs.DurationVar(&f.timeout, "timeout", runner.DefaultTimeout, "per-request timeout")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if f.model == "" {
		return nil, fmt.Errorf("probe: --model is required")
	}
	if f.timeout <= 0 {
		return nil, fmt.Errorf("--timeout %v: want a positive duration, e.g. 30m", f.timeout)
	}
	var err error
	if f.options, err = parseOptions(options); err != nil {
		return nil, err
	}
	if f.maxLen, err = units.ParseLength(maxFlag); err != nil {
		return nil, fmt.Errorf("--max: %w", err)
	}
	if ctxFlag != "" {
		if f.override, err = units.ParseLength(ctxFlag); err != nil {
			return nil, fmt.Errorf("--context: %w", err)
		}
	}
	return &f, nil
}

// reportedBy is the context to test above: --context, else the server's.
func (f *probeFlags) reportedBy(info provider.ServerInfo) int {
	if f.override > 0 {
		return f.override
	}
	return info.ContextLength
}

func probeCmd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parseProbeFlags(args, stderr)
	if err != nil {
		return err
	}
	opts, maxLen := f.options, f.maxLen
	plan := runner.Plan{Models: []runner.ModelSpec{{Spec: f.model}}, Haystack: "builtin", Tokenizer: f.tokenizer,
		Options: opts, Timeout: f.timeout, APIKeyEnv: f.apiKeyEnv, Cache: indexCache()}
	md, err := runner.Connect(ctx, plan, func(info provider.ServerInfo) int { return max(f.reportedBy(info), maxLen) * 5 / 4 })
	if err != nil {
		return explain(err)
	}
	client, info, pr := md.Job.Client, md.Server, md.Job.Prompter
	reported := f.reportedBy(info)

	printServer(stdout, md)

	if reported > 0 {
		fmt.Fprintf(stdout, "\nactive test: a prompt just above %d tokens\n", reported)
	} else {
		fmt.Fprintf(stdout, "\nactive test: no context reported; prompts of 1K, 2K, ... up to %s until the server cuts or rejects one\n", units.FormatLength(maxLen))
	}
	if len(opts) > 0 {
		client = withOptions{client, opts}
	}
	pres, err := runner.Probe(ctx, client, pr, reported, maxLen)
	printSteps(stdout, pres.Steps)
	if pres.Under != nil {
		fmt.Fprintf(stdout, "confirming the limit: a prompt just under %d tokens\n", reported)
		printSteps(stdout, []runner.ProbeStep{*pres.Under})
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout)
	fmt.Fprintln(stdout, probeVerdict(info, pres, reported, maxLen))
	return nil
}

func probeVerdict(info provider.ServerInfo, r runner.ProbeResult, reported, maxLen int) string {
	switch r.Outcome {
	case runner.ProbeRejects:
		return fmt.Sprintf("verdict: REJECTS prompts of %d tokens with an error. Good: niah records such trials invalid (context_exceeded), never as retrieval failures.", r.Limit)
	case runner.ProbeCuts:
		return cutVerdict(info, r, reported)
	case runner.ProbeAccepts:
		if reported > 0 {
			return fmt.Sprintf("verdict: ACCEPTS prompts above the reported context (%d tokens): the reported figure is not the real limit (RoPE scaling, or a server cap set elsewhere). Test long lengths and read the heatmap.", reported)
		}
		return fmt.Sprintf("verdict: ACCEPTED every prompt up to %s tokens. Raise --max to look further.", units.FormatLength(maxLen))
	}
	return "verdict: the server reports no prompt token count, so silent truncation cannot be detected on this endpoint; prefer one that reports usage."
}

// withOptions adds the user's --option values to every probe request.
type withOptions struct {
	provider.Client
	opts map[string]string
}

func (w withOptions) Complete(ctx context.Context, req provider.Request) (provider.Response, error) {
	req.Options = w.opts
	return w.Client.Complete(ctx, req)
}

// printServer is what the server said about itself and how lengths are
// made the model's own.
func printServer(stdout io.Writer, md *runner.Model) {
	tw := tabwriter.NewWriter(stdout, 2, 8, 2, ' ', 0)
	version := md.Server.Version
	if version == "" {
		version = "version unknown"
	}
	fmt.Fprintf(tw, "server\t%s %s, model %s\n", md.Server.Kind, version, md.Server.Model)
	if md.Server.ContextLength > 0 {
		fmt.Fprintf(tw, "context\t%d tokens (%s)\n", md.Server.ContextLength, md.Server.ContextSource)
	} else {
		fmt.Fprintf(tw, "context\tnot reported\n")
	}
	for _, k := range []string{"num_ctx", "loaded_context_length", "modelfile_num_ctx"} {
		if v := md.Server.Extra[k]; v != "" {
			fmt.Fprintf(tw, "\t%s: %s\n", k, v)
		}
	}
	if line := provider.SlotsNote(md.Server); line != "" {
		fmt.Fprintf(tw, "slots\t%s\n", line)
	}
	endpoint := "no"
	if md.Server.HasTokenizer {
		endpoint = "yes"
	}
	fmt.Fprintf(tw, "tokenize endpoint\t%s\n", endpoint)
	fmt.Fprintf(tw, "lengths\t%s\n", md.Note)
	for _, w := range md.Warnings {
		fmt.Fprintf(tw, "warning\t%s\n", w)
	}
	tw.Flush()

}

// printSteps lists the probe's requests and what came back.
func printSteps(stdout io.Writer, steps []runner.ProbeStep) {
	for _, s := range steps {
		seen := "no count"
		if s.Seen != nil {
			seen = fmt.Sprintf("server counted %d", *s.Seen)
		}
		fmt.Fprintf(stdout, "  sent %d tokens: %s, %s (%s)", s.Sent, s.Outcome, seen, s.Latency.Round(time.Millisecond))
		if s.Error != "" {
			fmt.Fprintf(stdout, ": %s", s.Error)
		}
		fmt.Fprintln(stdout)
	}
}
