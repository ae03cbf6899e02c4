package stats

import "niah/results"

// Prefill is what a run's prompts cost the servers.
type Prefill struct {
	Trials int // trials the server counted (it answered)
	Sent   int // prompt tokens the servers counted
	// Reused and Computed are the servers' cache figures over the Known
	// trials that reported them (llama.cpp, vLLM, SGLang, OpenAI,
	// Anthropic, Gemini, newer Ollama).
	Reused, Computed, Known int
	// PrefillMS is the servers' own prompt-processing time, over Timed
	// trials (llama.cpp timings, Ollama prompt_eval_duration).
	PrefillMS float64
	Timed     int
	// Bound is the shared-prefix-tree lower bound (PrefixTree): the
	// distinct tokens of the prompts sent, per model (each server caches
	// its own).
	Bound int
}

// PrefixTree sums the shared-prefix tree of one model's prompts, the
// least any prefix cache computes. Every prompt shares the instructions
// and the haystack up to its first needle and differs after it (each
// needle is new), so the tree is the longest shared prefix plus, for each
// prompt, what follows its own. Sorting by that offset and summing length
// minus the common prefix with the previous prompt gives the same sum.
type PrefixTree struct{ spine, rest int }

// Add counts a prompt of tokens whose first shared tokens (those before
// its first needle) it shares with the others.
func (t *PrefixTree) Add(tokens, shared int) {
	shared = min(shared, tokens)
	t.spine = max(t.spine, shared)
	t.rest += tokens - shared
}

// Tokens is the size of the tree: its distinct tokens.
func (t PrefixTree) Tokens() int { return t.spine + t.rest }

// PrefillOf sums the cache and prefill figures of recs.
func PrefillOf(recs []results.Record) Prefill {
	var p Prefill
	trees := map[string]*PrefixTree{}
	for i := range recs {
		r := &recs[i]
		if r.PromptTokensServer == nil {
			continue // never reached the server, or it said nothing
		}
		p.Trials++
		p.Sent += *r.PromptTokensServer
		if r.ComputedTokens != nil {
			p.Known++
			p.Computed += *r.ComputedTokens
			p.Reused += max(*r.PromptTokensServer-*r.ComputedTokens, 0)
		}
		if r.PrefillMS != nil {
			p.Timed++
			p.PrefillMS += *r.PrefillMS
		}
		t := trees[labelOf(r)]
		if t == nil {
			t = &PrefixTree{}
			trees[labelOf(r)] = t
		}
		t.Add(r.PromptTokens, r.SharedPrefixTokens)
	}
	for _, t := range trees {
		p.Bound += t.Tokens()
	}
	return p
}

// Ratio is tokens computed over the bound: 1 is the best any cache can
// do; 0 when either is unknown.
func (p Prefill) Ratio() float64 {
	if p.Known == 0 || p.Known < p.Trials || p.Bound == 0 {
		return 0
	}
	return float64(p.Computed) / float64(p.Bound)
}
