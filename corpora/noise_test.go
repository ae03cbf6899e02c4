package corpora

import (
	"strings"
	"testing"
)

func TestNoiseIsTheLlamaCppFiller(t *testing.T) {
	c := Noise(5000)
	if c.Name != "noise" || !c.Repeats {
		t.Errorf("Name %q Repeats %v, want noise true", c.Name, c.Repeats)
	}
	if len(c.Text) < 5000 {
		t.Errorf("%d bytes, want at least 5000", len(c.Text))
	}
	checkConventions(t, c.Text)
	paras := strings.Split(c.Text, "\n\n")
	want := strings.TrimSpace(strings.Repeat("The grass is green. The sky is blue. The sun is yellow. Here we go. There and back again. ", 10))
	for i, p := range paras[:len(paras)-1] {
		if p != want {
			t.Fatalf("paragraph %d is not ten repetitions of the filler: %q", i, p)
		}
	}
	if last := paras[len(paras)-1]; !strings.HasPrefix(want, last) {
		t.Errorf("last paragraph is not whole repetitions: %q", last)
	}
}

func TestNoiseSizes(t *testing.T) {
	if got := Noise(0).Text; got != noiseSentences {
		t.Errorf("Noise(0) = %q, want one repetition", got)
	}
	if n := len(Noise(1_000_000).Text); n < 1_000_000 || n > 1_000_000+len(noiseSentences)+2 {
		t.Errorf("Noise(1e6) has %d bytes, want just over 1e6", n)
	}
}

func TestOpenNoiseCoversOneMillionTokens(t *testing.T) {
	c, err := Open("noise")
	if err != nil {
		t.Fatal(err)
	}
	// Noise is periodic, so a prefix of whole paragraphs tokenizes at the
	// same rate as the whole text; counting 5 MB under -race would be slow.
	prefix := c.Text[:strings.LastIndex(c.Text[:200_000], "\n\n")]
	perByte := float64(countCl100k(t, prefix)) / float64(len(prefix))
	n := int(perByte * float64(len(c.Text)))
	t.Logf("noise: %d bytes, about %d cl100k tokens", len(c.Text), n)
	if n < 1_200_000 {
		t.Errorf("noise has about %d cl100k tokens, want at least 1,200,000", n)
	}
}
