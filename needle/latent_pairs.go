package needle

import (
	"strconv"
	"strings"
)

// The latent-association set, written for niah. Each pair fills its kind's
// templates (latent_kinds.go) with an item (the needle's own keyword, as
// the needle writes it) and its link (the word the latent question asks
// through, tied to the item only by common world knowledge).
//
// The rule every pair follows, so that a model that misses it has failed
// to retrieve, not failed a quiz:
//   - True: the link is the first fact a general encyclopaedia gives about
//     the item (where it stands, whose work it is, where the dish or the
//     animal comes from, which family the instrument belongs to).
//   - Unambiguous: the item has exactly one link among the links of its
//     kind in the set: no dish two countries of the set claim (fondue,
//     borscht), no landmark seen from two countries (Kilimanjaro, Victoria
//     Falls), no animal of two continents of the set (Komodo dragon, jaguar),
//     no instrument of two families (piano, saxophone); and, for two hops,
//     the question's region or country contains no other needle's city.
//   - Widely known: a general-knowledge quiz for adults would use it; the
//     item is among the best known of its kind.
//   - No cue in the item: it names neither the answer's place nor any place
//     or person that points at it (not the Sydney Opera House, the Leaning
//     Tower of Pisa, the Andean condor or the Great Wave off Kanagawa).
//
// Rules the tests hold the set to: the latent and inverted questions share
// no content word with their needles (after lower-casing and stemming);
// the literal question contains the needle's item; no word of any pair
// (item, link, their inflections and demonyms, cues) occurs in the built-in
// haystack; within a kind no two pairs share an item; no character name is
// a word of any pair, template or haystack; and no name stands beside a
// pair that shares its origin.

// latentPair is one needle–question pair of a link kind.
type latentPair struct {
	Kind int    // index into linkKinds
	Item string // as written in the needle: "the Eiffel Tower"
	Link string // as written in the question: "Paris"
	// Via is the middle fact of a two-hop pair (the item's city), Within the
	// country of a sub-national Link; both "" for one-hop pairs.
	Via, Within string
	// Cues are the words a haystack must not hold for the pair to be drawn
	// (beyond the item and link): see pairWords.
	Cues []string
}

// latentPairs is the one-hop set, twoHopPairs the two-hop tier.
var (
	latentPairs = parsePairs(pairTable, 0)
	twoHopPairs = parsePairs(twoHopTable, kind2hop)
)

// pairTable has one line per pair, "item | link" and optionally "| cues"
// (comma-separated words that point at the pair), under a "# kind" line
// naming the kind by its index in linkKinds.
const pairTable = `
# 0 landmark → city
the Eiffel Tower | Paris | Eiffel
the Colosseum | Rome | Colosseo
Big Ben | London
the Reichstag | Berlin
the Kremlin | Moscow
the Sagrada Familia | Barcelona | Gaudi
the Golden Gate Bridge | San Francisco | Golden Gate
the Statue of Liberty | New York | Manhattan
the Acropolis | Athens
the Forbidden City | Beijing
the Hagia Sophia | Istanbul
the Space Needle | Seattle
the Burj Khalifa | Dubai | Khalifa
the CN Tower | Toronto
the Petronas Towers | Kuala Lumpur | Petronas

# 1 landmark → country
Uluru | Australia
the Taj Mahal | India | Taj
the Great Sphinx | Egypt | Sphinx
Machu Picchu | Peru | Inca
Angkor Wat | Cambodia | Angkor
Chichen Itza | Mexico | Maya, Mayan
Mount Fuji | Japan | Fuji
Stonehenge | England
Neuschwanstein Castle | Germany | Neuschwanstein
Table Mountain | South Africa
the Parthenon | Greece
Mount Vesuvius | Italy | Vesuvius, Pompeii
the Alhambra | Spain
Petra | Jordan
Christ the Redeemer | Brazil | Redeemer

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
bratwurst | Germany
tagine | Morocco
ratatouille | France
lasagna | Italy | lasagne
dim sum | China

# 3 instrument → instrument family
the clarinet | woodwind
the oboe | woodwind
the bassoon | woodwind
the piccolo | woodwind
the trumpet | brass
the trombone | brass
the tuba | brass
the euphonium | brass
the timpani | percussion
the xylophone | percussion
the castanets | percussion
the marimba | percussion
the violin | string
the viola | string
the cello | string
the double bass | string

# 4 wild animal → continent
giraffe | Africa
zebra | Africa
gorilla | Africa
hippopotamus | Africa | hippo
giant panda | Asia | panda
orangutan | Asia
king cobra | Asia | cobra
snow leopard | Asia
kangaroo | Australia
koala | Australia
platypus | Australia
wombat | Australia
capybara | South America
anaconda | South America
piranha | South America
grizzly bear | North America | grizzly
bald eagle | North America
raccoon | North America
emperor penguin | Antarctica | penguin

# 5 painting → painter
the Mona Lisa | Leonardo da Vinci | Gioconda
The Starry Night | Van Gogh
The Scream | Munch
Guernica | Picasso
The Persistence of Memory | Dali
Girl with a Pearl Earring | Vermeer
The Birth of Venus | Botticelli
Water Lilies | Monet
The Night Watch | Rembrandt
The Creation of Adam | Michelangelo | Sistine
Campbell's Soup Cans | Warhol
Nighthawks | Hopper
Las Meninas | Velazquez
The Garden of Earthly Delights | Bosch

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
Moby Dick | Melville | Ahab
Pride and Prejudice | Jane Austen | Darcy
War and Peace | Tolstoy
Don Quixote | Cervantes
Frankenstein | Mary Shelley
Dracula | Bram Stoker
Animal Farm | Orwell
The Odyssey | Homer | Odysseus, Ulysses
Great Expectations | Dickens
Les Miserables | Victor Hugo
The Old Man and the Sea | Hemingway
Crime and Punishment | Dostoevsky
The Hobbit | Tolkien | Bilbo
Hamlet | Shakespeare
Alice's Adventures in Wonderland | Lewis Carroll | Wonderland
The Divine Comedy | Dante
`

// twoHopTable has one line per two-hop pair: "item | city | region or
// country | country of a region" and optionally "| cues". The question
// names the third column; the city is the fact in between.
const twoHopTable = `
# 8 landmark → city → region
the Semper Opera House | Dresden | Saxony | Germany | Semper
the Hofbräuhaus | Munich | Bavaria | Germany
the Sagrada Familia | Barcelona | Catalonia | Spain | Gaudi
the Alhambra | Granada | Andalusia | Spain
the Uffizi Gallery | Florence | Tuscany | Italy | Uffizi
the Ponte Vecchio | Florence | Tuscany | Italy
the Golden Gate Bridge | San Francisco | California | United States | Golden Gate
the Hollywood Sign | Los Angeles | California | United States | Hollywood
the Alamo | San Antonio | Texas | United States
Graceland | Memphis | Tennessee | United States | Elvis
the Grand Ole Opry | Nashville | Tennessee | United States | Opry
the Gateway Arch | St. Louis | Missouri | United States
the Liberty Bell | Philadelphia | Pennsylvania | United States
Fenway Park | Boston | Massachusetts | United States | Fenway
Wrigley Field | Chicago | Illinois | United States | Wrigley
the CN Tower | Toronto | Ontario | Canada
Bondi Beach | Sydney | New South Wales | Australia | Bondi
the Royal Mile | Edinburgh | Scotland | United Kingdom
the Hermitage Museum | Saint Petersburg | Russia | | Hermitage
the Atomium | Brussels | Belgium | | Atomium
Manneken Pis | Brussels | Belgium | | Manneken
the Little Mermaid statue | Copenhagen | Denmark | | Little Mermaid
the Charles Bridge | Prague | the Czech Republic |
the Blue Mosque | Istanbul | Turkey |
the Bund | Shanghai | China |
the Rijksmuseum | Amsterdam | the Netherlands | | Rijksmuseum
Schönbrunn Palace | Vienna | Austria | | Schönbrunn
the Prado Museum | Madrid | Spain | | Prado
the Louvre | Paris | France | | Louvre
the Reichstag | Berlin | Germany |
Shibuya Crossing | Tokyo | Japan | | Shibuya
Wawel Castle | Krakow | Poland | | Wawel
the Fushimi Inari Shrine | Kyoto | Japan | | Fushimi, Inari
Copacabana Beach | Rio de Janeiro | Brazil | | Copacabana
`

// parsePairs reads a pair table whose first kind is first.
func parsePairs(table string, first int) []latentPair {
	var out []latentPair
	kind := first - 1
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
			f := strings.Split(line, "|")
			for i := range f {
				f[i] = strings.TrimSpace(f[i])
			}
			p := latentPair{Kind: kind, Item: f[0]}
			switch {
			case kind < first || len(f) < 2:
				panic("needle: bad pair table line " + line)
			case kind == kind2hop && len(f) >= 4:
				p.Via, p.Link, p.Within, f = f[1], f[2], f[3], f[4:]
			case kind != kind2hop && len(f) <= 3:
				p.Link, f = f[1], f[2:]
			default:
				panic("needle: bad pair table line " + line)
			}
			if len(f) > 0 && f[0] != "" {
				for _, c := range strings.Split(f[0], ",") {
					p.Cues = append(p.Cues, strings.TrimSpace(c))
				}
			}
			out = append(out, p)
		}
	}
	return out
}

// places names, for every place the set links to, its country (a country
// names itself; a continent is written "@Africa") and the words that point
// at it: demonyms, and a country's capital with its demonym. The pair's
// words and its characters' origins both come from here.
var places = parsePlaces(`
France | France | French, Frenchman, Paris, Parisian, baguette, croissant, beret
Italy | Italy | Italian, Rome, Roman, pasta, pizza, espresso
Spain | Spain | Spanish, Spaniard, Madrid, flamenco, siesta
Germany | Germany | German, Berlin, Berliner, pretzel, sauerkraut
England | England | English, Englishman, London, Londoner, British, Britain, cheddar
Scotland | Scotland | Scottish, Scots, Scot, Edinburgh, porridge, kilt, tartan, bagpipe, whisky
Japan | Japan | Japanese, Tokyo, kimono, samurai, geisha
China | China | Chinese, Beijing, Peking, chopsticks
India | India | Indian, Delhi, curry, sari
Egypt | Egypt | Egyptian, Cairo, pharaoh, pyramid
Peru | Peru | Peruvian, Lima
Cambodia | Cambodia | Cambodian, Khmer
Mexico | Mexico | Mexican, sombrero, tortilla
South Africa | South Africa | South African, Pretoria
Greece | Greece | Greek, Athens, Athenian
Jordan | Jordan | Jordanian, Amman
Brazil | Brazil | Brazilian
Australia | Australia | Australian, Aussie, Canberra, outback, boomerang
Korea | South Korea | Korean, Seoul
South Korea | South Korea | Korean, Seoul
Poland | Poland | Polish, Warsaw
Hungary | Hungary | Hungarian, Magyar, Budapest
Vietnam | Vietnam | Vietnamese, Hanoi
Canada | Canada | Canadian, Ottawa, maple
Morocco | Morocco | Moroccan, Rabat
Kenya | Kenya | Kenyan, Nairobi
Norway | Norway | Norwegian, Oslo
Finland | Finland | Finnish, Helsinki
Portugal | Portugal | Portuguese, Lisbon
Ireland | Ireland | Irish, Irishman, Dublin
Iceland | Iceland | Icelandic, Icelander, Reykjavik
Argentina | Argentina | Argentine, Argentinian, Buenos Aires
Sweden | Sweden | Swedish, Stockholm
Austria | Austria | Austrian, Vienna, Viennese, strudel
Cuba | Cuba | Cuban, Havana
Russia | Russia | Russian, Moscow, Muscovite, samovar, vodka
Belgium | Belgium | Belgian, Brussels
Denmark | Denmark | Danish, Copenhagen
the Czech Republic | Czech Republic | Czech, Czechia, Prague
Turkey | Turkey | Turkish, Ankara
the Netherlands | Netherlands | Dutch, Dutchman, Holland, Amsterdam, tulip
Paris | France | Parisian
Rome | Italy | Roman
London | England | Londoner
Berlin | Germany | Berliner
Moscow | Russia | Muscovite
Barcelona | Spain | Catalan
San Francisco | United States
New York | United States | New Yorker
Athens | Greece | Athenian
Beijing | China | Peking
Istanbul | Turkey | Constantinople, Bosphorus
Seattle | United States
Dubai | United Arab Emirates | Emirati
Toronto | Canada
Kuala Lumpur | Malaysia | Malaysian
Dresden | Germany
Munich | Germany | Munchen
Granada | Spain
Florence | Italy | Florentine
Los Angeles | United States
San Antonio | United States
Memphis | United States
Nashville | United States
St. Louis | United States
Philadelphia | United States
Boston | United States | Bostonian
Chicago | United States
Sydney | Australia
Edinburgh | Scotland
Saint Petersburg | Russia | Leningrad, Petersburg
Brussels | Belgium
Copenhagen | Denmark
Prague | Czech Republic
Shanghai | China
Amsterdam | Netherlands
Vienna | Austria | Viennese
Madrid | Spain
Tokyo | Japan
Krakow | Poland | Cracow
Kyoto | Japan
Rio de Janeiro | Brazil | Carioca
Saxony | Germany | Saxon
Bavaria | Germany | Bavarian
Catalonia | Spain | Catalan
Andalusia | Spain | Andalusian
Tuscany | Italy | Tuscan
California | United States | Californian
Texas | United States | Texan
Tennessee | United States
Missouri | United States
Pennsylvania | United States
Massachusetts | United States
Illinois | United States
Ontario | Canada
New South Wales | Australia
Africa | @Africa | African
Asia | @Asia | Asian
South America | @South America | South American, Amazon
North America | @North America | North American
Antarctica | @Antarctica | Antarctic
Leonardo da Vinci | Italy | Leonardo, Vinci
Van Gogh | Netherlands | Gogh
Munch | Norway | Edvard
Picasso | Spain
Dali | Spain
Vermeer | Netherlands
Botticelli | Italy
Monet | France
Rembrandt | Netherlands
Michelangelo | Italy | Buonarroti
Warhol | United States
Hopper | United States
Velazquez | Spain
Bosch | Netherlands | Hieronymus
Melville | United States
Jane Austen | England | Austen
Tolstoy | Russia
Cervantes | Spain
Mary Shelley | England | Shelley
Bram Stoker | Ireland | Stoker
Orwell | England
Homer | Greece | Homeric
Dickens | England | Dickensian
Victor Hugo | France | Hugo
Hemingway | United States
Dostoevsky | Russia | Dostoyevsky, Fyodor
Tolkien | England
Shakespeare | England | Shakespearean
Lewis Carroll | England | Carroll
Dante | Italy | Alighieri
`)

// place is one line of places.
type place struct {
	Country string // "@Africa" for a continent
	Cues    []string
}

func parsePlaces(table string) map[string]place {
	m := map[string]place{}
	for _, line := range strings.Split(table, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) < 2 {
			panic("needle: bad place line " + line)
		}
		p := place{Country: strings.TrimSpace(f[1])}
		if len(f) > 2 {
			for _, c := range strings.Split(f[2], ",") {
				p.Cues = append(p.Cues, strings.TrimSpace(c))
			}
		}
		m[strings.TrimSpace(f[0])] = p
	}
	return m
}

// instrumentWords point at an instrument family wherever a haystack holds
// them ("a flute often matters more than a rare organ" beside a woodwind
// question): every pair of the instrument kind is left out of a haystack
// that holds one.
var instrumentWords = strings.Fields(`flute saxophone organ organist drum drummer piano pianist
	guitar harp harpist fiddle fiddler banjo lute mandolin ukulele harmonica accordion bagpipe
	bugle cornet tambourine gong cymbal glockenspiel harpsichord trumpeter violinist cellist
	clarinettist oboist bassoonist timpanist orchestra`)

// pairWords are the words a haystack must not hold for the pair to be
// drawn: its item (without a leading article), its link, city and region,
// the demonyms and capitals that point at them, and its cues.
func (p latentPair) pairWords() []string {
	w := []string{itemKey(p.Item), itemKey(p.Link)}
	w = append(w, p.Cues...)
	for _, pl := range []string{p.Link, p.Via} {
		if pl == "" {
			continue
		}
		w = append(w, itemKey(pl))
		w = append(w, places[pl].Cues...)
	}
	if p.Kind == 3 {
		w = append(w, instrumentWords...)
	}
	return w
}

// origins are the countries (and, for the animal kind, the continent) a
// pair points at: no character from one of them stands beside it.
func (p latentPair) origins() []string {
	var out []string
	for _, pl := range []string{p.Link, p.Via, p.Within} {
		if c := places[pl].Country; c != "" {
			out = append(out, c)
		}
	}
	if p.Within != "" && places[p.Within].Country == "" {
		out = append(out, p.Within)
	}
	return out
}

// itemKey is an item or link without a leading article ("Eiffel Tower",
// "Starry Night", "Czech Republic").
func itemKey(item string) string {
	for _, a := range []string{"the ", "The "} {
		if k, ok := strings.CutPrefix(item, a); ok {
			return k
		}
	}
	return item
}
