package needle

import (
	"regexp"
	"strings"
)

// valuePattern matches one value of each kind in needle sentences.
var valuePattern = map[string]string{
	KindNumber: `[0-9]{7}`,
	KindWord:   `[a-z]+-[a-z]+`,
	KindUUID:   valuePatternUUID,
}

const valuePatternUUID = `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`

var (
	questionStart = regexp.MustCompile(`What (is|are) (all )?the access (number|word|code)s? for `)
	keyPattern    = regexp.MustCompile(valuePatternUUID + `|[a-z]+-[a-z]+`) // UUID keys: ruler's niah_multikey_3
	passkeyFound  = regexp.MustCompile(`The pass key is ([0-9]+)\. Remember it\.`)
)

// Solve answers a prompt built from this package's tasks the way a perfect
// reader would, and returns the byte offsets in prompt of the needle
// sentences it read (the offset of the "T" that opens each one), in the
// order it used them. It reads the question at the end of the prompt,
// finds every needle for the asked keys before it, and answers in a
// sentence ("The access number for amber-lantern is 7391204."), or "NONE"
// when an asked key has no needle. A passkey prompt gets the continuation
// llama.cpp expects (" 71432."). A latent prompt gets the asked
// character's name (the oracle knows every link), a hops prompt every
// variable holding the asked number, a cwe or fwe prompt its most
// frequent words. A prompt it does not recognise gets "".
func Solve(prompt string) (answer string, needleOffsets []int) {
	if p := strings.TrimRight(prompt, " \t\r\n"); strings.HasSuffix(p, PasskeyQuestion) {
		m := passkeyFound.FindStringSubmatchIndex(p[:len(p)-len(PasskeyQuestion)])
		if m == nil {
			return " I could not find the pass key.", nil
		}
		return " " + prompt[m[2]:m[3]] + ".", []int{m[0]}
	}
	if answer, ok := solveLists(prompt); ok {
		return answer, nil
	}
	if answer, offsets, ok := solveLatent(prompt); ok {
		return answer, offsets
	}
	if answer, offsets, ok := solveHops(prompt); ok {
		return answer, offsets
	}
	locs := questionStart.FindAllStringSubmatchIndex(prompt, -1)
	if locs == nil {
		return "", nil
	}
	q := locs[len(locs)-1]
	noun := "access " + prompt[q[6]:q[7]]
	kind := map[string]string{"number": KindNumber, "word": KindWord, "code": KindUUID}[prompt[q[6]:q[7]]]
	text, question := prompt[:q[0]], prompt[q[1]:]
	keys := keyPattern.FindAllString(strings.TrimSuffix(question, "?"), -1)
	var sentences []string
	for _, key := range keys {
		re := regexp.MustCompile(`The ` + noun + ` for ` + regexp.QuoteMeta(key) + ` is (` + valuePattern[kind] + `)\.`)
		var values []string
		for _, m := range re.FindAllStringSubmatchIndex(text, -1) {
			values = append(values, text[m[2]:m[3]])
			needleOffsets = append(needleOffsets, m[0])
		}
		switch len(values) {
		case 0:
			return "NONE", nil
		case 1:
			sentences = append(sentences, "The "+noun+" for "+key+" is "+values[0]+".")
		default:
			sentences = append(sentences, "The "+noun+"s for "+key+" are "+joinAnd(values)+".")
		}
	}
	if len(sentences) == 0 {
		return "", nil
	}
	return strings.Join(sentences, " "), needleOffsets
}
