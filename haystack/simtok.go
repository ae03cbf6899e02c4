package haystack

// Sim is the tokenizer of the built-in simulated model: a token is a run of
// letters or digits, or one other non-space character. It is fast (a byte
// scan) and additive across cuts, so the simulation can count a 1M-token
// prompt in milliseconds and still agree exactly with the planner.
func Sim() Tokenizer { return simTokenizer{} }

type simTokenizer struct{}

func (simTokenizer) Name() string { return "sim" }

func (simTokenizer) Count(text string) (int, error) { return SimCount(text), nil }

// SimCount counts text in the simulation's tokens.
func SimCount(text string) int {
	n := 0
	inWord := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			inWord = false
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 || c == '\'':
			if !inWord {
				n++
				inWord = true
			}
		default:
			n++
			inWord = false
		}
	}
	return n
}
