package provider

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"niah/results"
)

// contextExceededMarkers are lower-case substrings by which the servers say
// "prompt too long" (model-servers.md §12). Wording moves between releases,
// so we match fragments, never whole messages.
var contextExceededMarkers = []string{
	"exceed_context_size_error",
	"exceeds the available context size",
	"input is too large to process",
	"maximum context length",
	"context length is only",
	"longer than the maximum model length",
	"is longer than the model's context length",
	"requested token count exceeds",
	"`inputs` must have less than",
	"context_length_exceeded",
	"your input exceeds the context window",
	"prompt is too long",
	"exceed context limit",
	"model_context_window_exceeded",
	"the input token count",
	"exceeds the maximum number of tokens allowed",
	"the prompt is longer than the context length",
	"the input length exceeds the context length",
	"trying to keep the first",
	"cannot truncate prompt with n_keep",
}

// mentionsContextExceeded reports whether a server text says the prompt was too long.
func mentionsContextExceeded(text string) bool {
	t := strings.ToLower(text)
	for _, m := range contextExceededMarkers {
		if strings.Contains(t, m) {
			return true
		}
	}
	// TGI: "`inputs` tokens + `max_new_tokens` must be <= 131072"
	return strings.Contains(t, "must be <= ") && strings.Contains(t, "max_new_tokens")
}

// classifyStatus maps a failed HTTP status and its body to an error class.
// The body is checked first: llama.cpp once reported overflow as a 500.
func classifyStatus(status int, body []byte) results.Reason {
	switch {
	case mentionsContextExceeded(string(body)) || status == http.StatusRequestEntityTooLarge:
		return results.ReasonContextExceeded
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return results.ReasonAuth
	case status == http.StatusTooManyRequests || status == 529: // 529: Anthropic overloaded
		return results.ReasonRateLimited
	case status == http.StatusRequestTimeout || status == http.StatusGatewayTimeout:
		return results.ReasonTimeout
	case status >= 500:
		return results.ReasonServerError
	default:
		return results.ReasonBadRequest
	}
}

// classifyEmbedded classifies an error object found inside a 200 body or a
// stream. A numeric code in it is trusted as an HTTP status; otherwise the
// server failed mid-answer, which is a server error worth retrying.
func classifyEmbedded(errObj json.RawMessage) results.Reason {
	if mentionsContextExceeded(string(errObj)) {
		return results.ReasonContextExceeded
	}
	var withCode struct {
		Code json.Number `json:"code"`
	}
	if json.Unmarshal(errObj, &withCode) == nil {
		if n, err := withCode.Code.Int64(); err == nil && n >= 400 && n < 600 {
			return classifyStatus(int(n), errObj)
		}
	}
	return results.ReasonServerError
}

// transient classes are retried; the others would fail the same way again.
func transient(class results.Reason) bool {
	switch class {
	case results.ReasonRateLimited, results.ReasonServerError, results.ReasonTimeout, results.ReasonNetwork:
		return true
	}
	return false
}

// serverMessage pulls the human text out of an error body, whatever its shape:
// {"error":{"message":..}}, {"error":".."}, {"message":..}, {"detail":..}, or raw text.
func serverMessage(body []byte) string {
	var shapes struct {
		Error   json.RawMessage `json:"error"`
		Message string          `json:"message"`
		Detail  json.RawMessage `json:"detail"`
	}
	if json.Unmarshal(body, &shapes) == nil {
		var s string
		var nested struct {
			Message string `json:"message"`
		}
		switch {
		case json.Unmarshal(shapes.Error, &s) == nil && s != "":
			return oneLine(s)
		case json.Unmarshal(shapes.Error, &nested) == nil && nested.Message != "":
			return oneLine(nested.Message)
		case shapes.Message != "":
			return oneLine(shapes.Message)
		case json.Unmarshal(shapes.Detail, &s) == nil && s != "":
			return oneLine(s)
		}
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		return "(empty body)"
	}
	return oneLine(string(body))
}

// oneLine collapses whitespace and cuts long server texts so every error
// fits one line. It reads no further than the cut needs: the text may be a
// whole response body of hundreds of megabytes.
func oneLine(s string) string {
	const max = 300
	const enough = (max + 1) * utf8.UTFMax // bytes that surely hold max+1 runes
	var b strings.Builder
	for f := range strings.FieldsSeq(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(f[:min(len(f), enough)])
		if b.Len() >= enough {
			break
		}
	}
	if r := []rune(b.String()); len(r) > max {
		return string(r[:max]) + "…"
	}
	return b.String()
}

// parseRetryAfter reads Retry-After as seconds or an HTTP date (0 if absent
// or bad), capped at retryAfterCap.
func parseRetryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil && secs >= 0 {
		// capped before converting: a huge value would overflow to a negative wait
		return time.Duration(min(secs, retryAfterCap.Seconds()) * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return min(d, retryAfterCap)
		}
	}
	return 0
}
