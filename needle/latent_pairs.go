package needle

import (
	"strconv"
	"strings"
)

// The latent-association set, written for niah. Each link kind has one
// needle sentence, one latent question and one literal control question;
// each pair fills them with an item (the needle's own keyword, as the
// needle writes it) and its link (the word the latent question asks
// through, tied to the item only by common world knowledge).
//
// Rules the tests hold the set to: the latent question shares no content
// word with its needle (after lower-casing and stemming); the literal
// question contains the needle's item; no item or link occurs in the
// built-in haystack; within a kind no two pairs share an item; character
// names share no word with any pair, template or haystack.

// linkKind is one kind of world-knowledge link. The templates take the
// character's name and the item (Needle), the item (Literal) or the link
// (Latent) through %s.
type linkKind struct {
	Name    string
	Needle  string
	Literal string
	Latent  string
}

// latentPair is one needle–question pair of a link kind.
type latentPair struct {
	Kind int    // index into linkKinds
	Item string // as written in the needle: "the Eiffel Tower"
	Link string // as written in the latent question: "Paris"
}

var linkKinds = []linkKind{
	{"landmark → city", "%s lives next to %s.", "Which character has been to %s?", "Which character has been to %s?"},
	{"landmark → country", "%s watched the sun rise over %s.", "Which character has travelled to %s?", "Which character has travelled to %s?"},
	{"dish → country", "%s made %s for the whole street last night.", "Which character cooked %s?", "Which character cooked a meal from %s?"},
	{"instrument → instrument family", "%s spent the evening practising %s.", "Which character plays %s?", "Which character plays a %s instrument?"},
	{"wild animal → continent", "%s photographed a wild %s up close.", "Which character has seen the %s?", "Which character has visited %s?"},
	{"painting → painter", "%s hung a large print of %s in the hallway.", "Which character admires %s?", "Which character admires the art of %s?"},
	{"capital → country", "%s rented a small flat in %s.", "Which character has a home in %s?", "Which character has a home in %s?"},
	{"book → author", "%s stayed up all night with a copy of %s.", "Which character has read %s?", "Which character has read a book by %s?"},
}

// latentPairs is built from pairTable: one line per pair, "item | link",
// under a "# kind" line naming the kind by its index in linkKinds.
var latentPairs = parsePairs(pairTable)

const pairTable = `
# 0 landmark → city
the Eiffel Tower | Paris
the Colosseum | Rome
Big Ben | London
the Brandenburg Gate | Berlin
the Kremlin | Moscow
the Sagrada Familia | Barcelona
the Golden Gate Bridge | San Francisco
the Statue of Liberty | New York
the Acropolis | Athens
the Forbidden City | Beijing
the Hagia Sophia | Istanbul
the Space Needle | Seattle
the Burj Khalifa | Dubai
the CN Tower | Toronto
the Petronas Towers | Kuala Lumpur

# 1 landmark → country
the Sydney Opera House | Australia
the Taj Mahal | India
the Great Pyramid of Giza | Egypt
Machu Picchu | Peru
Angkor Wat | Cambodia
Chichen Itza | Mexico
Mount Fuji | Japan
Stonehenge | England
Neuschwanstein Castle | Germany
Table Mountain | South Africa
the Parthenon | Greece
the Leaning Tower of Pisa | Italy
the Alhambra | Spain
Mount Kilimanjaro | Tanzania
Christ the Redeemer | Brazil

# 2 dish → country
paella | Spain
sushi | Japan
kimchi | Korea
pierogi | Poland
goulash | Hungary
haggis | Scotland
moussaka | Greece
tacos | Mexico
pho | Vietnam
poutine | Canada
fondue | Switzerland
bratwurst | Germany
tagine | Morocco
croissants | France
lasagna | Italy

# 3 instrument → instrument family
the clarinet | woodwind
the oboe | woodwind
the bassoon | woodwind
the piccolo | woodwind
the timpani | percussion
the xylophone | percussion
the castanets | percussion
the marimba | percussion
the cymbals | percussion

# 4 wild animal → continent
giraffe | Africa
zebra | Africa
gorilla | Africa
hippopotamus | Africa
giant panda | Asia
orangutan | Asia
Komodo dragon | Asia
snow leopard | Asia
kangaroo | Australia
koala | Australia
platypus | Australia
wombat | Australia
capybara | South America
anaconda | South America
Andean condor | South America
grizzly bear | North America
bald eagle | North America
emperor penguin | Antarctica

# 5 painting → painter
the Mona Lisa | Leonardo da Vinci
The Starry Night | Van Gogh
The Scream | Munch
Guernica | Picasso
The Persistence of Memory | Dali
Girl with a Pearl Earring | Vermeer
The Birth of Venus | Botticelli
Water Lilies | Monet
The Night Watch | Rembrandt
The Creation of Adam | Michelangelo
Campbell's Soup Cans | Warhol
The Great Wave off Kanagawa | Hokusai
Nighthawks | Hopper

# 6 capital → country
Canberra | Australia
Ottawa | Canada
Nairobi | Kenya
Lima | Peru
Cairo | Egypt
Oslo | Norway
Helsinki | Finland
Warsaw | Poland
Lisbon | Portugal
Dublin | Ireland
Reykjavik | Iceland
Buenos Aires | Argentina
Seoul | South Korea
Hanoi | Vietnam
Stockholm | Sweden
Vienna | Austria
Budapest | Hungary
Havana | Cuba

# 7 book → author
Moby Dick | Melville
Pride and Prejudice | Jane Austen
War and Peace | Tolstoy
Don Quixote | Cervantes
Frankenstein | Mary Shelley
Dracula | Bram Stoker
Animal Farm | Orwell
The Odyssey | Homer
Great Expectations | Dickens
Les Miserables | Victor Hugo
The Old Man and the Sea | Hemingway
Crime and Punishment | Dostoevsky
The Hobbit | Tolkien
Hamlet | Shakespeare
Alice's Adventures in Wonderland | Lewis Carroll
The Divine Comedy | Dante
`

func parsePairs(table string) []latentPair {
	var out []latentPair
	kind := -1
	for _, line := range strings.Split(table, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			kind++
			if want := "# " + strconv.Itoa(kind) + " " + linkKinds[kind].Name; line != want {
				panic("needle: pair table heading " + line + ", want " + want)
			}
		default:
			item, link, ok := strings.Cut(line, " | ")
			if !ok || kind < 0 {
				panic("needle: bad pair table line " + line)
			}
			out = append(out, latentPair{Kind: kind, Item: item, Link: link})
		}
	}
	return out
}

// characterNames are the latent task's characters: first names from many
// languages, none of them an English word (the grader matches names as
// whole words, case-insensitively), none in the built-in haystack, none a
// word of any pair.
var characterNames = strings.Fields(`
Aiko Amara Anouk Anwar Arjun Astrid Aurelio Beatriz Birgit Bjorn Chiara Chidi
Cosmin Dagny Darius Desmond Dmitri Eero Elif Emeka Emil Esra Farida Fatou
Folake Folasade Gideon Giorgos Goran Gunnar Halvard Hamza Haruto Hiroshi Idris
Ilse Imre Ines Ingrid Ishaan Jelena Jiho Jovana Jurgen Kasimir Katarina Kaveh
Kenji Kofi Lars Leilani Lior Lorenzo Magnus Malik Mateo Mehmet Mirela Nadia
Nikolai Nilufar Nkechi Nnamdi Noor Odalys Olga Orhan Oskar Paulina Pavel Piotr
Priya Quentin Radek Rasmus Ravi Renata Sakura Sanjay Saoirse Signe Soren
Stellan Svetlana Tamar Tariq Teodor Thandiwe Tobias Tomasz Ugo Ulrich Umut
Valentina Valeria Vesna Wanjiru Wiebke Wojciech Xiomara Ximena Yannick Yara
Yasmin Yevgeny Yusuf Zaid Zainab Zeynep Zoltan Zoran
`)
