package needle

import "strings"

// reasoningTags are the open/close pairs that models and chat templates use
// to wrap thinking inside the answer text.
var reasoningTags = [][2]string{
	{"<think>", "</think>"},
	{"<thinking>", "</thinking>"},
	{"<reasoning>", "</reasoning>"},
	{"<reflection>", "</reflection>"},
	{"◁think▷", "◁/think▷"},
	{"<|begin_of_thought|>", "<|end_of_thought|>"},
}

// harmonyFinal opens the final channel in gpt-oss "harmony" output;
// everything before it is analysis.
const harmonyFinal = "<|channel|>final<|message|>"

// harmonyMarkup drops the channel framing around harmony analysis text.
var harmonyMarkup = strings.NewReplacer("<|start|>assistant", "", "<|channel|>analysis<|message|>", "", "<|end|>", "\n")

// splitReasoning separates a raw answer into the final answer and the
// reasoning wrapped in think-style tags. A close tag with no open tag
// (templates that put "<think>" into the prompt) makes everything before it
// reasoning; an open tag never closed makes everything after it reasoning,
// so an unfinished think block yields an empty answer.
func splitReasoning(raw string) (answer, reasoning string) {
	var parts []string
	s := raw
	if i := strings.LastIndex(s, harmonyFinal); i >= 0 {
		parts = append(parts, harmonyMarkup.Replace(s[:i]))
		s = strings.TrimSpace(s[i+len(harmonyFinal):])
		s = strings.TrimSuffix(strings.TrimSuffix(s, "<|return|>"), "<|end|>")
	}
	for _, tag := range reasoningTags {
		s = stripTag(s, tag[0], tag[1], &parts)
	}
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	parts = removeEmpty(parts)
	return strings.TrimSpace(s), strings.Join(parts, "\n\n")
}

func removeEmpty(ss []string) []string {
	out := ss[:0]
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// stripTag removes every open…close block from s, appending the insides to
// parts.
func stripTag(s, open, close string, parts *[]string) string {
	for {
		o, c := strings.Index(s, open), strings.Index(s, close)
		switch {
		case c >= 0 && (o < 0 || o > c): // orphan close
			*parts = append(*parts, s[:c])
			s = s[c+len(close):]
		case o >= 0 && c > o:
			*parts = append(*parts, s[o+len(open):c])
			s = s[:o] + s[c+len(close):]
		case o >= 0: // never closed
			*parts = append(*parts, s[o+len(open):])
			s = s[:o]
		default:
			return s
		}
	}
}
