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
	// repeated: the corpus was repeated on request (--haystack-repeat),
	// which a haystack too short for a length then says.
	repeated bool

	// Reserve is the share of each length the answer budget takes (the
	// window meaning), 0 when a length is the prompt alone; Counts says
	// which (results.CountsWindow or CountsPrompt) for the records.
	Reserve int
	Counts  string
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
	if task, err = needle.Bind(task, text); err != nil {
		return nil, fmt.Errorf("--haystack %s: %w", corpus.Name, err)
	}
	return &Prompter{
		Task: task, Corpus: corpus, Tok: tok, Index: ix, Seed: seed, Cal: Calibration{Scale: 1}, Counts: results.CountsPrompt,
		used:   containsIn(text),
		counts: newCountCache(tok),
	}, nil
}

// containsIn is a substring test of text that first rules out strings
// holding a byte text never has (the built-in prose has no digit and no
// hyphen, so no key or value can occur in it): the answer is the same,
// without scanning megabytes for every key and value drawn.
func containsIn(text string) func(string) bool {
	var has [256]bool
	for i := 0; i < len(text); i++ {
		has[text[i]] = true
	}
	return func(s string) bool {
		for i := 0; i < len(s); i++ {
			if !has[s[i]] {
				return false
			}
		}
		return strings.Contains(text, s)
	}
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
	text         func() string // a composed prompt's writer (compose.go)
}

// PairsLeftOut is how many pairs of a latent task the haystack left out
// because it holds their words, of how many; ok is false for other tasks.
func (pr *Prompter) PairsLeftOut() (leftOut, total int, ok bool) { return needle.PairsLeftOut(pr.Task) }

// Text renders the prompt (a few MB at 1M tokens: build it when sending).
func (p *Prompt) Text() string {
	if p.text != nil {
		return p.text()
	}
	return p.ix.Render(p.parts, p.Layout)
}

// Offset is the length of the prefix the prompt shares with other
// prompts: its tokens up to the first needle, or up to the sentences its
// haystack leaves out to land on its length when those come first, or the
// whole prompt when there is neither (see haystack.Layout.Shared).
func (p *Prompt) Offset() int { return p.Layout.Shared }

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
// share their trials (latent and its one-hop forms) share the source, and
// tasks paired across lengths (latent) leave the length out, so trial t at
// depth d is the same draw at every length.
func (pr *Prompter) rng(it Item) *rand.Rand {
	length := it.Length
	if needle.PairedAcrossLengths(pr.Task) {
		length = 0
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "%s|%d|%g|%d", needle.SeedName(pr.Task), length, it.Depth, it.Trial)
	return rand.New(rand.NewPCG(uint64(pr.Seed), h.Sum64()))
}

// Build lays out the prompt of one trial.
func (pr *Prompter) Build(label string, it Item) (*Prompt, error) {
	switch t := pr.Task.(type) {
	case needle.Composer:
		return pr.buildComposed(label, it, t)
	case *promptFile:
		return pr.buildFromFile(label, it, t)
	}
	tr := pr.Task.Make(pr.rng(it), it.Depth, pr.used)
	parts := haystack.Parts{
		Instructions: tr.Instructions,
		Question:     tr.Question,
		Target:       pr.promptTarget(it),
		Overhead:     pr.Cal.Overhead,
	}
	scaled := pr.Cal.Scale > 0 && pr.Cal.Scale != 1
	if scaled {
		// A stand-in tokenizer: aim at the length that the measured ratio
		// turns into the target in the server's count.
		parts.Target = int(math.Round(float64(pr.promptTarget(it)-pr.Cal.Overhead) / pr.Cal.Scale))
		parts.Overhead = 0
	}
	for _, n := range tr.Needles {
		parts.Needles = append(parts.Needles, haystack.Insert{Text: n.Text, Depth: n.Depth})
	}
	l, err := pr.planWithin(&parts)
	if err != nil {
		if short, ok := err.(*haystack.ErrShortCorpus); ok {
			short.Corpus, short.Length, short.Repeated = pr.Corpus.Name, it.Length, pr.repeated
		}
		if scaled {
			err = pr.inAskedUnits(err, it.Length, parts.Target)
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
		LengthCounts: pr.Counts,
		Depthless:    needle.Depthless(pr.Task),
	}
	if name, _, ok := needle.MaterialOf(pr.Task); ok {
		rec.Haystack = name // the task's own material (a QA or prompts file), not a haystack
	}
	if p.Distance >= 0 {
		d := p.Distance
		rec.DistanceTokens = &d
	}
	rec.Others = p.Content.Others
	rec.Pair = p.Content.Pair
	if p.ServerTokens != p.Layout.Tokens { // a calibrated stand-in tokenizer
		rec.PromptTokensExpected = p.ServerTokens
	}
	return rec
}
