package provider

import "strings"

// budgetOptions are the --option keys by which a protocol's answer budget
// can be set instead of by Request.MaxTokens (Ollama's num_predict,
// OpenAI's max_completion_tokens, Gemini's maxOutputTokens, ...).
var budgetOptions = []string{"num_predict", "max_tokens", "max_completion_tokens", "maxOutputTokens", "max_new_tokens"}

// OneToken is req asking for a single answer token: the same prompt,
// options and stream, with any option that would set another answer
// budget left out. It is how a prompt's length is asked of a server that
// counts only what it answers (the runner's follow-up of an answer that
// carried no count).
func OneToken(req Request) Request {
	req.MaxTokens = 1
	var opts map[string]string
	for k, v := range req.Options {
		budget := false
		for _, b := range budgetOptions {
			budget = budget || strings.EqualFold(k, b)
		}
		if !budget {
			if opts == nil {
				opts = map[string]string{}
			}
			opts[k] = v
		}
	}
	req.Options = opts
	return req
}
