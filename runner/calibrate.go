package runner

import (
	"context"
	"fmt"
	"math"
	"sort"

	"niah/provider"
	"niah/results"
)

// Calibration maps planning-tokenizer counts to the server's counts:
// server ≈ Scale·planned + Overhead. With the model's own tokenizer Scale
// is 1 and Overhead is what the server adds around the text (BOS, chat
// template). With a stand-in tokenizer Scale is the measured ratio.
type Calibration struct {
	Scale    float64 `json:"scale"`
	Overhead int     `json:"overhead"`
	Probes   int     `json:"probes"`
	Note     string  `json:"note,omitempty"`
}

// Calibrate sends short probe prompts (haystack text only, one answer token)
// and reads the prompt counts the server reports. exact says whether the
// planning tokenizer is the model's own: then one probe fixes the overhead;
// otherwise two probes of different sizes fix the ratio as well. A server
// with a free token counter (Anthropic, Gemini) is asked to count larger
// samples instead of answering them.
func Calibrate(ctx context.Context, c provider.Client, pr *Prompter, exact bool) (Calibration, error) {
	// Small enough to fit any server's window (a probe that gets cut would
	// calibrate the cut; 1536 tokens and a chat template fit 2K), large
	// enough for a stable ratio: the two stand-in probes differ by 1408
	// tokens, as 512 of one essay's words can sit 3% off the ratio of the
	// whole haystack.
	sizes := []int{256}
	counter, counts := c.(provider.Tokenizing)
	counts = counts && !exact
	switch {
	case counts:
		sizes = []int{2048, 16384}
	case !exact:
		sizes = []int{128, 1536}
	}
	var planned, server []float64
	for _, n := range sizes {
		text := pr.prefixText(n)
		p, err := pr.counts.count(text)
		if err != nil {
			return Calibration{}, err
		}
		var seen *int
		if counts {
			n, err := counter.CountTokens(ctx, text)
			if err != nil {
				return Calibration{}, fmt.Errorf("calibration count by %s: %w", c.Spec(), err)
			}
			seen = &n
		} else {
			resp, err := c.Complete(ctx, provider.Request{
				Messages:  []results.Message{{Role: "user", Content: text}},
				MaxTokens: 1,
				Seed:      pr.Seed,
			})
			if err != nil {
				return Calibration{}, fmt.Errorf("calibration request to %s: %w", c.Spec(), err)
			}
			seen = resp.PromptTokens
		}
		if seen == nil || *seen <= 0 { // 0 is "unknown" too (proxies, Ollama's /v1 after an abort)
			return Calibration{Scale: 1, Note: "the server reports no prompt token count: no calibration"}, nil
		}
		planned = append(planned, float64(p))
		server = append(server, float64(*seen))
	}
	cal := Calibration{Scale: 1, Probes: len(sizes)}
	if len(sizes) == 2 && planned[1] > planned[0] {
		cal.Scale = (server[1] - server[0]) / (planned[1] - planned[0])
	}
	cal.Overhead = int(math.Round(server[0] - cal.Scale*planned[0]))
	if cal.Scale < 0.2 || cal.Scale > 5 || cal.Overhead < -64 || cal.Overhead > 512 {
		return Calibration{Scale: 1}, fmt.Errorf("calibration of %s is implausible (server = %.3f x planned %+d): lengths are uncalibrated",
			c.Spec(), cal.Scale, cal.Overhead)
	}
	cal.Note = fmt.Sprintf("server tokens = %.4f x planned %+d (from %d probe requests)", cal.Scale, cal.Overhead, cal.Probes)
	return cal, nil
}

// prefixText is the haystack's opening text of about n tokens.
func (pr *Prompter) prefixText(n int) string {
	i := pr.Index.Nearest(n)
	return pr.Index.Text[:pr.Index.Cuts[i].Byte]
}

// prefixTextUnder is the haystack's opening text of at most n tokens (of
// one sentence at least).
func (pr *Prompter) prefixTextUnder(n int) string {
	cuts := pr.Index.Cuts
	i := sort.Search(len(cuts), func(i int) bool { return int(cuts[i].Tok) > n }) - 1
	return pr.Index.Text[:cuts[max(i, 1)].Byte]
}
