package corpora

import "strings"

// The word lists are written compactly as Go strings and compiled once into
// the forms the grammar needs. Notation inside a list:
//   - words are separated by spaces; '+' joins a multi-word item ("tide+table");
//   - an irregular noun is written "singular/plural" ("leaf/leaves");
//   - an irregular verb is written "base/past/participle" ("take/took/taken"),
//     and a verb that doubles its last consonant lists its gerund as a fourth
//     part ("plan/planned/planned/planning");
//   - phrase lists (places, times, activities) use ';' between phrases;
//   - a topic's acts are lines of "verbs | objects | adjectives".

type noun struct{ sg, pl string }

type verb struct{ base, s, past, pp, ing string }

// topic is one subject the generator writes essays about.
type topic struct {
	name       string
	activities []string // gerund phrases naming the pursuit: "keeping bees"
	people     []noun   // who does it
	things     []*obj   // countable nouns of the topic
	tools      []*obj   // what people work with; may be empty
	stuff      []*obj   // mass nouns: "honey", "wax"
	acts       []act    // the topic's verbs, each group with the objects it takes
	adjs       []string // every adjective the topic's groups name
	verbs      []verb
	places     []string
}

// obj is a noun a verb can take, with the adjectives that suit it.
type obj struct {
	noun
	mass, tool bool
	adjs       []string
}

// act is a group of verbs that all suit the same objects.
type act struct {
	verbs []verb
	objs  []*obj
}

// topicSpec is the compact source form of a topic. Each line of acts reads
// "verbs | objects | adjectives": the verbs take those objects (named by
// their singular from things, tools or stuff), and the adjectives suit them.
// A line without verbs only gives adjectives.
type topicSpec struct {
	name, activities, people, things, tools, stuff, acts, places string
}

func (s topicSpec) compile() *topic {
	t := &topic{name: s.name, activities: phrases(s.activities), places: phrases(s.places)}
	for _, w := range words(s.people) {
		t.people = append(t.people, makeNoun(w))
	}
	byName := map[string]*obj{}
	add := func(list string, mass, tool bool) (out []*obj) {
		for _, w := range words(list) {
			o := &obj{noun: makeNoun(w), mass: mass, tool: tool}
			byName[o.sg] = o
			out = append(out, o)
		}
		return out
	}
	t.things = add(s.things, false, false)
	t.tools = add(s.tools, false, true)
	t.stuff = add(s.stuff, true, false)
	seenAdj := map[string]bool{}
	for _, line := range strings.Split(s.acts, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 3 {
			panic("corpora: topic " + s.name + ": bad act line " + line)
		}
		var a act
		for _, w := range words(f[1]) {
			o := byName[w]
			if o == nil {
				panic("corpora: topic " + s.name + ": unknown object " + w)
			}
			a.objs = append(a.objs, o)
			o.adjs = append(o.adjs, words(f[2])...)
		}
		for _, w := range words(f[2]) {
			if !seenAdj[w] {
				seenAdj[w] = true
				t.adjs = append(t.adjs, w)
			}
		}
		for _, w := range words(f[0]) {
			a.verbs = append(a.verbs, makeVerb(w))
		}
		if len(a.verbs) > 0 {
			t.acts = append(t.acts, a)
			t.verbs = append(t.verbs, a.verbs...)
		}
	}
	return t
}

// words splits a space separated list, turning '+' into spaces.
func words(s string) []string {
	f := strings.Fields(s)
	for i, w := range f {
		f[i] = strings.ReplaceAll(w, "+", " ")
	}
	return f
}

// phrases splits a ';' separated list of phrases, tidying the white space.
func phrases(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		p = strings.Join(strings.Fields(p), " ")
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

func makeNoun(w string) noun {
	if sg, pl, ok := strings.Cut(w, "/"); ok {
		return noun{sg, pl}
	}
	return noun{w, plural(w)}
}

// plural applies the regular English rules to the last word of w.
func plural(w string) string {
	switch {
	case hasAnySuffix(w, "s", "x", "z", "ch", "sh"):
		return w + "es"
	case strings.HasSuffix(w, "y") && len(w) > 1 && !isVowel(w[len(w)-2]):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

func makeVerb(w string) verb {
	parts := strings.Split(w, "/")
	v := verb{base: parts[0]}
	v.s = thirdPerson(v.base)
	v.past = regularPast(v.base)
	v.ing = gerund(v.base)
	if len(parts) > 1 {
		v.past = parts[1]
	}
	v.pp = v.past
	if len(parts) > 2 {
		v.pp = parts[2]
	}
	if len(parts) > 3 {
		v.ing = parts[3]
	}
	// A phrasal verb ("look+after") inflects its first word only.
	if head, tail, ok := strings.Cut(v.base, " "); ok && len(parts) == 1 {
		h := makeVerb(head)
		v = verb{v.base, h.s + " " + tail, h.past + " " + tail, h.pp + " " + tail, h.ing + " " + tail}
	}
	return v
}

func thirdPerson(b string) string {
	switch {
	case hasAnySuffix(b, "s", "x", "z", "ch", "sh", "o"):
		return b + "es"
	case strings.HasSuffix(b, "y") && !isVowel(b[len(b)-2]):
		return b[:len(b)-1] + "ies"
	}
	return b + "s"
}

func regularPast(b string) string {
	switch {
	case strings.HasSuffix(b, "e"):
		return b + "d"
	case strings.HasSuffix(b, "y") && !isVowel(b[len(b)-2]):
		return b[:len(b)-1] + "ied"
	}
	return b + "ed"
}

func gerund(b string) string {
	switch {
	case strings.HasSuffix(b, "ie"):
		return b[:len(b)-2] + "ying"
	case strings.HasSuffix(b, "e") && !hasAnySuffix(b, "ee", "ye", "oe"):
		return b[:len(b)-1] + "ing"
	}
	return b + "ing"
}

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// article returns "a" or "an" for the word that follows it.
func article(next string) string {
	switch {
	case hasAnyPrefix(next, "uni", "use", "usu", "uti", "eu", "one", "once"):
		return "a"
	case hasAnyPrefix(next, "hour", "honest", "honour", "heir"):
		return "an"
	case next != "" && isVowel(next[0]):
		return "an"
	}
	return "a"
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
