package runner

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"niah/corpora"
	"niah/haystack"
	"niah/needle"
	"niah/results"
)

// Item is one trial of the grid, before its prompt is built.
type Item struct {
	Length int
	Depth  float64
	Trial  int
}

// Prompter builds the prompts of one task on one haystack in one tokenizer.
// Every prompt it builds starts with the same instructions and the same
// haystack beginning, so servers can reuse cached prefixes.
type Prompter struct {
	Task   needle.Task
	Corpus *corpora.Corpus
	Tok    haystack.Tokenizer
	Index  *haystack.Index
	Seed   int64
	Cal    Calibration // server tokens ≈ Cal.Scale·planned + Cal.Overhead
	used   func(string) bool
	counts *countCache
}

// NewPrompter indexes corpus in tok far enough for maxLength, through
// cache (nil: in memory only).
func NewPrompter(task needle.Task, corpus *corpora.Corpus, tok haystack.Tokenizer, seed int64, maxLength int, cache *haystack.Cache) (*Prompter, error) {
	if cache == nil {
		cache = haystack.NewCache("")
	}
	ix, err := cache.IndexFor(corpus.Text, corpus.Hash, tok, maxLength)
	if err != nil {
		return nil, err
	}
	text := corpus.Text
	return &Prompter{
		Task: task, Corpus: corpus, Tok: tok, Index: ix, Seed: seed, Cal: Calibration{Scale: 1},
		used:   func(s string) bool { return strings.Contains(text, s) },
		counts: newCountCache(tok),
	}, nil
}

// Prompt is one built prompt and what grading needs.
type Prompt struct {
	Item
	ID          string
	Content     needle.Instance // the needles, question and expected values
	Layout      haystack.Layout
	DepthActual float64
	// Distance is the asked needle's distance to the question, in planned
	// tokens; -1 when there is no needle.
	Distance int
	// ServerTokens is the prompt length the server should count.
	ServerTokens int
	parts        haystack.Parts
	ix           *haystack.Index
}

// Text renders the prompt (a few MB at 1M tokens: build it when sending).
func (p *Prompt) Text() string { return p.ix.Render(p.parts, p.Layout) }

// Offset is the token offset of the first needle (the length of the prefix
// shared with other prompts), or the prompt length when there is none.
func (p *Prompt) Offset() int {
	if len(p.Layout.Offsets) == 0 {
		return p.Layout.Tokens
	}
	o := p.Layout.Offsets[0]
	for _, v := range p.Layout.Offsets {
		o = min(o, v)
	}
	return o
}

// TrialID is the stable key of a trial: same grid and seed, same id.
func TrialID(label, task string, seed int64, it Item) string {
	id := fmt.Sprintf("%s/%d/d%s/t%d/s%d", task, it.Length, strconv.FormatFloat(it.Depth, 'f', -1, 64), it.Trial, seed)
	if label != "" {
		id = label + "|" + id
	}
	return id
}

// rng is the trial's own random source: a trial's needle depends only on
// the seed, task and its cell, not on what else is in the grid. Tasks that
// share their trials (latent and latent:literal) share the source.
func (pr *Prompter) rng(it Item) *rand.Rand {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%d|%g|%d", needle.SeedName(pr.Task), it.Length, it.Depth, it.Trial)
	return rand.New(rand.NewPCG(uint64(pr.Seed), h.Sum64()))
}

// Build lays out the prompt of one trial.
func (pr *Prompter) Build(label string, it Item) (*Prompt, error) {
	tr := pr.Task.Make(pr.rng(it), it.Depth, pr.used)
	parts := haystack.Parts{
		Instructions: tr.Instructions,
		Question:     tr.Question,
		Target:       it.Length,
		Overhead:     pr.Cal.Overhead,
	}
	scaled := pr.Cal.Scale > 0 && pr.Cal.Scale != 1
	if scaled {
		// A stand-in tokenizer: aim at the length that the measured ratio
		// turns into the target in the server's count.
		parts.Target = int(math.Round(float64(it.Length-pr.Cal.Overhead) / pr.Cal.Scale))
		parts.Overhead = 0
	}
	for _, n := range tr.Needles {
		parts.Needles = append(parts.Needles, haystack.Insert{Text: n.Text, Depth: n.Depth})
	}
	l, err := pr.Index.Plan(parts, pr.counts.count)
	if err != nil {
		if short, ok := err.(*haystack.ErrShortCorpus); ok {
			short.Corpus = pr.Corpus.Name
		}
		return nil, err
	}
	p := &Prompt{Item: it, ID: TrialID(label, pr.Task.Name(), pr.Seed, it), Content: tr, Layout: l, parts: parts, ix: pr.Index,
		ServerTokens: l.Tokens}
	if scaled {
		p.ServerTokens = int(math.Round(pr.Cal.Scale*float64(l.Tokens))) + pr.Cal.Overhead
	}
	// The asked needle is the first non-distractor; its depth and its
	// distance to the question are recorded.
	p.Distance = -1
	for i, n := range tr.Needles {
		if !n.Distractor {
			p.DepthActual, p.Distance = l.Depths[i], l.Distances[i]
			break
		}
	}
	return p, nil
}

// Record is the trial record of a prompt before it is sent.
func (p *Prompt) Record(pr *Prompter) results.Record {
	expected := p.Content.Expected
	if expected == nil {
		expected = []string{}
	}
	rec := results.Record{
		Schema:       results.Schema,
		ID:           p.ID,
		Task:         pr.Task.Name(),
		Haystack:     pr.Corpus.Name,
		Tokenizer:    pr.Tok.Name(),
		Seed:         pr.Seed,
		Length:       p.Length,
		Depth:        p.Depth,
		DepthActual:  round3(p.DepthActual),
		Trial:        p.Trial,
		Expected:     expected,
		PromptTokens: p.Layout.Tokens,
	}
	if p.Distance >= 0 {
		d := p.Distance
		rec.DistanceTokens = &d
	}
	rec.Others = p.Content.Others
	if p.ServerTokens != p.Layout.Tokens { // a calibrated stand-in tokenizer
		rec.PromptTokensExpected = p.ServerTokens
	}
	return rec
}
