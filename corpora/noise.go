package corpora

import "strings"

// noiseSentences is the filler of llama.cpp's passkey example and RULER's
// "noise" haystack, kept byte for byte: the reference model relies on it.
const noiseSentences = "The grass is green. The sky is blue. The sun is yellow. Here we go. There and back again."

// noiseRepeatsPerParagraph keeps the noise in paragraphs like any corpus.
const noiseRepeatsPerParagraph = 10

// Noise returns the control haystack: the noise sentences repeated, single
// spaces between them and a paragraph break after every tenth repetition,
// until the text holds at least minBytes bytes.
func Noise(minBytes int) *Corpus {
	var b strings.Builder
	b.Grow(minBytes + 2*len(noiseSentences))
	for n := 0; n == 0 || b.Len() < minBytes; n++ {
		switch {
		case n == 0:
		case n%noiseRepeatsPerParagraph == 0:
			b.WriteString("\n\n")
		default:
			b.WriteByte(' ')
		}
		b.WriteString(noiseSentences)
	}
	return newCorpus("noise", b.String(), true)
}
