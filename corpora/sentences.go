package corpora

// sentence returns one sentence about the current topic, capitalised and
// punctuated. The templates vary length and shape so that paragraphs do not
// fall into a visible rhythm.
func (g *gen) sentence() string {
	return capitalise(g.body())
}

func (g *gen) body() string {
	lx := g.lx
	switch g.n(37) {
	case 0, 1, 2:
		return g.anyClause() + "."
	case 3:
		return g.pickOf("I remember the", "I still think about the", "Nobody here has forgotten the") + " " +
			g.pickOf("day", "morning", "year", "winter", "evening", "afternoon", "spring", "week") + " " +
			g.clause(tPast) + "."
	case 4, 5:
		return g.pick(lx.conns) + ", " + g.anyClause() + "."
	case 6:
		return g.pickOf("When", "Whenever", "As soon as", "Once", "If") + " " + g.clause(tPresent) + ", " +
			g.clause(g.pickTense(tPresent, tModal)) + "."
	case 7:
		return g.pickOf("Although", "Even though", "While", "Because", "Since") + " " + g.anyClause() + ", " +
			g.anyClause() + "."
	case 8, 9:
		return g.activity() + " " + g.activityPredicate() + "."
	case 10:
		return g.question()
	case 11:
		return g.exclamation()
	case 12, 13:
		return g.copula()
	case 14:
		x, y := g.thing(), g.thing()
		return a(g.withAdj(x, x.sg, 80)) + " " + g.pickOf("is worth more than", "will outlast", "often matters more than", "is easier to love than") +
			" " + a(g.withAdj(y, y.sg, 80)) + "."
	case 15:
		return g.advice()
	case 16:
		return g.pickOf("My", "Our") + " " + g.pickOf("grandmother", "grandfather", "old teacher", "neighbour", "uncle", "aunt", "father", "mother") +
			" used to say that " + g.clause(tPresent) + "."
	case 17:
		p := g.someone().sg
		return a(g.personal(p, 50)) + " " + g.pickOf("once told me", "explained to me", "insisted", "liked to remind us") +
			" that " + g.clause(g.pickTense(tPresent, tPast, tModal)) + "."
	case 18:
		return "There is something " + g.mood() + " about " + g.verb().ing + " " + g.object() + " " + g.pick(lx.times) + "."
	case 19:
		return "It took me " + g.pickOf("years", "a long time", "several seasons", "most of a decade", "longer than I like to admit", "half a lifetime") +
			" to understand that " + g.clause(tPresent) + "."
	case 20:
		return "Nobody " + g.verb().s + " " + g.object() + " quite like " + a(g.personal(g.person().sg, 70)) + "."
	case 21:
		return "The " + g.pickOf("trouble", "pleasure", "point", "difficulty", "beauty", "danger") + " with " + g.thing().pl +
			" is that " + g.clause(g.pickTense(tPresent, tModal)) + "."
	case 22:
		return g.pickOf("I think of", "I am reminded of", "I always remember", "Nothing brings back") + " " + g.pick(lx.scenes) +
			" " + g.pickOf("whenever", "when", "every time") + " " + g.clause(tPresent) + "."
	case 23:
		s := g.subj()
		return s.text + " " + g.pickOf("felt", "grew", "became", "always felt") + " " + g.pick(lx.feelings) + " " +
			g.pickOf("when", "once", "as soon as", "whenever") + " " + g.clause(tPresent) + "."
	case 24:
		return g.analogy()
	case 25, 26:
		return g.clause(g.pickTense(tPresent, tPast)) + ", " + g.pickOf("and", "but", "so", "yet", "while") + " " + g.anyClause() + "."
	case 27:
		p := g.person()
		return "The " + g.personal(p.sg, 40) + " who " + g.verb().past + " " + g.object() + " " +
			g.vp(subject{}, g.verb(), g.pickTense(tPresent, tPast, tModal)) + " " + g.object() + g.tail() + "."
	case 28:
		return "Few things are as " + g.mood() + " as " + g.object() + " " + g.pick(lx.times) + "."
	case 29:
		return g.pickOf("Over time", "Sooner or later", "In the end", "With practice") + ", " + g.someone().pl + " " +
			g.pickOf("learn", "discover", "come to see", "realise") + " that " + g.clause(tPresent) + "."
	case 30:
		return g.sequence()
	case 31:
		return "Not every " + g.person().sg + " " + g.verb().s + " " + g.object() + ", but " + g.anyClause() + "."
	case 32:
		return g.short()
	case 34, 35:
		return g.personSentence()
	case 36:
		if g.pct(40) {
			return g.notice()
		}
		return g.namedClause()
	default:
		return "In the " + g.pickOf("old days", "years before the war", "village where I grew up", "town I come from", "books I read as a child") +
			", " + g.clause(tPast) + "."
	}
}

func (g *gen) pickTense(ts ...int) int { return ts[g.n(len(ts))] }

func (g *gen) activityPredicate() string {
	lx := g.lx
	x, y := g.pick(lx.abstract), g.pick(lx.abstract)
	switch g.n(10) {
	case 0:
		return "is a matter of " + x + " and " + y
	case 1:
		return "rewards " + x + " more than " + y
	case 2:
		return "demands " + x + ", " + y + " and a little " + g.pick(lx.abstract)
	case 3:
		return "owes more to " + x + " than to " + y
	case 4:
		return "has always depended on " + x + " " + g.pick(lx.times)
	case 5:
		return "looks " + g.pickOf("easy", "simple", "effortless", "straightforward") + " until you try it " + g.pick(lx.times)
	case 6:
		return "teaches " + x + " to anyone who stays with it long enough to notice " + g.object()
	case 7:
		return "is never quite the same from one " + g.pickOf("year", "season", "week", "place", "teacher") +
			" to the next, and " + g.object() + " " + g.pickOf("shows", "proves", "explains") + " why"
	case 8:
		return "asks for a kind of " + x + " that few " + g.someone().pl + " expect"
	default:
		return "is " + g.pickOf("older", "harder", "gentler", "stranger", "richer", "simpler") + " than most people suppose"
	}
}

func (g *gen) question() string {
	switch g.n(6) {
	case 0:
		p := g.someone().pl
		return "Why do " + p + " " + g.pick(g.lx.freq) + " " + g.verb().base + " " + g.object() + g.tail() + "?"
	case 1:
		o := g.thing()
		return "What makes " + a(o.sg) + " so " + g.adjOf(o) + "?"
	case 2:
		return "Who first thought of " + g.verb().ing + " " + g.object() + "?"
	case 3:
		o := g.t.things[g.n(len(g.t.things))]
		return "How does " + a(g.person().sg) + " know when the " + o.sg + " is " + g.adjOf(o) + " enough?"
	case 4:
		return "Is there anything more " + g.mood() + " than " + g.object() + " " + g.pick(g.lx.times) + "?"
	default:
		s := g.subj()
		do := "does"
		if s.plural {
			do = "do"
		}
		return "Why " + do + " " + s.text + " " + g.verb().base + " " + g.object() + " at all?"
	}
}

func (g *gen) exclamation() string {
	if g.pct(50) {
		o := g.thing()
		return "What " + a(g.adjOf(o)+" "+o.sg) + " it " + g.pickOf("was", "is", "must have been") + "!"
	}
	o := g.thing()
	return "How " + g.adjOf(o) + " the " + o.pl + " " + g.pickOf("looked", "seemed", "were") + " " + g.pick(g.lx.times) + "!"
}

func (g *gen) copula() string {
	deg := g.pickOf("", "rather ", "surprisingly ", "remarkably ", "usually ", "quite ", "never entirely ", "almost always ", "seldom ", "often ")
	var s string
	if g.pct(50) {
		o := g.thing()
		s = "the " + o.sg + " is " + deg + g.adjOf(o)
	} else {
		o := g.thing()
		s = g.pickOf("most", "the best", "the old", "the new", "these") + " " + o.pl + " are " + deg + g.adjOf(o)
	}
	switch g.n(4) {
	case 0:
		return s + ", and " + g.anyClause() + "."
	case 1:
		return s + " " + g.pick(g.lx.times) + "."
	case 2:
		return s + ", " + g.pickOf("which is why", "and that is why", "so") + " " + g.clause(tPresent) + "."
	default:
		return s + "."
	}
}

func (g *gen) advice() string {
	switch g.n(3) {
	case 0:
		return "If you " + g.verb().base + " " + g.object() + ", " +
			g.pickOf("remember to", "try to", "be sure to", "take care to", "never forget to") + " " +
			g.verb().base + " " + g.object() + g.tail() + "."
	case 1:
		return g.pickOf("Never", "Always", "Try to", "Do not", "Learn to") + " " + g.verb().base + " " + g.object() + " " + g.pick(g.lx.times) + "."
	default:
		return "The " + g.pickOf("best", "oldest", "simplest", "surest", "safest") + " advice is to " + g.verb().base + " " + g.object() +
			" and " + g.verb().base + " " + g.object() + "."
	}
}

// analogy compares the current topic with another one.
func (g *gen) analogy() string {
	other := g.lx.topics[g.n(len(g.lx.topics))]
	o := other.activities[g.n(len(other.activities))]
	if g.pct(50) {
		return "In that respect " + g.activity() + " is not so different from " + o + "."
	}
	return "Like " + o + ", " + g.activity() + " " + g.activityPredicate() + "."
}

// sequence describes a procedure in steps.
func (g *gen) sequence() string {
	step := func() string { return g.verb().base + " " + g.object() }
	return "First you " + step() + ", then you " + step() + ", and only then " +
		g.pickOf("can you", "do you", "should you", "may you") + " " + step() + "."
}

func (g *gen) short() string {
	switch g.n(5) {
	case 0:
		return "It is all a matter of " + g.pick(g.lx.abstract) + "."
	case 1:
		return "Nothing " + g.mood() + " lasts " + g.pickOf("long", "forever", "a whole season") + "."
	case 2:
		return "The " + g.thing().pl + " " + g.pickOf("can wait", "will keep", "will still be there") + " " + g.pickOf("until tomorrow", "another day", "a little longer", "until the spring") + "."
	case 3:
		return g.pickOf("Patience", "Practice", "Care", "Attention", "Experience", "Judgement", "Timing", "Skill", "Luck", "Habit") + " " + g.pickOf("wins", "helps", "matters", "counts") + " " + g.pickOf("here", "in the end", "most of all", "every time") + "."
	default:
		return "I " + g.pickOf("learned", "found", "saw") + " that " + g.pickOf("the hard way", "too late", "early on", "only last year") + "."
	}
}

func capitalise(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}
