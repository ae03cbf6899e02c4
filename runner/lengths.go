package runner

import (
	"fmt"

	"niah/haystack"
	"niah/results"
	"niah/units"
)

// checkLengthCounts fills and checks what the plan's lengths count: under
// the window meaning every length must hold the answer budget and a
// prompt beside it.
func (p *Plan) checkLengthCounts() error {
	p.LengthCounts = or(p.LengthCounts, DefaultLengthCounts)
	switch p.LengthCounts {
	case results.CountsWindow:
	case results.CountsPrompt:
		return nil
	default:
		return badSetting("length-counts", fmt.Errorf("%q is not window (the prompt plus the answer budget) or prompt (the prompt alone)", p.LengthCounts))
	}
	for _, l := range p.Grid.Lengths {
		if l <= p.MaxTokens {
			return badSetting("lengths", fmt.Errorf("%s leaves no room for a prompt beside the answer budget (--max-tokens %d): a length is the prompt plus the answer (--length-counts window)",
				units.FormatLength(l), p.MaxTokens))
		}
	}
	return nil
}

// reserve is how much of each length the answer budget takes: all of
// MaxTokens when a length is the window, nothing when it is the prompt.
func (p Plan) reserve() int {
	if p.LengthCounts == results.CountsPrompt {
		return 0
	}
	return p.MaxTokens
}

// longestPrompt is the longest prompt the plan sends, in the server's
// tokens: the longest length less the answer's share of it.
func (p Plan) longestPrompt() int {
	if p.Grid.Longest() == 0 {
		return 0
	}
	return p.Grid.Longest() - p.reserve()
}

// promptTarget is the prompt length a trial aims at, in the server's
// tokens: its length, less the answer budget when a length is the window.
func (pr *Prompter) promptTarget(it Item) int { return it.Length - pr.Reserve }

// planWithin lays out the prompt of parts. When a length is the window,
// the prompt must not pass its target, or prompt and answer overflow a
// server whose window is the length: a layout that lands a few tokens
// over (the haystack ends at the nearest word) is laid out again, aimed
// lower by the excess.
func (pr *Prompter) planWithin(parts *haystack.Parts) (haystack.Layout, error) {
	target := parts.Target
	l, err := pr.Index.Plan(*parts, pr.counts.count)
	for try := 0; err == nil && pr.Reserve > 0 && l.Tokens > target && try < 4; try++ {
		parts.Target -= l.Tokens - target
		l, err = pr.Index.Plan(*parts, pr.counts.count)
	}
	return l, err
}
