package needle

// linkKind is one kind of world-knowledge link and the sentences every form
// of the latent task writes for it. Each template takes the character's
// name first (needles) and then the item or the link through %s.
//
// The built-in haystack (corpora/people.go) writes sentences of exactly
// these needle shapes about its own named people with neutral items, so a
// needle is not the only sentence of its shape in a prompt.
type linkKind struct {
	Name string
	// Needle holds the item; Literal asks with the item (the control);
	// Latent asks with the link.
	Needle, Literal, Latent string
	// Inverted holds the link; InvertedAsk names the item (NoLiMa's
	// inverted order): "Which character has stayed in the city of the
	// Eiffel Tower?" of "Nadia spent a whole year in Paris."
	Inverted, InvertedAsk string
	// Lure names the link with no character: latent:distract plants it far
	// from the needle, a literal match for the question that answers
	// nothing ("A notice about Spain was pinned to the wall.").
	Lure string
}

// kind2hop is the index of the two-hop kind in linkKinds: its questions
// are two facts away from the needle (item → city → region or country).
const kind2hop = 8

var linkKinds = []linkKind{
	{Name: "landmark → city",
		Needle: "%s lives next to %s.", Literal: "Which character has been to %s?", Latent: "Which character has been to %s?",
		Inverted: "%s spent a whole year in %s.", InvertedAsk: "Which character has stayed in the city of %s?",
		Lure: "A faded poster of %s hung in the waiting room."},
	{Name: "landmark → country",
		Needle: "%s watched the sun rise over %s.", Literal: "Which character has travelled to %s?", Latent: "Which character has travelled to %s?",
		Inverted: "%s grew up in %s.", InvertedAsk: "Which character spent their childhood in the country of %s?",
		Lure: "A notice about a trip to %s was pinned to the wall."},
	{Name: "dish → country",
		Needle: "%s made %s for the whole street last night.", Literal: "Which character cooked %s?", Latent: "Which character cooked a meal from %s?",
		Inverted: "%s was born in %s.", InvertedAsk: "Which character comes from the home of %s?",
		Lure: "A notice about %s was pinned to the wall."},
	{Name: "instrument → instrument family",
		Needle: "%s spent the evening practising %s.", Literal: "Which character plays %s?", Latent: "Which character plays a %s instrument?",
		Inverted: "%s gives %s lessons on Saturdays.", InvertedAsk: "Which character could teach someone to play %s?",
		Lure: "A notice about %s lessons was pinned to the wall."},
	{Name: "wild animal → continent",
		Needle: "%s photographed a wild %s up close.", Literal: "Which character has seen the %s?", Latent: "Which character has visited %s?",
		Inverted: "%s spent a month travelling across %s.", InvertedAsk: "Which character has been to the home continent of the %s?",
		Lure: "A large map of %s was pinned to the wall."},
	{Name: "painting → painter",
		Needle: "%s hung a large print of %s in the hallway.", Literal: "Which character admires %s?", Latent: "Which character admires the art of %s?",
		Inverted: "%s gave a long talk about %s at the library.", InvertedAsk: "Which character has studied the painter of %s?",
		Lure: "A notice about a %s exhibition was pinned to the wall."},
	{Name: "capital → country",
		Needle: "%s rented a small flat in %s.", Literal: "Which character has a home in %s?", Latent: "Which character has a home in %s?",
		Inverted: "%s is a native of %s.", InvertedAsk: "Which character comes from the country whose capital is %s?",
		Lure: "A notice about %s was pinned to the wall."},
	{Name: "book → author",
		Needle: "%s stayed up all night with a copy of %s.", Literal: "Which character has read %s?", Latent: "Which character has read a book by %s?",
		Inverted: "%s wrote a thesis on %s.", InvertedAsk: "Which character has studied the author of %s?",
		Lure: "A notice about a talk on %s was pinned to the wall."},
	// Two hops: the needle names a landmark, the question the region or
	// country of its city (NoLiMa's Semper Opera House → Dresden → Saxony).
	// It has no literal control: asked with the item, it is the one-hop
	// landmark → city control.
	{Name: "landmark → city → region",
		Needle: "%s lives next to %s.", Latent: "Which character has been to %s?"},
}
