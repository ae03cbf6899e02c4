package haystack

import "fmt"

// ErrTooShort is returned when a length leaves no room for the haystack:
// the instructions, needles and question alone take Fixed tokens of the
// index's tokenizer, Target or more.
type ErrTooShort struct {
	Target, Fixed int
}

func (e *ErrTooShort) Error() string {
	return fmt.Sprintf("length %d is shorter than the instructions, needles and question (%d tokens)", e.Target, e.Fixed)
}
