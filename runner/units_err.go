package runner

import (
	"errors"
	"fmt"
	"math"

	"niah/haystack"
)

// inAskedUnits restates a length the task does not fit in the units the
// user asked in. With a calibrated stand-in tokenizer the prompt is laid
// out in the stand-in's tokens (asked server tokens become planned
// stand-in tokens), so the error haystack gives speaks of a length the
// user never wrote; this one says both.
func (pr *Prompter) inAskedUnits(err error, asked, planned int) error {
	var short *haystack.ErrTooShort
	if !errors.As(err, &short) {
		return err
	}
	tok := pr.Tok.Name()
	server := int(math.Round(pr.Cal.Scale*float64(short.Fixed))) + pr.Cal.Overhead
	return fmt.Errorf("length %d is shorter than the instructions, needles and question, which take about %d of the server's tokens "+
		"(in %s, the stand-in tokenizer calibrated as server = %.3f x %s %+d, length %d is %d tokens and they take %d)",
		asked, server, tok, pr.Cal.Scale, tok, pr.Cal.Overhead, asked, planned, short.Fixed)
}
