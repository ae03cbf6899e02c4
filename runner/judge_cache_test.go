package runner

import (
	"testing"

	"niah/needle"
	"niah/provider"
	"niah/results"
)

// A record carries the server's own computed count, or prompt − cached
// when the server gives only those (vLLM, Gemini), or nothing.
func TestJudgeRecordsCacheFigures(t *testing.T) {
	n := func(v int) *int { return &v }
	ms := 812.5
	cases := []struct {
		name string
		resp provider.Response
		want any
	}{
		{"server's own", provider.Response{PromptTokens: n(100), CachedTokens: n(60), ComputedTokens: n(41), PrefillMS: &ms}, 41},
		{"derived", provider.Response{PromptTokens: n(100), CachedTokens: n(60)}, 40},
		{"unknown", provider.Response{PromptTokens: n(100)}, nil},
	}
	for _, tc := range cases {
		rec := results.Record{PromptTokens: 100}
		judge(&rec, tc.resp, nil, needle.Instance{Expected: []string{"7"}}, true)
		var got any
		if rec.ComputedTokens != nil {
			got = *rec.ComputedTokens
		}
		if got != tc.want {
			t.Errorf("%s: computed %v, want %v", tc.name, got, tc.want)
		}
		if (tc.resp.PrefillMS != nil) != (rec.PrefillMS != nil) {
			t.Errorf("%s: prefill_ms %v", tc.name, rec.PrefillMS)
		}
	}
}
