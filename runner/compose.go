package runner

import (
	"fmt"
	"math"
	"strings"

	"niah/haystack"
	"niah/needle"
)

// maxFitCounts bounds the whole-prompt counts one composed prompt may
// take to fit its length: a handful in practice (see fitUnits).
const maxFitCounts = 24

// buildComposed lays out the prompt of a task that writes its own context
// (needle.Composer): it finds the most units whose whole prompt, counted
// in the planning tokenizer, stays within the trial's share of its length,
// so lengths are exact in every tokenizer as haystack prompts are.
func (pr *Prompter) buildComposed(label string, it Item, c needle.Composer) (*Prompt, error) {
	comp := c.Compose(pr.rng(it), it.Depth, it.Length)
	target := pr.promptTarget(it) // in the server's tokens
	budget := target - pr.Cal.Overhead
	scaled := pr.Cal.Scale > 0 && pr.Cal.Scale != 1
	if scaled {
		budget = int(math.Round(float64(target-pr.Cal.Overhead) / pr.Cal.Scale))
	}
	count := func(n int) (int, error) {
		in := comp.Sized(n)
		return pr.Tok.Count(in.Instructions + in.Context + in.Question)
	}
	n, tokens, err := fitUnits(comp, budget, count)
	if err != nil {
		if name, _, ok := needle.MaterialOf(pr.Task); ok {
			return nil, fmt.Errorf("length %d: %s: %w", it.Length, strings.TrimPrefix(name, "qa:"), err)
		}
		return nil, fmt.Errorf("length %d: %w", it.Length, err)
	}
	in := comp.Sized(n)
	instr, err := pr.counts.count(in.Instructions)
	if err != nil {
		return nil, err
	}
	l := haystack.Layout{Target: target, Tokens: tokens + pr.Cal.Overhead, Haystack: tokens - instr,
		Offsets: []int{instr}} // every prompt of the task shares its instructions, nothing more
	p := &Prompt{Item: it, ID: TrialID(label, pr.Task.Name(), pr.Seed, it), Layout: l, ServerTokens: l.Tokens}
	if scaled {
		p.Layout.Tokens = tokens
		p.ServerTokens = int(math.Round(pr.Cal.Scale*float64(tokens))) + pr.Cal.Overhead
	}
	if p.DepthActual, err = pr.answerDepth(in); err != nil {
		return nil, err
	}
	// The context is written again when the prompt is sent: a queue of
	// 1M-token prompts keeps their draws, not their text.
	in.Context = ""
	p.Content = in
	p.text = func() string {
		in := comp.Sized(n)
		return in.Instructions + in.Context + in.Question
	}
	return p, nil
}

// answerDepth is where a placed answer landed (QA's documents), percent
// of the context's tokens; 0 for tasks whose answer is everywhere.
func (pr *Prompter) answerDepth(in needle.Instance) (float64, error) {
	if needle.Depthless(pr.Task) || len(in.Needles) == 0 {
		return 0, nil
	}
	at := strings.Index(in.Context, in.Needles[0].Text)
	if at <= 0 {
		return 0, nil
	}
	before, err := pr.Tok.Count(in.Context[:at])
	if err != nil {
		return 0, err
	}
	all, err := pr.Tok.Count(in.Context)
	if err != nil || all == 0 {
		return 0, err
	}
	return 100 * float64(before) / float64(all), nil
}

// fitUnits finds how many units fill budget tokens: n units whose prompt
// counts at most budget and not much less (within a unit or two, or 64
// tokens), else the most that fit. A prompt grows by a few tokens a unit,
// nearly in proportion: a count a sixteenth of the way measures the rate,
// and each further count aims just under the budget along the line through
// the last two counts, so a 1M-token prompt takes two or three counts of
// its whole length. Bisection takes over should the steps stall. Every
// count is of the whole prompt, so the result is exact whatever the
// tokenizer does where units meet.
func fitUnits(c needle.Composition, budget int, count func(int) (int, error)) (n, tokens int, err error) {
	first, err := count(c.Min)
	if err != nil {
		return 0, 0, err
	}
	if first > budget {
		return 0, 0, fmt.Errorf("the task's shortest prompt has %d tokens, more than the %d it may have here", first, budget)
	}
	lo, tlo := c.Min, first // the most units known to fit, and their tokens
	hi := c.Max + 1         // the fewest known not to fit (Max+1: none known)
	rate := 1.0             // tokens per unit
	if c.Guess > 0 {
		rate = 1000 / c.Guess
	}
	slack := min(64, max(2, budget/100))
	next := lo + max(1, int(float64(budget-tlo)/16/rate))
	lastN, lastT := lo, tlo
	for k := 0; hi-lo > 1 && k < maxFitCounts; k++ {
		if k > 0 && budget-tlo <= max(slack, int(math.Ceil(2*rate))) {
			break // close enough: a unit or two, or 64 tokens, under
		}
		g := next
		if g <= lo || g >= hi || k >= maxFitCounts/2 {
			g = lo + (hi-lo)/2
		}
		t, err := count(g)
		if err != nil {
			return 0, 0, err
		}
		rate = max(float64(t-lastT)/float64(g-lastN), 1e-3)
		lastN, lastT = g, t
		if t <= budget {
			lo, tlo = g, t
		} else {
			hi = g
		}
		// aim half the slack under the budget, from the count just made
		next = g + int(math.Floor((float64(budget-t)-float64(slack)/2)/rate))
	}
	if lo == c.Max && budget-tlo > max(8, budget/100) {
		return 0, 0, fmt.Errorf("the task's material holds %d tokens at most, the length needs %d", tlo, budget)
	}
	return lo, tlo, nil
}
