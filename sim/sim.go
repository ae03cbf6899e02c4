// Package sim is the built-in simulation, a reference model for demos and
// tests: it needs no server, is deterministic, and has a known context
// window and a known depth profile, so every part of niah can be checked
// against it. It is always labelled as a simulation in records and output.
// It answers as a provider.Client, and it knows the tasks (package needle)
// to answer them, which is why it is not part of provider.
//
// Spec: "sim" (window 256K) or "sim:WINDOW" (e.g. "sim:32k"). Options:
// truncate=true cuts prompts above the window silently (keeping the head
// and the tail, as Ollama does by default) instead of rejecting them;
// shape= and boundary= give it a known boundary (see shape.go).
package sim

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"strconv"
	"strings"
	"time"

	"niah/haystack"
	"niah/needle"
	"niah/provider"
	"niah/results"
	"niah/units"
)

// simClient is the simulated model with its window and its failure
// shape, if any (failure.go).
type simClient struct {
	window  int
	failure simFailure
}

// DefaultWindow is the simulation's context window unless the spec sets one.
const DefaultWindow = 256 << 10

// Open makes the simulation from its spec: "sim", "sim:WINDOW", or
// "sim:WINDOW:SHAPE" (failure.go: "sim:128k:window=8k", "sim:128k:middle").
func Open(spec provider.Spec) (provider.Client, error) {
	if spec.Provider != provider.KindSim {
		return nil, fmt.Errorf("--model %s: not a simulation spec (sim or sim:WINDOW)", spec)
	}
	c := &simClient{window: DefaultWindow}
	w, shape, _ := strings.Cut(spec.Model, ":")
	f, err := parseSimFailure(shape)
	if err != nil {
		return nil, fmt.Errorf("--model %s: %w", spec, err)
	}
	c.failure = f
	if w != "" {
		n, err := units.ParseLength(w)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("--model %s: the window %q is not a token count (e.g. sim:32k)", spec, w)
		}
		c.window = n
	}
	return c, nil
}

func (c *simClient) Spec() string {
	s := provider.Spec{Provider: provider.KindSim}
	if shape := c.failure.String(); shape != "" {
		s.Model = strconv.Itoa(c.window) + ":" + shape
	} else if c.window != DefaultWindow {
		s.Model = strconv.Itoa(c.window)
	}
	return s.String()
}

func (c *simClient) Info(context.Context) (provider.ServerInfo, error) {
	return provider.ServerInfo{Kind: provider.KindSim, Version: "simulation", Model: c.Spec(), ContextLength: c.window,
		ContextSource: "simulation window", HasTokenizer: true, Simulated: true}, nil
}

// CountTokens counts in the simulation's own tokens.
func (c *simClient) CountTokens(_ context.Context, text string) (int, error) {
	return haystack.SimCount(text), nil
}

func (c *simClient) Complete(_ context.Context, req provider.Request) (provider.Response, error) {
	start := time.Now()
	var prompt strings.Builder
	for _, m := range req.Messages {
		prompt.WriteString(m.Content)
	}
	text := prompt.String()
	n := haystack.SimCount(text)
	room := c.promptRoom(req.MaxTokens)
	if n > room && req.Options["truncate"] != "true" {
		return provider.Response{}, &provider.Error{Reason: results.ReasonContextExceeded, HTTPStatus: 400, Attempts: 1,
			Message: fmt.Sprintf("sim: the prompt (%d tokens) and the answer budget (%d) exceed the simulated context window (%d tokens)", n, req.MaxTokens, c.window)}
	}
	seen := n
	if n > room {
		text = cutMiddle(text, room)
		seen = haystack.SimCount(text)
	}
	shaped, ok, err := shapedRecall(req.Options, n)
	if err != nil {
		return provider.Response{}, err
	}
	var answer string
	if _, shapedFail := c.failure.recall(text, n, c.window, 0); shapedFail {
		answer = c.answerWith(text, func(depth float64) float64 { r, _ := c.failure.recall(text, n, c.window, depth); return r })
	} else if ok {
		answer = c.answerWith(text, func(float64) float64 { return shaped })
	} else {
		answer = c.answer(text, n)
	}
	// A prefill that takes time in proportion to the prompt keeps progress
	// and throughput figures meaningful without making demos slow.
	time.Sleep(time.Duration(n/64) * time.Microsecond)
	completion := haystack.SimCount(answer)
	raw, _ := json.Marshal(map[string]any{"answer": answer, "prompt_tokens": seen, "simulated": true})
	resp := provider.Response{Answer: answer, FinishReason: "stop", PromptTokens: &seen, CompletionTokens: &completion,
		Latency: time.Since(start), HTTPStatus: 200, Raw: raw, Attempts: 1}
	if c.failure.hidesCount() {
		resp.PromptTokens = nil
	}
	return resp, nil
}

// LatentFactor is how much harder the simulation finds a latent
// question than a literal one: its retrieval profile is that of a window
// this many times smaller (NoLiMa's finding, in the simulation's terms).
const LatentFactor = 4

// answer is what the simulated model says: the right answer where its
// profile says it retrieves, a confident wrong one elsewhere.
func (c *simClient) answer(text string, tokens int) string {
	window := c.window
	if needle.LatentQuestion(text) {
		window /= LatentFactor
		// A second hop, or a lure that names the question's keyword, costs
		// more still (NoLiMa's two-hop and distractor findings).
		if tr, _ := needle.LatentPromptTraits(text); tr.TwoHop || tr.Lured {
			window /= 2
		}
	}
	return c.answerWith(text, func(depth float64) float64 { return simRecall(tokens, window, depth) })
}

// answerWith answers right with the probability recall gives for the
// needle's depth (0–1), drawn from a hash of the prompt.
func (c *simClient) answerWith(text string, recall func(depth float64) float64) string {
	right, offsets := needle.Solve(text)
	depth := 0.5
	if len(offsets) > 0 && len(text) > 0 {
		depth = float64(offsets[0]) / float64(len(text))
	}
	h := fnv.New64a()
	h.Write([]byte(text))
	sum := h.Sum64()
	u := float64(sum>>11) / float64(1<<53)
	if u < recall(depth) {
		return right
	}
	wrong := 1000000 + sum%9000000
	if sum%3 == 0 {
		return "I could not find that in the text."
	}
	return fmt.Sprintf("The number is %d.", wrong)
}

// simRecall is the simulation's probability of retrieving a needle at depth
// (0–1) in a prompt of tokens, for a window: perfect up to an eighth of the
// window, then falling with length, fastest in the middle of the context
// ("lost in the middle") — the shape real long-context models show.
func simRecall(tokens, window int, depth float64) float64 {
	x := float64(tokens) / float64(window)
	if x <= 0.125 {
		return 1
	}
	middle := 0.35 + 0.65*math.Exp(-math.Pow((depth-0.55)/0.22, 2))
	return math.Max(0, 1-0.95*math.Min(1, (x-0.125)/0.875)*middle)
}

// cutMiddle keeps the head and the tail of text, dropping the middle, so
// that about window tokens remain.
func cutMiddle(text string, window int) string {
	total := haystack.SimCount(text)
	keep := float64(window) / float64(total)
	head := int(float64(len(text)) * keep * 0.1)
	tail := int(float64(len(text)) * keep * 0.9)
	return text[:head] + text[len(text)-tail:]
}
