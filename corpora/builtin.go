package corpora

import (
	"crypto/sha256"
	"encoding/hex"
	"hash/fnv"
	"math/rand/v2"
	"strconv"
	"strings"
	"sync"
)

// builtinBytes is how much prose Builtin writes. Prose from this grammar
// runs at about 4.73 bytes per cl100k token, so this gives roughly 1.3M
// tokens: a 1M-token prompt with margin, without repeating a passage.
const builtinBytes = 6_180_000

// lexicon is every word list, compiled once.
type lexicon struct {
	topics                                   []*topic
	people                                   []noun
	lookVerbs, toolVerbs                     []verb
	adjs, toolAdjs, moods, padjs, advs, freq []string
	abstract, times, conns, scenes, feelings []string
	kin, manners                             []string
}

var (
	lexOnce sync.Once
	lex     *lexicon
)

func theLexicon() *lexicon {
	lexOnce.Do(func() {
		lx := &lexicon{
			adjs:     words(thingAdjs),
			toolAdjs: words(toolAdjs),
			moods:    words(moodAdjs),
			padjs:    words(personAdjs),
			advs:     words(generalAdverbs),
			freq:     words(frequencyAdverbs),
			abstract: words(abstractNouns),
			times:    phrases(timePhrases),
			conns:    phrases(connectives),
			scenes:   phrases(seasonsAndScenes),
			feelings: words(feelings),
			kin:      words(kin),
			manners:  phrases(manners),
		}
		for _, w := range words(generalPeople) {
			lx.people = append(lx.people, makeNoun(w))
		}
		for _, w := range words(lookVerbs) {
			lx.lookVerbs = append(lx.lookVerbs, makeVerb(w))
		}
		for _, w := range words(toolVerbs) {
			lx.toolVerbs = append(lx.toolVerbs, makeVerb(w))
		}
		for _, s := range allTopics() {
			lx.topics = append(lx.topics, s.compile())
		}
		lex = lx
	})
	return lex
}

var (
	builtinMu    sync.Mutex
	builtinCache = map[int64]func() *Corpus{}
)

// Builtin returns the generated English prose for seed: essays of a few
// paragraphs each on many everyday subjects, about 1.3M cl100k tokens, with
// no digits, hyphens or repeated 200-byte passage. The same seed always
// gives the same text; each seed is generated once per process.
func Builtin(seed int64) *Corpus {
	builtinMu.Lock()
	get, ok := builtinCache[seed]
	if !ok {
		get = sync.OnceValue(func() *Corpus { return newCorpus(builtinName(seed), generate(seed, builtinBytes), false) })
		builtinCache[seed] = get
	}
	builtinMu.Unlock()
	return get()
}

func builtinName(seed int64) string {
	if seed == 0 {
		return "builtin"
	}
	return "builtin:" + strconv.FormatInt(seed, 10)
}

func newCorpus(name, text string, repeats bool) *Corpus {
	sum := sha256.Sum256([]byte(text))
	return &Corpus{Name: name, Text: text, Hash: hex.EncodeToString(sum[:]), Repeats: repeats}
}

// generate writes essays until the text holds at least size bytes.
func generate(seed int64, size int) string {
	g := &gen{r: rand.New(rand.NewPCG(uint64(seed), 0x6e696168)), lx: theLexicon()}
	seen := make(map[uint64]struct{}, size/80)
	var b strings.Builder
	b.Grow(size + 4096)
	last := -1
	for b.Len() < size {
		// A new essay: a topic different from the previous one, 2 to 6 paragraphs.
		k := g.n(len(g.lx.topics))
		if k == last {
			k = (k + 1) % len(g.lx.topics)
		}
		last = k
		g.t = g.lx.topics[k]
		for p := 2 + g.n(5); p > 0 && b.Len() < size; p-- {
			if b.Len() > 0 {
				b.WriteString("\n\n")
			}
			g.paragraph(&b, seen)
		}
	}
	return b.String()
}

// paragraph writes 4 to 9 sentences, never one the text already holds: with
// every sentence unique, no long passage can repeat either.
func (g *gen) paragraph(b *strings.Builder, seen map[uint64]struct{}) {
	n := 4 + g.n(6)
	for i := 0; i < n; i++ {
		var s string
		for try := 0; ; try++ {
			s = g.sentence()
			h := fnv.New64a()
			h.Write([]byte(s))
			key := h.Sum64()
			if _, dup := seen[key]; !dup || try > 50 {
				seen[key] = struct{}{}
				break
			}
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
}
