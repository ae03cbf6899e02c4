package stats

// Edges are where one definition's boundary lies: the effective length
// (the last length that holds, every shorter one holding too) and the
// first tested length above it, which fails. Fail 0: none above failed.
type Edges struct {
	Pass, Fail int
}

// Bracket is the boundary on both definitions.
type Bracket struct {
	RULER, NoLiMa Edges
}

// BracketOf reads the bracket off a summary measured as e.
func BracketOf(s *Summary, e Effective) Bracket {
	return Bracket{RULER: edges(s, e.RULER), NoLiMa: edges(s, e.NoLiMa)}
}

func edges(s *Summary, pass int) Edges {
	ed := Edges{Pass: pass}
	for _, ls := range s.PerLength {
		if ls.Tested() && ls.Length > pass {
			ed.Fail = ls.Length
			break
		}
	}
	return ed
}
