package provider

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// thinkingBudgetOption is the --option that sets a reasoning budget in
// tokens on the hosted APIs that take one: Gemini's
// generationConfig.thinkingConfig.thinkingBudget and Anthropic's extended
// thinking, thinking: {type: enabled, budget_tokens}.
const thinkingBudgetOption = "thinking_budget"

// anthropicMinThinking is the smallest budget_tokens the Messages API takes.
const anthropicMinThinking = 1024

// parseThinkingBudget reads --option thinking_budget=N as a whole number.
func parseThinkingBudget(v string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, fmt.Errorf("--option %s=%s: want a whole number of tokens", thinkingBudgetOption, v)
	}
	return n, nil
}

// anthropicThinking applies --option thinking_budget=N to a Messages body
// whose user options are already in place. N = 0 leaves thinking off;
// otherwise N must be at least 1024 and below max_tokens, which the budget
// counts against. With thinking on (from thinking_budget or a raw
// --option thinking={...}), the pinned temperature 0 is dropped: extended
// thinking refuses any temperature but its own 1, and any top_k.
func anthropicThinking(b map[string]any, opts map[string]string) error {
	if v, ok := opts[thinkingBudgetOption]; ok {
		if _, raw := opts["thinking"]; raw {
			return fmt.Errorf("--option %s and --option thinking both set Anthropic's extended thinking; give one", thinkingBudgetOption)
		}
		n, err := parseThinkingBudget(v)
		if err != nil {
			return err
		}
		maxTokens, _ := b["max_tokens"].(int)
		switch {
		case n == 0:
			return nil // thinking stays off; temperature stays pinned
		case n < anthropicMinThinking:
			return fmt.Errorf("--option %s=%d: Anthropic's extended thinking takes at least %d tokens (0 leaves it off)", thinkingBudgetOption, n, anthropicMinThinking)
		case n >= maxTokens:
			return fmt.Errorf("--option %s=%d: Anthropic counts the thinking budget against max_tokens, which must exceed it: raise --max-tokens (now %d) above %d, by the room the answer needs", thinkingBudgetOption, n, maxTokens, n)
		}
		b["thinking"] = map[string]any{"type": "enabled", "budget_tokens": n}
	} else if !rawThinkingOn(b["thinking"]) {
		return nil
	}
	for _, k := range []string{"temperature", "top_k"} {
		if v, ok := opts[k]; ok && !isNullOrOne(k, v) {
			return fmt.Errorf("--option %s=%s: Anthropic's extended thinking cannot be combined with a pinned %s; leave the option out", k, v, k)
		}
	}
	if _, ok := opts["temperature"]; !ok {
		delete(b, "temperature") // niah's pinned 0 is refused with thinking on
	}
	return nil
}

// rawThinkingOn reports whether a --option thinking={...} value turns
// thinking on: any object whose type is not "disabled".
func rawThinkingOn(v any) bool {
	raw, ok := v.(json.RawMessage)
	if !ok {
		return false
	}
	var t struct {
		Type string `json:"type"`
	}
	return json.Unmarshal(raw, &t) == nil && t.Type != "" && t.Type != "disabled"
}

// isNullOrOne: temperature=1 is the value extended thinking uses anyway
// and null removes the field; top_k has no such value.
func isNullOrOne(key, v string) bool {
	t := strings.TrimSpace(v)
	if t == "null" {
		return true
	}
	f, err := strconv.ParseFloat(t, 64)
	return key == "temperature" && err == nil && f == 1
}

// geminiThinking applies --option thinking_budget=N to a generationConfig
// whose user options are already in place, as thinkingConfig.thinkingBudget
// (0 turns thinking off where the model allows it, -1 lets the model choose),
// merged into a thinkingConfig the user gave. With thinking on it asks for
// the thought summary (includeThoughts), unless the user set that field.
func geminiThinking(cfg map[string]any, opts map[string]string) error {
	v, ok := opts[thinkingBudgetOption]
	if !ok {
		return nil
	}
	n, err := parseThinkingBudget(v)
	if err != nil {
		return err
	}
	if n < -1 {
		return fmt.Errorf("--option %s=%d: Gemini takes a budget of 0 or more tokens, or -1 for the model's own choice", thinkingBudgetOption, n)
	}
	tc := map[string]any{}
	if given, ok := cfg["thinkingConfig"]; ok {
		raw, isJSON := given.(json.RawMessage)
		if !isJSON || json.Unmarshal(raw, &tc) != nil || tc == nil {
			return fmt.Errorf("--option thinkingConfig: not a JSON object")
		}
		if _, dup := tc["thinkingBudget"]; dup {
			return fmt.Errorf("--option %s and --option thinkingConfig={\"thinkingBudget\":...} both set the budget; give one", thinkingBudgetOption)
		}
	}
	tc["thinkingBudget"] = n
	if _, given := tc["includeThoughts"]; !given && n != 0 {
		// The reasoning asked for is recorded: without includeThoughts
		// the API returns no thought summary, and the record's reasoning
		// stays empty.
		tc["includeThoughts"] = true
	}
	cfg["thinkingConfig"] = tc
	return nil
}

// budgetFields are, per kind of OpenAI-compatible server, its own way to
// bound reasoning: what a refused thinking_budget points to.
var budgetFields = map[Kind]string{
	KindVLLM:     "or vLLM's own field, --option thinking_token_budget=N",
	KindSGLang:   `or SGLang's chat-template hint, --option chat_template_kwargs='{"thinking_budget":N}' (templates that read it, e.g. Qwen3)`,
	KindLlamaCpp: "or llama-server's own start flag, --reasoning-budget",
}

// noThinkingBudget refuses --option thinking_budget on an API that has no
// such field: sent as it is, it would fail every trial with a 400 (or be
// ignored in silence), so the run stops before its first request and
// points to the field the server takes.
func noThinkingBudget(kind Kind, opts map[string]string) error {
	if _, ok := opts[thinkingBudgetOption]; !ok {
		return nil
	}
	if kind == KindOllama {
		return fmt.Errorf("--option %s: Ollama takes no thinking budget; use --option think=false, true or low|medium|high", thinkingBudgetOption)
	}
	own := budgetFields[kind]
	if own == "" {
		own = "or the server's own field"
	}
	return fmt.Errorf("--option %s: OpenAI-compatible APIs take no thinking budget (sent as is, it fails every trial); use --option reasoning_effort=low|medium|high, %s", thinkingBudgetOption, own)
}
