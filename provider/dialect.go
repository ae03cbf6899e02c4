package provider

import (
	"context"
	"strings"

	"niah/haystack"
)

// dialect is how one kind of server behaves behind the OpenAI-compatible
// API: how niah recognises it and reads its facts, what it adds to a
// request, how it tokenizes. A zero field is plain OpenAI behaviour, so a
// new compatible server is a registry row naming the parts it has.
type dialect struct {
	// reportsAs is the kind the client names when it is not the row's own
	// (openai-completions speaks OpenAI's API).
	reportsAs Kind
	// completions: POST /completions with one prompt string, not chat.
	completions bool
	// claims says whether the model's /models entry shows this kind
	// (llama.cpp's meta, vLLM's max_model_len); alias is the spec's kind.
	// At most one row claims an entry.
	claims func(e oaiModel, alias Kind) bool
	// detect asks the server whether it is this kind and, if it is, fills
	// info with what it says; nil: the kind has no way to tell.
	detect func(ctx context.Context, d *detection) bool
	// listsAll: the server serves only the models /models lists, so a
	// model it does not list is refused before any trial.
	listsAll bool
	// body adds the kind's own request fields, before the user's options.
	body func(b map[string]any, o *openAIClient, req Request)
	// tokenize is the kind's /tokenize; nil: it has none.
	tokenize *tokenizeDialect
	// vocabulary hands over the model's tokenizer through another API
	// (Ollama's /api/show); nil: none.
	vocabulary func(ctx context.Context, o *openAIClient) (haystack.Tokenizer, error)
	// abortsQuietly: an answer without a finish reason is the server's
	// repetition abort (Ollama's /v1), not a broken answer.
	abortsQuietly bool
}

// greedyTopK pins top_k 1 (greedy decoding) on servers that take the field.
func greedyTopK(b map[string]any, _ *openAIClient, _ Request) { b["top_k"] = 1 }

// llamaCachePrompt is greedy sampling plus llama-server's prompt cache,
// which reuses the shared haystack prefix between trials.
func llamaCachePrompt(b map[string]any, o *openAIClient, req Request) {
	greedyTopK(b, o, req)
	b["cache_prompt"] = true
}

// openAIReasoning: OpenAI's reasoning models refuse temperature and
// max_tokens; they take max_completion_tokens instead.
func openAIReasoning(b map[string]any, o *openAIClient, req Request) {
	if o.completions || !isOpenAIReasoning(o.spec.Model) {
		return
	}
	delete(b, "temperature") // refused by reasoning models; they are not sampled greedily
	delete(b, "max_tokens")
	if req.MaxTokens > 0 {
		// hidden reasoning tokens count here too: the caller budgets generously
		b["max_completion_tokens"] = req.MaxTokens
	}
}

// isOpenAIReasoning matches hosted models that refuse temperature 0 and
// max_tokens (o-series, gpt-5): they take max_completion_tokens instead.
func isOpenAIReasoning(model string) bool {
	m := strings.ToLower(strings.TrimPrefix(model, "openai/"))
	for _, p := range []string{"o1", "o3", "o4", "gpt-5"} {
		if strings.HasPrefix(m, p) {
			return true
		}
	}
	return false
}

// listsTrainedContext: llama-server's /models entry carries meta.n_ctx_train.
func listsTrainedContext(e oaiModel, _ Kind) bool { return e.Meta != nil }

// listsMaxModelLen: vLLM and SGLang both list max_model_len; SGLang says
// owned_by "sglang", or the spec says it is SGLang.
func listsMaxModelLen(sglang bool) func(oaiModel, Kind) bool {
	return func(e oaiModel, alias Kind) bool {
		isSGLang := e.OwnedBy == string(KindSGLang) || alias == KindSGLang
		return e.Meta == nil && e.MaxModelLen > 0 && isSGLang == sglang
	}
}

// nativeVocabulary reads the model's tokenizer from the native API of the
// Ollama server behind an OpenAI-compatible client.
func nativeVocabulary(ctx context.Context, o *openAIClient) (haystack.Tokenizer, error) {
	return o.nativeOllama().Tokenizer(ctx)
}
