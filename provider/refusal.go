package provider

import "strings"

// A refusal is an answer that measured nothing: the API blocked the prompt
// or the model declined to answer. It is not a retrieval failure, and it
// is not a transient error either (sent again, it ends the same way), so
// the client returns it as an answer with Response.Refusal set, and the
// runner records the trial invalid, reason refused, with the server's own
// block or stop reason kept as its finish reason.

// geminiBlockedPrefix marks the finish reason of a prompt Gemini blocked:
// "PROMPT_BLOCKED:" and its promptFeedback.blockReason.
const geminiBlockedPrefix = "PROMPT_BLOCKED:"

// geminiSafetyFinish are candidate finish reasons by which Gemini stopped
// an answer for its content (the response is blocked, not the prompt).
var geminiSafetyFinish = map[string]bool{"SAFETY": true, "PROHIBITED_CONTENT": true, "BLOCKLIST": true, "SPII": true}

// geminiRefusal reads a Gemini answer's finish reason (with the block
// prefix when promptFeedback blocked the prompt): a blocked prompt is
// always a refusal; an answer stopped for safety is one when it holds no
// text (text it did give is graded).
func geminiRefusal(finish, answer string) string {
	if block, ok := strings.CutPrefix(finish, geminiBlockedPrefix); ok {
		return "Gemini blocked the prompt (promptFeedback.blockReason " + block + "): no retrieval was measured"
	}
	if geminiSafetyFinish[finish] && strings.TrimSpace(answer) == "" {
		return "Gemini blocked the answer (finishReason " + finish + "): no retrieval was measured"
	}
	return ""
}

// anthropicRefusal reads a Messages stop reason: "refusal" is the model
// declining (its safety classifiers stopped the answer).
func anthropicRefusal(stop string) string {
	if stop == "refusal" {
		return "the model declined to answer (stop_reason refusal): no retrieval was measured"
	}
	return ""
}

// openAIRefusal reads a chat finish reason: "content_filter" is the
// server's filter withholding the answer.
func openAIRefusal(finish string) string {
	if finish == "content_filter" {
		return "the server's content filter withheld the answer (finish_reason content_filter): no retrieval was measured"
	}
	return ""
}
