package corpora

import (
	"fmt"
	"slices"
	"strings"
)

// The built-in haystack names people throughout, in sentences of the very
// shapes the latent task's needles take ("Halima lives next to the Corn
// Exchange.", "A notice about the harvest supper was pinned to the wall."),
// with neutral items: none of them a place, dish, animal, painting, book or
// instrument that a latent question could point at. A latent needle is
// then one named sentence among many of its shape, not the only sentence
// in the text that begins with a name.

// peopleNames are the haystack's people: first names from many languages,
// none an English word, none one of the latent task's own characters
// (needle.characterNames, which a test keeps apart) and none a word of its
// pairs.
var peopleNames = strings.Fields(`
Abebe Adaeze Adebayo Afua Ahmad Akira Alejandro Aleksander Alessia Amani Amir Anneke
Antoine Anya Arvid Ayesha Babajide Baptiste Bashir Benedikt Bogdan Bongani Camila Catalina
Chioma Dalia Damla Daniela Dariusz Deniz Dilnoza Dorota Dragan Ebru Efua Eitan Elias Emre
Erik Eszter Fabian Faisal Farah Fenna Filip Freya Gaspard Greta Hana Hannes Hasan Heike
Helga Henrik Ibrahim Ilona Irina Isabela Ivana Jakub Jana Javier Kalani Kamal Karim Kasia
Kemal Kerstin Kirsi Kwame Laila Lena Lucia Luca Maeve Maja Mariam Marek Marit Marta Meera
Mihai Mira Moana Naledi Nasrin Niamh Nils Noa Nuno Obinna Oksana Ondrej Orla Pekka Rania
Reza Rui Salma Samir Sasha Selin Sigrid Simone Stefan Suki Sven Tanvir Tarek Tatiana Thabo
Theo Tiago Timo Tuva Uche Vera Viktor Vikram Wim Yosef Yuki Yuna Zahra Zuzana
`)

// PeopleNames lists the names the built-in haystack gives its people.
func PeopleNames() []string { return slices.Clone(peopleNames) }

// personShapes are the needle shapes of the latent task, each with neutral
// items: the name goes in the first %s, an item in the second.
var personShapes = []struct {
	shape string
	items []string
}{
	{"%s lives next to %s.", phrases(`the Corn Exchange; the Town Hall; the old bakery; the Market Hall; the Assembly Rooms;
		the Temperance Hall; the bus depot; the Old Mill; the Drill Hall; the Swan Inn; the almshouses; the Mechanics Institute;
		the railway station; the Free Library; the Royal Oak; the laundrette`)},
	{"%s watched the sun rise over %s.", phrases(`the allotments; the reservoir; the Long Meadow; Crane Hill; the gasworks;
		the quarry; the marshes; the water meadows; Beacon Hill; the estuary; the rooftops; Gallows Wood; the sugar beet fields`)},
	{"%s made %s for the whole street last night.", phrases(`a big pot of soup; a vegetable stew; roast chicken; a mushroom stew;
		an apple cake; a pot of beans; baked potatoes; a plum cake; fried eggs; a lentil soup; a rabbit stew; grilled fish; pancakes`)},
	{"%s spent the evening practising %s.", phrases(`card tricks; her lines for the play; a speech; the new hymns; the choir parts;
		his handwriting; knots; juggling; a magic trick; the steps of a country dance; a new song; his lines for the Christmas play`)},
	{"%s photographed a wild %s up close.", phrases(`hare; heron; fox; rabbit; deer; otter; goose; duck; owl; swan; crow; stoat`)},
	{"%s hung a large print of %s in the hallway.", phrases(`The Quiet Orchard; Boats at Low Tide; The Lamplighter; Rain on the Common;
		The Ferryman; Winter Allotments; A Kitchen in Spring; The Blue Bicycle; Morning at the Quay; Geese on the Green;
		The Coal Barge; Evening at the Harbour; a map of the county`)},
	{"%s rented a small flat in %s.", phrases(`Mill Lane; Church Street; the old quarter; Harbour Row; a quiet street; Station Road;
		the new estate; Market Square; Orchard Close; Bridge Street; the High Street; Tanners Yard`)},
	{"%s stayed up all night with a copy of %s.", phrases(`The Long Harvest; A House by the Weir; The Salt Road; Letters from the Valley;
		The Clockmaker's Apprentice; A Winter in the Hills; The Copper Kettle; The Last Ferry; Small Hours; the parish newsletter;
		The Beekeeper's Almanac`)},
	{"%s spent a whole year in %s.", phrases(`the countryside; a lighthouse; the hills; the north; a caravan; a small village;
		Upper Marsh; a boarding house; the old rectory`)},
	{"%s grew up in %s.", phrases(`a small village; the valley; a fishing town; a farmhouse; the suburbs; Lower Brook; a mill house`)},
	{"%s was born in %s.", phrases(`a small village; the valley; a farmhouse; the old town; a snowstorm; the back bedroom; Hollow End`)},
	{"%s gives %s lessons on Saturdays.", phrases(`swimming; cookery; dancing; sailing; pottery; chess; knitting; bookbinding`)},
	{"%s spent a month travelling across %s.", phrases(`the moors; the islands; the lowlands; the hill country; the marshes; the county`)},
	{"%s gave a long talk about %s at the library.", phrases(`bookbinding; the old canal; beekeeping; local birds; the history of the mill;
		clockmaking; hedgerows; the parish records`)},
	{"%s is a native of %s.", phrases(`the valley; the coast; these hills; the town; the islands; Upper Marsh`)},
	{"%s wrote a thesis on %s.", phrases(`hedgerow birds; river silt; medieval guilds; old ballads; weaving patterns; lichens; tidal mills`)},
}

// noticeShapes are the latent task's lures, which name a subject and no
// one; here with neutral subjects.
var noticeShapes = []struct {
	shape string
	items []string
}{
	{"A faded poster of %s hung in the waiting room.", phrases(`the seaside; the old pier; a steam train; the county show; the lido`)},
	{"A notice about a trip to %s was pinned to the wall.", phrases(`the seaside; the caves; the waterworks; the county show`)},
	{"A notice about %s was pinned to the wall.", phrases(`the harvest supper; the jumble sale; lost keys; the parish meeting;
		the bus timetable; a missing cat; the Whitsun fair`)},
	{"A notice about %s lessons was pinned to the wall.", phrases(`swimming; cookery; dancing; first aid`)},
	{"A large map of %s was pinned to the wall.", phrases(`the county; the parish; the old railway; the coast path`)},
	{"A notice about a %s exhibition was pinned to the wall.", phrases(`quilting; flower; photography; model railway`)},
	{"A notice about a talk on %s was pinned to the wall.", phrases(`beekeeping; the old canal; bats; local history`)},
}

// name is one of the haystack's people.
func (g *gen) name() string { return peopleNames[g.n(len(peopleNames))] }

// personSentence is a named person in one of the needle shapes.
func (g *gen) personSentence() string {
	s := personShapes[g.n(len(personShapes))]
	return fmt.Sprintf(s.shape, g.name(), g.pick(s.items))
}

// notice is a lure shape with a neutral subject.
func (g *gen) notice() string {
	s := noticeShapes[g.n(len(noticeShapes))]
	return fmt.Sprintf(s.shape, g.pick(s.items))
}

// namedClause is a clause about one of the haystack's people: who did what,
// or what they said, so names also open sentences of other shapes and
// stand in the middle of them.
func (g *gen) namedClause() string {
	who := g.name()
	switch g.n(4) {
	case 0:
		return who + " " + g.vp(subject{}, g.verb(), g.pickTense(tPresent, tPast, tPerfect)) + " " + g.object() + g.tail() + "."
	case 1:
		return "According to " + who + ", " + g.clause(g.pickTense(tPresent, tPast)) + "."
	case 2:
		return g.pickOf("My neighbour", "My cousin", "Our old teacher", "The new tenant", "My friend") + " " + who + " " +
			g.pickOf("says", "told me", "swears", "likes to say") + " that " + g.clause(tPresent) + "."
	default:
		other := g.name()
		for other == who {
			other = g.name()
		}
		return who + " and " + other + " " + g.pickOf("still argue about whether", "agree that", "once proved that") + " " +
			g.clause(tPresent) + "."
	}
}
