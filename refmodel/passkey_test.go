package refmodel

import (
	"strings"
	"testing"
)

// The llama.cpp passkey format, as the project's needle package writes it.
const (
	passkeyInstructions = "There is an important piece of information hidden inside a lot of irrelevant text. Find it and remember it: you will be asked about it at the end.\n\n"
	noiseSentences      = "The grass is green. The sky is blue. The sun is yellow. Here we go. There and back again."
	passkeyNeedle       = " The pass key is 71432. Remember it. 71432 is the pass key."
	passkeyQuestion     = " What is the pass key? The pass key is"
	passkeyValue        = "71432"
)

// passkeyPrompt builds a passkey prompt of about length bytes (one token per
// byte, plus BOS) with the needle at depth percent of the haystack, inserted
// just before the space that opens a sentence (or at the end for 100).
func passkeyPrompt(length int, depth float64) string {
	fixed := len(passkeyInstructions) + len(passkeyNeedle) + len(passkeyQuestion)
	var hay strings.Builder
	for hay.Len() < length-fixed {
		if hay.Len() > 0 {
			hay.WriteByte(' ')
		}
		hay.WriteString(noiseSentences)
	}
	h := hay.String()
	if n := length - fixed; n < len(h) {
		// Cut back to the last whole sentence that fits.
		h = h[:strings.LastIndex(h[:n+1], ".")+1]
	}
	// Sentence starts: every ". " boundary (the needle goes before the
	// space), plus the very end.
	var cuts []int
	for i := 0; i+1 < len(h); i++ {
		if h[i] == '.' && h[i+1] == ' ' {
			cuts = append(cuts, i+1)
		}
	}
	cuts = append(cuts, len(h))
	want := depth / 100 * float64(len(h))
	at := cuts[0]
	for _, c := range cuts {
		if abs(float64(c)-want) < abs(float64(at)-want) {
			at = c
		}
	}
	return passkeyInstructions + h[:at] + passkeyNeedle + h[at:] + passkeyQuestion
}

// passkeyPromptAt builds a passkey prompt of exactly length bytes whose
// needle ends exactly distance bytes before the question (the haystack is
// cut anywhere, mid-word if need be: the model does not care).
func passkeyPromptAt(length, distance int) string {
	fixed := len(passkeyInstructions) + len(passkeyNeedle) + len(passkeyQuestion)
	var hay strings.Builder
	for hay.Len() < length-fixed {
		hay.WriteString(noiseSentences + " ")
	}
	h := hay.String()[:length-fixed]
	at := len(h) - distance
	return passkeyInstructions + h[:at] + passkeyNeedle + h[at:] + passkeyQuestion
}

// passkeyReach is how far back the windowed model's match head must look
// to read the key for a needle that ends distance tokens before the
// question: from the first generated token back to the key's first digit,
// across the question and the needle's tail after its lead-in.
func passkeyReach(distance int) int {
	return distance + len(passkeyNeedle) - len(" The pass key is ") + len(passkeyQuestion)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestPasskeyPromptShape(t *testing.T) {
	for _, length := range []int{1024, 3072} {
		for _, depth := range []float64{0, 50, 100} {
			p := passkeyPrompt(length, depth)
			if len(p) > length || len(p) < length-len(noiseSentences)-1 {
				t.Errorf("length %d depth %v: prompt is %d bytes", length, depth, len(p))
			}
			if strings.Count(p, passkeyNeedle) != 1 || !strings.HasSuffix(p, passkeyQuestion) {
				t.Errorf("length %d depth %v: needle or question misplaced", length, depth)
			}
			at := float64(strings.Index(p, passkeyNeedle)-len(passkeyInstructions)) / float64(len(p)-len(passkeyInstructions)-len(passkeyNeedle)-len(passkeyQuestion)) * 100
			if abs(at-depth) > 10 {
				t.Errorf("length %d depth %v: needle landed at %.0f%%", length, depth, at)
			}
		}
	}
}
