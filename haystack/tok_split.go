package haystack

// chunkTarget is the size of the pieces long texts are counted in. Counting a
// few megabytes in one call costs ~125 bytes of allocation per input byte in
// the tiktoken core and risks its quadratic merge on long unsplit runs;
// 64 KB pieces keep both bounded.
const chunkTarget = 64 << 10

// chunkSearch is how far past chunkTarget a safe cut is looked for before a
// chunk is simply allowed to grow: correctness matters more than chunk size.
const chunkSearch = 64 << 10

// splitChunks cuts text into pieces of about target bytes such that
// tokenizing the pieces one by one gives the same tokens as tokenizing the
// whole text. It only cuts just before a space that is followed by an ASCII
// letter and preceded by an ASCII letter or sentence punctuation ("end. Next",
// "word next"). Every pre-tokenizer regex used here (cl100k, o200k, Llama 3,
// Qwen 2, GPT-2) ends a piece at such a place and starts the next one with
// " Next", and nothing on either side looks across it, so the cut is exact.
// Text without such places stays whole.
func splitChunks(text string, target int) []string {
	if len(text) <= target {
		return []string{text}
	}
	var chunks []string
	for len(text) > target {
		cut := safeCut(text, target, min(len(text)-1, target+chunkSearch))
		if cut < 0 {
			// No safe place near the target: look further rather than
			// risk a wrong count.
			cut = safeCut(text, target+chunkSearch, len(text)-1)
			if cut < 0 {
				break
			}
		}
		chunks = append(chunks, text[:cut])
		text = text[cut:]
	}
	return append(chunks, text)
}

// safeCut returns the first index p in [from, to) that is a safe cut, or -1.
func safeCut(text string, from, to int) int {
	for p := max(from, 1); p < to && p+1 < len(text); p++ {
		if text[p] == ' ' && isASCIILetter(text[p+1]) && safeBeforeSpace(text[p-1]) {
			return p
		}
	}
	return -1
}

func isASCIILetter(b byte) bool { return b|0x20 >= 'a' && b|0x20 <= 'z' }

func safeBeforeSpace(b byte) bool {
	switch b {
	case '.', ',', ';', ':', '!', '?':
		return true
	}
	return isASCIILetter(b)
}
