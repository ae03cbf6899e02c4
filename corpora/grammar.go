package corpora

import "math/rand/v2"

// gen writes sentences about one topic at a time from a small English
// grammar: noun phrases, verb phrases in several tenses, clauses and tails.
type gen struct {
	r  *rand.Rand
	lx *lexicon
	t  *topic // the topic of the current essay
	// objs are the nouns the last verb suits: the next object is one of them.
	objs []*obj
}

// subject is a noun phrase with what the verb must agree with.
type subject struct {
	text   string
	plural bool // takes "keep", not "keeps"
	first  bool // "I": takes "am" and "was"
}

const (
	tPresent = iota
	tPast
	tModal
	tPerfect
	tProgressive
	tUsedTo
	numTenses
)

func (g *gen) n(k int) int            { return g.r.IntN(k) }
func (g *gen) pct(p int) bool         { return g.r.IntN(100) < p }
func (g *gen) pick(l []string) string { return l[g.r.IntN(len(l))] }
func (g *gen) pickOf(l ...string) string {
	return l[g.r.IntN(len(l))]
}

// thing is any countable noun of the topic, a tool or not.
func (g *gen) thing() *obj {
	if i := g.n(len(g.t.things) + len(g.t.tools)); i < len(g.t.things) {
		return g.t.things[i]
	}
	return g.tool()
}

func (g *gen) tool() *obj {
	if len(g.t.tools) == 0 {
		return g.t.things[g.n(len(g.t.things))]
	}
	return g.t.tools[g.n(len(g.t.tools))]
}

func (g *gen) person() noun { return g.t.people[g.n(len(g.t.people))] }

// verb is usually one of the topic's, and otherwise one that suits any
// thing or any tool; it sets the nouns the next object is drawn from.
func (g *gen) verb() verb {
	t, lx := g.t, g.lx
	switch {
	case g.pct(75):
		a := &t.acts[g.n(len(t.acts))]
		g.objs = a.objs
		return a.verbs[g.n(len(a.verbs))]
	case len(t.tools) > 0 && g.pct(45):
		g.objs = t.tools
		return lx.toolVerbs[g.n(len(lx.toolVerbs))]
	}
	g.objs = t.things
	return lx.lookVerbs[g.n(len(lx.lookVerbs))]
}

// someone is a person of the topic most of the time, anyone else otherwise.
func (g *gen) someone() noun {
	if g.pct(70) {
		return g.person()
	}
	return g.lx.people[g.n(len(g.lx.people))]
}

// adjOf is an adjective that suits o: one of its own most of the time.
func (g *gen) adjOf(o *obj) string {
	switch {
	case len(o.adjs) > 0 && (o.mass || g.pct(70)):
		return g.pick(o.adjs)
	case o.tool:
		return g.pick(g.lx.toolAdjs)
	}
	return g.pick(g.lx.adjs)
}

func (g *gen) mood() string { return g.pick(g.lx.moods) }

// a returns the word with its indefinite article.
func a(w string) string { return article(w) + " " + w }

// personal puts an adjective that suits people before w some of the time.
func (g *gen) personal(w string, p int) string {
	if g.pct(p) {
		return g.pick(g.lx.padjs) + " " + w
	}
	return w
}

// withAdj puts an adjective that suits o before w, a form of o, p percent
// of the time.
func (g *gen) withAdj(o *obj, w string, p int) string {
	if g.pct(p) && (!o.mass || len(o.adjs) > 0) {
		return g.adjOf(o) + " " + w
	}
	return w
}

// object is a noun phrase the last verb suits, used after a verb or
// preposition.
func (g *gen) object() string {
	var o *obj
	if len(g.objs) > 0 {
		o = g.objs[g.n(len(g.objs))]
	} else {
		o = g.thing()
	}
	if o.mass {
		return g.pickOf("", "the ", "a little ", "plenty of ", "enough ", "some ", "more ") + g.withAdj(o, o.sg, 45)
	}
	switch g.n(8) {
	case 0, 1, 7:
		return "the " + g.withAdj(o, o.sg, 45)
	case 2:
		return a(g.withAdj(o, o.sg, 60))
	case 3:
		return g.withAdj(o, o.pl, 50)
	case 4:
		return g.pickOf("the", "these", "those", "some", "a few", "several", "all the", "both", "the two") +
			" " + g.withAdj(o, o.pl, 40)
	case 5:
		if o.tool {
			return "the " + g.person().sg + "'s " + g.withAdj(o, o.sg, 30)
		}
		return g.pickOf("this", "that", "every", "one") + " " + g.withAdj(o, o.sg, 40)
	default:
		return g.pickOf("two", "three", "four", "a couple of", "half a dozen", "a dozen", "a few more") +
			" " + g.withAdj(o, o.pl, 40)
	}
}

// subj is a noun phrase that can start a clause.
func (g *gen) subj() subject {
	switch g.n(10) {
	case 0, 1, 2:
		return subject{text: "the " + g.personal(g.someone().sg, 35)}
	case 3:
		return subject{text: a(g.personal(g.someone().sg, 70))}
	case 4, 5:
		return subject{text: g.pickOf("most", "many", "some", "few", "good", "the best", "older", "younger", "careful", "seasoned") +
			" " + g.someone().pl, plural: true}
	case 6:
		return subject{text: "my " + g.pick(g.lx.kin)}
	case 7:
		return subject{text: "I", plural: true, first: true}
	case 8:
		return subject{text: g.pickOf("we", "you", "they"), plural: true}
	default:
		if g.pct(35) {
			return subject{text: g.name()}
		}
		return subject{text: g.pickOf("she", "he")}
	}
}

func (s subject) be(past bool) string {
	switch {
	case past && s.plural && !s.first:
		return "were"
	case past:
		return "was"
	case s.first:
		return "am"
	case s.plural:
		return "are"
	}
	return "is"
}

// vp inflects v for s in the tense, sometimes with a frequency adverb.
func (g *gen) vp(s subject, v verb, tense int) string {
	freq := ""
	if g.pct(22) {
		freq = g.pick(g.lx.freq) + " "
	}
	switch tense {
	case tPresent:
		if s.plural {
			return freq + v.base
		}
		return freq + v.s
	case tPast:
		return freq + v.past
	case tModal:
		return g.pickOf("can", "could", "should", "will", "might", "must", "would", "may") + " " + freq + v.base
	case tPerfect:
		have := "has"
		if s.plural {
			have = "have"
		}
		return have + " " + freq + v.pp
	case tProgressive:
		return s.be(g.pct(40)) + " " + freq + v.ing
	default:
		return "used to " + v.base
	}
}

// tail is an optional phrase that ends a clause: where, when, how or with what.
func (g *gen) tail() string {
	switch g.n(10) {
	case 0, 1, 2:
		return " " + g.pick(g.t.places)
	case 3, 4:
		return " " + g.pick(g.lx.times)
	case 5, 6:
		return " " + g.pick(g.lx.advs)
	case 7:
		if w := g.tool().sg; g.pct(50) {
			return " " + g.pick(g.lx.advs)
		} else if g.pct(40) {
			return " with " + a(w)
		} else {
			return " with " + g.pickOf("the", "an old", "a borrowed", "the same", "my", "a good") + " " + w
		}
	case 8:
		return " " + g.pickOf("without", "before", "after", "instead of") + " " + g.verb().ing + " " + g.object()
	default:
		return " " + g.pick(g.lx.manners)
	}
}

// clause is a full subject, verb and object, with zero to two tails.
func (g *gen) clause(tense int) string {
	s := g.subj()
	c := s.text + " " + g.vp(s, g.verb(), tense) + " " + g.object()
	if g.pct(55) {
		c += g.tail()
		if g.pct(20) {
			c += " " + g.pick(g.t.places) // a second tail is always a place
		}
	}
	return c
}

func (g *gen) anyClause() string { return g.clause(g.n(numTenses)) }

func (g *gen) activity() string { return g.pick(g.t.activities) }
