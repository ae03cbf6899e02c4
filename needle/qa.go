package needle

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
)

// Question answering over documents (RULER's qa_1 on SQuAD, qa_2 on
// HotpotQA), from a file the user supplies: niah ships no dataset. A
// trial asks one question; its own documents (the SQuAD paragraph, or the
// HotpotQA question's ten paragraphs) sit at the trial's depth among
// distractor documents — first the other paragraphs of the same SQuAD
// article, as RULER takes them, then the file's other documents in a
// random order — as many as the length holds, the last one cut at a word.
// An answer is right when it holds any of the references (RULER's
// string_match_part). The wording is niah's own.
type qaTask struct {
	file   string
	hash   string // sha256 of the file
	format string // "squad" or "hotpotqa"
	docs   []string
	words  []int // words per document
	items  []qaItem
}

type qaItem struct {
	question string
	answers  []string
	docs     []int // the question's own documents
	more     []int // SQuAD: the other paragraphs of its article
}

const (
	qaInstructions = "Answer the question using the documents below. Answer with the answer only, no other words.\n\n"
	qaQuestion     = "\n\nAnswer the question using the documents above. Answer with the answer only, no other words.\n\nQuestion: "
)

func (t qaTask) Name() string            { return "qa" }
func (t qaTask) DefaultHaystack() string { return "builtin" } // none is read: the documents are the file's

// Material names what the task's context is made of, for the manifest:
// the file and its SHA-256.
func (t qaTask) Material() (name, hash string) { return "qa:" + t.file, t.hash }

// rulerName is the task's name in RULER's set.
func (t qaTask) rulerName() string {
	if t.format == "hotpotqa" {
		return "qa_2"
	}
	return "qa_1"
}

// Make is the trial with its own documents and a few distractors.
func (t qaTask) Make(rng *rand.Rand, depth float64, _ func(string) bool) Instance {
	c := t.Compose(rng, depth, 4096)
	return c.Sized(min(c.Max, 200))
}

// Compose draws the trial's question and the order of its distractors;
// with n units its context holds n words of distractor documents.
func (t qaTask) Compose(rng *rand.Rand, depth float64, _ int) Composition {
	it := t.items[rng.IntN(len(t.items))]
	own := map[int]bool{}
	for _, d := range it.docs {
		own[d] = true
	}
	var order []int
	for _, d := range it.more {
		if !own[d] {
			order = append(order, d)
			own[d] = true
		}
	}
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
	for _, d := range rng.Perm(len(t.docs)) {
		if !own[d] {
			order = append(order, d)
		}
	}
	total := 0
	for _, d := range order {
		total += t.words[d]
	}
	sized := func(n int) Instance {
		var docs []string
		for _, d := range order {
			if n <= 0 {
				break
			}
			text := t.docs[d]
			if t.words[d] > n {
				text = firstWords(text, n)
			}
			docs = append(docs, text)
			n -= t.words[d]
		}
		at := int(math.Round(depth / 100 * float64(len(docs))))
		var gold []string
		for _, d := range it.docs {
			gold = append(gold, t.docs[d])
		}
		docs = slices.Insert(docs, at, gold...)
		var b strings.Builder
		for i, d := range docs {
			if i > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString("Document " + strconv.Itoa(i+1) + ":\n" + d)
		}
		return Instance{
			Instructions: qaInstructions,
			Context:      b.String(),
			Question:     qaQuestion + it.question,
			Expected:     slices.Clone(it.answers),
			AnyOf:        true,
			Needles:      []Placement{{Text: gold[0], Depth: depth}},
		}
	}
	return Composition{Sized: sized, Min: 0, Max: total, Guess: 700}
}

// firstWords is text up to the end of its n-th word.
func firstWords(text string, n int) string {
	in := false
	for i, r := range text {
		space := r == ' ' || r == '\n' || r == '\t' || r == '\r'
		if !space && !in {
			if n == 0 {
				return strings.TrimRight(text[:i], " \n\t\r")
			}
			n--
		}
		in = !space
	}
	return text
}

// LoadQA reads a SQuAD (an object with "data") or HotpotQA (an array of
// questions) JSON file. Bad input is one error naming the file and line.
func LoadQA(path string) (*qaTask, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("ruler:qa=%s: %w", path, err)
	}
	sum := sha256.Sum256(b)
	t := &qaTask{file: path, hash: hex.EncodeToString(sum[:])}
	at := func(off int64, format string, args ...any) error {
		i := min(max(int(off), 0), len(b))
		for i < len(b) && strings.IndexByte(" \t\r\n,", b[i]) >= 0 {
			i++ // a decoder's offset may stop before the separators of what follows
		}
		line := 1 + bytes.Count(b[:i], []byte("\n"))
		return fmt.Errorf("%s:%d: %s", path, line, fmt.Sprintf(format, args...))
	}
	trimmed := bytes.TrimLeft(b, " \t\r\n\ufeff")
	if len(trimmed) == 0 || trimmed[0] != '{' && trimmed[0] != '[' {
		return nil, at(int64(len(b)-len(trimmed)), "not a SQuAD (an object with \"data\") or HotpotQA (an array of questions) JSON file")
	}
	// A whole-file decode places syntax and type errors exactly; the
	// element-wise pass then places what is missing at its element.
	var whole any = &struct {
		Data []squadArticle `json:"data"`
	}{}
	if len(trimmed) > 0 && trimmed[0] == '[' {
		whole = &[]hotpotQuestion{}
	}
	if err := json.Unmarshal(b, whole); err != nil {
		return nil, jsonError(err, 0, nil, at)
	}
	switch {
	case len(trimmed) > 0 && trimmed[0] == '{':
		t.format = "squad"
		err = t.readSQuAD(b, at)
	case len(trimmed) > 0 && trimmed[0] == '[':
		t.format = "hotpotqa"
		err = t.readHotpot(b, at)
	default:
		return nil, at(int64(len(b)-len(trimmed)), "not a SQuAD (an object with \"data\") or HotpotQA (an array of questions) JSON file")
	}
	if err != nil {
		return nil, err
	}
	if len(t.items) == 0 {
		return nil, fmt.Errorf("%s: no answerable question in the file", path)
	}
	for _, d := range t.docs {
		t.words = append(t.words, len(strings.Fields(d)))
	}
	return t, nil
}

// jsonError places a decoding error in the file: at base plus the error's
// own offset (json.Unmarshal's offsets count from the file's start).
func jsonError(err error, base int64, dec *json.Decoder, at func(int64, string, ...any) error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return at(base+se.Offset, "%v", se)
	case errors.As(err, &te):
		return at(base+te.Offset, "%s: want %v, not a %s", te.Field, te.Type, te.Value)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return at(base, "the JSON ends too early")
	}
	if dec != nil {
		base = dec.InputOffset()
	}
	return at(base, "%v", err)
}

// eachElement decodes the array that follows into fn, one element at a
// time, giving fn the offset where its element starts.
func eachElement(dec *json.Decoder, at func(int64, string, ...any) error, fn func(off int64) error) error {
	tok, err := dec.Token()
	if err != nil {
		return jsonError(err, 0, dec, at)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return at(dec.InputOffset(), "want an array, not %v", tok)
	}
	for dec.More() {
		if err := fn(dec.InputOffset()); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return jsonError(err, 0, dec, at)
	}
	return nil
}

type squadArticle struct {
	Title      string `json:"title"`
	Paragraphs []struct {
		Context string `json:"context"`
		QAs     []struct {
			Question     string        `json:"question"`
			IsImpossible bool          `json:"is_impossible"`
			Answers      []squadAnswer `json:"answers"`
		} `json:"qas"`
	} `json:"paragraphs"`
}

func (t *qaTask) readSQuAD(b []byte, at func(int64, string, ...any) error) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil { // {
		return jsonError(err, 0, dec, at)
	}
	seen := false
	index := map[string]int{}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return jsonError(err, 0, dec, at)
		}
		if key != "data" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return jsonError(err, 0, dec, at)
			}
			continue
		}
		seen = true
		err = eachElement(dec, at, func(off int64) error {
			var a squadArticle
			if err := dec.Decode(&a); err != nil {
				return jsonError(err, 0, dec, at)
			}
			var article []int
			for _, p := range a.Paragraphs {
				if strings.TrimSpace(p.Context) == "" {
					return at(off, "a paragraph of article %q has no context", a.Title)
				}
				article = append(article, t.doc(p.Context, index))
			}
			for i, p := range a.Paragraphs {
				for _, q := range p.QAs {
					answers := qaAnswers(q.Answers)
					if q.IsImpossible || len(answers) == 0 {
						continue
					}
					if strings.TrimSpace(q.Question) == "" {
						return at(off, "a question of article %q is empty", a.Title)
					}
					t.items = append(t.items, qaItem{question: q.Question, answers: answers, docs: []int{article[i]},
						more: slices.DeleteFunc(slices.Clone(article), func(d int) bool { return d == article[i] })})
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if !seen {
		return at(0, "a SQuAD file is an object with \"data\": a list of articles")
	}
	return nil
}

type squadAnswer struct {
	Text string `json:"text"`
}

func qaAnswers(in []squadAnswer) []string {
	var out []string
	for _, a := range in {
		if s := strings.TrimSpace(a.Text); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

type hotpotQuestion struct {
	Question string            `json:"question"`
	Answer   string            `json:"answer"`
	Context  []json.RawMessage `json:"context"`
}

func (t *qaTask) readHotpot(b []byte, at func(int64, string, ...any) error) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	index := map[string]int{}
	return eachElement(dec, at, func(off int64) error {
		var q hotpotQuestion
		if err := dec.Decode(&q); err != nil {
			return jsonError(err, 0, dec, at)
		}
		if strings.TrimSpace(q.Question) == "" || strings.TrimSpace(q.Answer) == "" || len(q.Context) == 0 {
			return at(off, "a HotpotQA question needs \"question\", \"answer\" and \"context\"")
		}
		it := qaItem{question: q.Question, answers: []string{strings.TrimSpace(q.Answer)}}
		for _, raw := range q.Context {
			var pair []json.RawMessage
			var title string
			var sentences []string
			if json.Unmarshal(raw, &pair) != nil || len(pair) != 2 || json.Unmarshal(pair[0], &title) != nil || json.Unmarshal(pair[1], &sentences) != nil {
				return at(off, "a HotpotQA context entry is [title, [sentences...]]")
			}
			it.docs = append(it.docs, t.doc(title+"\n"+strings.Join(sentences, ""), index))
		}
		t.items = append(t.items, it)
		return nil
	})
}

// doc is the index of a document, adding it once.
func (t *qaTask) doc(text string, index map[string]int) int {
	if i, ok := index[text]; ok {
		return i
	}
	index[text] = len(t.docs)
	t.docs = append(t.docs, text)
	return len(t.docs) - 1
}
