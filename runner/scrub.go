package runner

import (
	"niah/provider"
	"niah/results"
)

// scrubRecord replaces every secret in the texts of a record that come
// from the server (answer, reasoning, finish reason, error) and reports
// whether it found one: a server that echoes the request's key must not
// put it in results.jsonl or a report. It runs after grading, so the
// score is the answer's own.
func scrubRecord(rec *results.Record, secrets []string) bool {
	if len(secrets) == 0 {
		return false
	}
	found := false
	for _, text := range []*string{&rec.Answer, &rec.Reasoning, &rec.FinishReason, &rec.Error} {
		var hit bool
		*text, hit = provider.Scrub(*text, secrets)
		found = found || hit
	}
	return found
}

// scrubInfo is info with every secret scrubbed from what the server said
// about itself (it reaches the manifest).
func scrubInfo(info provider.ServerInfo, secrets []string) provider.ServerInfo {
	if len(secrets) == 0 {
		return info
	}
	info.Version, _ = provider.Scrub(info.Version, secrets)
	info.Model, _ = provider.Scrub(info.Model, secrets)
	info.ContextSource, _ = provider.Scrub(info.ContextSource, secrets)
	if info.Extra != nil {
		extra := make(map[string]string, len(info.Extra))
		for k, v := range info.Extra {
			extra[k], _ = provider.Scrub(v, secrets)
		}
		info.Extra = extra
	}
	return info
}
