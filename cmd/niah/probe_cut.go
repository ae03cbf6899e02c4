package main

import (
	"fmt"

	"niah/provider"
	"niah/runner"
)

// cutVerdict explains a server that cut the prompt above its context. The
// size it cut to is not its limit: llama-server's context shift keeps
// about half the window (the end); the limit is the context itself, which
// the prompt just under it confirms. What the server does and what to
// change come from provider, which knows the server kinds.
func cutVerdict(info provider.ServerInfo, r runner.ProbeResult, reported int) string {
	end := "which end it drops was not measured"
	if r.HeadKept != nil && *r.HeadKept {
		end = "it kept the beginning, so the end (where the question is) or the middle was dropped; " + r.HeadNote
	} else if r.HeadKept != nil {
		end = "the beginning did not survive: it kept the end of the prompt; " + r.HeadNote
	}
	if r.Under != nil && r.Confirmed {
		v := fmt.Sprintf("verdict: the limit is the context, %d tokens (%s); a prompt of %d tokens just under it was taken whole.\n"+
			"Above it the server CUTS SILENTLY to %d tokens (HTTP 200); %s.\n", reported, sourceOf(info), r.Under.Sent, r.Limit, end)
		if why := provider.CutMechanism(info.Kind); why != "" {
			v += why + "\n"
		}
		return v + fmt.Sprintf("niah records cut trials invalid (truncated); lengths up to %d tokens less the answer budget (--max-tokens) measure here.", reported)
	}
	v := fmt.Sprintf("verdict: CUTS SILENTLY to %d tokens (HTTP 200); %s.\n", r.Limit, end)
	if r.Under != nil {
		v += fmt.Sprintf("A prompt of %d tokens, just under the reported context, was cut too (%s): the real limit is below the reported %d.\n",
			r.Under.Sent, r.Under.Outcome, reported)
	}
	return v + fmt.Sprintf("niah catches this by comparing the server's count with the plan and records such trials invalid (truncated), "+
		"but lengths above %d measure nothing here: %s.", r.Limit, provider.CutFix(info.Kind, r.Limit))
}

func sourceOf(info provider.ServerInfo) string {
	if info.ContextSource == "" {
		return "as given"
	}
	return "from " + info.ContextSource
}
