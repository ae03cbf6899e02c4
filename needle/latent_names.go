package needle

import (
	"slices"
	"strings"
)

// characterNames are the latent task's characters: first names from many
// languages, none of them an English word (the grader matches names as
// whole words), none in the built-in haystack (whose own people have other
// names, corpora.PeopleNames), none a word of any pair.
var characterNames = func() []string {
	out := make([]string, len(nameTable))
	for i, n := range nameTable {
		out[i] = n.name
	}
	return out
}()

// nameOrigins are the countries each character name is at home in, so that
// no name stands beside a pair that points at one of them (Imre beside
// goulash would hint at Hungary).
var nameOrigins = func() map[string][]string {
	m := make(map[string][]string, len(nameTable))
	for _, n := range nameTable {
		m[n.name] = n.origins
	}
	return m
}()

// nameTable lists each name with its countries. A group (hispanic, arabic)
// stands for every country it lists in nameGroups.
var nameTable = parseNames(`
Aiko: Japan
Amara: Nigeria Italy
Anouk: Netherlands France
Anwar: arabic Malaysia India Pakistan
Arjun: India
Astrid: Sweden Norway Denmark Germany
Aurelio: Italy hispanic
Beatriz: hispanic Portugal Brazil
Birgit: Sweden Norway Denmark Germany Austria
Bjorn: Sweden Norway Iceland
Chiara: Italy
Chidi: Nigeria
Cosmin: Romania
Dagny: Norway Sweden
Darius: Iran Lithuania
Desmond: Ireland England
Dmitri: Russia
Eero: Finland
Elif: Turkey
Emeka: Nigeria
Emil: Germany Austria Switzerland Sweden Denmark Norway Poland Czech_Republic Romania
Esra: Turkey
Farida: arabic
Fatou: Senegal Gambia
Folake: Nigeria
Folasade: Nigeria
Gideon: Israel England United_States
Giorgos: Greece
Goran: Serbia Croatia Sweden
Gunnar: Sweden Norway Iceland Denmark
Halvard: Norway
Hamza: arabic Turkey Pakistan
Haruto: Japan
Hiroshi: Japan
Idris: arabic Wales Nigeria Turkey
Ilse: Germany Netherlands Austria
Imre: Hungary
Ines: hispanic Portugal France Germany
Ingrid: Norway Sweden Germany
Ishaan: India
Jelena: Serbia Croatia Russia
Jiho: South_Korea
Jovana: Serbia
Jurgen: Germany Austria
Kasimir: Poland Germany
Katarina: Sweden Serbia Croatia Slovakia
Kaveh: Iran
Kenji: Japan
Kofi: Ghana
Lars: Sweden Norway Denmark
Leilani: Hawaii United_States
Lior: Israel
Lorenzo: Italy hispanic
Magnus: Sweden Norway Denmark Iceland Scotland
Malik: arabic Pakistan
Mateo: hispanic
Mehmet: Turkey
Mirela: Romania Croatia
Nadia: Russia France Italy arabic
Nikolai: Russia Bulgaria
Nilufar: Uzbekistan Iran Bangladesh
Nkechi: Nigeria
Nnamdi: Nigeria
Noor: arabic Pakistan India
Odalys: hispanic
Olga: Russia Ukraine Poland
Orhan: Turkey
Oskar: Sweden Norway Poland Germany
Paulina: Poland hispanic
Pavel: Russia Czech_Republic Bulgaria
Piotr: Poland
Priya: India
Quentin: France Belgium England
Radek: Czech_Republic Poland
Rasmus: Denmark Finland Sweden
Ravi: India
Renata: Italy Poland Czech_Republic Brazil hispanic
Sakura: Japan
Sanjay: India
Saoirse: Ireland
Signe: Denmark Norway Sweden
Soren: Denmark
Stellan: Sweden
Svetlana: Russia Ukraine
Tamar: Israel Georgia
Tariq: arabic Pakistan
Teodor: Romania Poland Sweden Bulgaria
Thandiwe: South_Africa Zimbabwe
Tobias: Germany Austria Switzerland Denmark Sweden Norway
Tomasz: Poland
Ugo: Italy France
Ulrich: Germany Austria Switzerland
Umut: Turkey
Valentina: Italy Russia hispanic
Valeria: Italy Russia hispanic
Vesna: Serbia Croatia Slovenia
Wanjiru: Kenya
Wiebke: Germany
Wojciech: Poland
Xiomara: hispanic
Ximena: hispanic
Yannick: France Belgium Switzerland
Yara: Brazil arabic
Yasmin: arabic Iran India
Yevgeny: Russia
Yusuf: Turkey arabic
Zaid: arabic
Zainab: arabic Nigeria Pakistan
Zeynep: Turkey
Zoltan: Hungary
Zoran: Serbia Croatia
`)

// nameGroups are the origins a name shares with many countries.
var nameGroups = map[string][]string{
	"hispanic": {"Spain", "Mexico", "Argentina", "Peru", "Cuba", "Colombia", "Chile", "Venezuela"},
	"arabic":   {"Egypt", "Morocco", "Jordan", "United Arab Emirates", "Saudi Arabia", "Algeria", "Tunisia", "Lebanon", "Syria", "Iraq"},
}

// continentOf places every country a name or pair names, so that a name
// from a country never stands beside a pair of its continent ("@Africa").
var continentOf = func() map[string]string {
	m := map[string]string{}
	for cont, list := range map[string]string{
		"Africa": `Nigeria Senegal Gambia Ghana South_Africa Zimbabwe Kenya Egypt Morocco Algeria Tunisia Tanzania`,
		"Asia": `Japan India Iran Turkey Israel Malaysia Indonesia Pakistan Uzbekistan Bangladesh South_Korea China
			Vietnam Cambodia Jordan United_Arab_Emirates Saudi_Arabia Lebanon Syria Iraq Georgia Thailand`,
		"North America": `United_States Canada Mexico Cuba`,
		"South America": `Argentina Peru Brazil Colombia Chile Venezuela`,
		"Oceania":       `Australia Hawaii`,
	} {
		for _, c := range strings.Fields(list) {
			m[strings.ReplaceAll(c, "_", " ")] = cont
		}
	}
	return m
}()

type namedOrigin struct {
	name    string
	origins []string
}

// parseNames reads "Name: origin origin ..." lines (underscores stand for
// spaces) into each name's countries, groups expanded.
func parseNames(table string) []namedOrigin {
	var out []namedOrigin
	for _, line := range strings.Split(table, "\n") {
		name, list, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			continue
		}
		var origins []string
		for _, o := range strings.Fields(list) {
			if g, ok := nameGroups[o]; ok {
				origins = append(origins, g...)
				continue
			}
			origins = append(origins, strings.ReplaceAll(o, "_", " "))
		}
		out = append(out, namedOrigin{name, origins})
	}
	return out
}

// sharesOrigin reports whether a name is at home where the pair points: in
// one of its countries, or on its continent ("@Asia").
func sharesOrigin(name string, p latentPair) bool {
	for _, o := range p.origins() {
		cont, isContinent := strings.CutPrefix(o, "@")
		for _, c := range nameOrigins[name] {
			if c == o || (isContinent && continentOf[c] == cont) {
				return true
			}
		}
	}
	return false
}

// namesBeside lists, for each pair of a set, the names that may stand
// beside it.
func namesBeside(pairs []latentPair) [][]string {
	out := make([][]string, len(pairs))
	for i, p := range pairs {
		out[i] = slices.DeleteFunc(slices.Clone(characterNames), func(n string) bool { return sharesOrigin(n, p) })
	}
	return out
}
