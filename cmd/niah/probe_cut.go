package main

import (
	"fmt"

	"niah/provider"
	"niah/runner"
)

// cutVerdict explains a server that cut the prompt above its context. The
// size it cut to is not its limit: llama-server's context shift keeps
// about half the window (the end); the limit is the context itself, which
// the prompt just under it confirms.
func cutVerdict(info provider.ServerInfo, r runner.ProbeResult, reported int) string {
	end := "which end it drops was not measured"
	if r.HeadKept != nil && *r.HeadKept {
		end = "it kept the beginning, so the end (where the question is) or the middle was dropped; " + r.HeadNote
	} else if r.HeadKept != nil {
		end = "the beginning did not survive: it kept the end of the prompt; " + r.HeadNote
	}
	llama := info.Kind == "llamacpp"
	if r.Under != nil && r.Confirmed {
		v := fmt.Sprintf("verdict: the limit is the context, %d tokens (%s); a prompt of %d tokens just under it was taken whole.\n"+
			"Above it the server CUTS SILENTLY to %d tokens (HTTP 200); %s.\n", reported, sourceOf(info), r.Under.Sent, r.Limit, end)
		if llama {
			v += "This is llama-server's context shift (on by default): it keeps the end of an over-long prompt, about half the context. " +
				"Start it with --no-context-shift to have such prompts rejected (HTTP 400) instead.\n"
		}
		return v + fmt.Sprintf("niah records cut trials invalid (truncated); lengths up to %d tokens less the answer budget (--max-tokens) measure here.", reported)
	}
	advice := "start the server with a larger context, or test only lengths below the limit"
	switch {
	case info.Kind == "ollama" || info.Kind == "openai" && r.Limit == 4096:
		advice = "on Ollama use the native provider (ollama:MODEL), which sets num_ctx and sends truncate:false; its /v1 API cannot set num_ctx"
	case llama:
		advice = "start llama-server with a larger -c (and -np 1: each of its slots gets -c divided by -np), or --no-context-shift to have over-long prompts rejected"
	}
	v := fmt.Sprintf("verdict: CUTS SILENTLY to %d tokens (HTTP 200); %s.\n", r.Limit, end)
	if r.Under != nil {
		v += fmt.Sprintf("A prompt of %d tokens, just under the reported context, was cut too (%s): the real limit is below the reported %d.\n",
			r.Under.Sent, r.Under.Outcome, reported)
	}
	return v + fmt.Sprintf("niah catches this by comparing the server's count with the plan and records such trials invalid (truncated), "+
		"but lengths above %d measure nothing here: %s.", r.Limit, advice)
}

func sourceOf(info provider.ServerInfo) string {
	if info.ContextSource == "" {
		return "as given"
	}
	return "from " + info.ContextSource
}

// slotsLine tells how many slots the server splits its context into; ""
// when it does not say. llama-server's n_ctx is per slot: -np 4 -c 8192
// gives each request 2,048 tokens.
func slotsLine(info provider.ServerInfo) string {
	switch n := info.TotalSlots; {
	case n <= 0:
		return ""
	case n == 1:
		return "1 (total_slots): one request at a time gets the whole context"
	}
	return fmt.Sprintf("%d (total_slots): the context is per slot, %d tokens each of %d in all; start llama-server with -np 1 to give one slot the whole -c",
		info.TotalSlots, info.ContextLength, info.TotalSlots*info.ContextLength)
}
