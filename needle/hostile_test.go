package needle

import (
	"math"
	"slices"
	"testing"
)

// TestGradeHostileAnswers is the table of hostile answers the latent and
// hops grading must judge as a careful reader would. The latent prompt
// asks "Which character has been to Paris?" where Lars lives next to the
// Eiffel Tower and Nadia, Tariq and Ilse are the other characters; the
// accented one asks for Bjorn beside Soren and Zoltan; the latent:2hop
// one asks "Which character has been to Saxony?" where Amara lives next to
// the Semper Opera House and Kofi next to the Hofbräuhaus; the hops one
// asks for QXKZP, HJWDT and MNBVC beside the decoys RSTLN and GHJKL, and
// scores found ÷ (expected + extra).
func TestGradeHostileAnswers(t *testing.T) {
	latent := Instance{Expected: []string{"Lars"}, Others: []string{"Nadia", "Tariq", "Ilse"}, Exclusive: true}
	accents := Instance{Expected: []string{"Bjorn"}, Others: []string{"Soren", "Zoltan", "Jurgen"}, Exclusive: true}
	twoHop := Instance{Expected: []string{"Amara"}, Others: []string{"Kofi", "Chiara", "Mateo"}, Exclusive: true}
	hops := Instance{Expected: []string{"QXKZP", "HJWDT", "MNBVC"}, Others: []string{"RSTLN", "GHJKL"}}
	cases := []struct {
		task, name string
		tr         Instance
		answer     string
		score      float64
		extra      []string
	}{
		{"latent", "the name", latent, "Lars", 1, nil},
		{"latent", "with a full stop", latent, "Lars.", 1, nil},
		{"latent", "bold", latent, "**Lars**", 1, nil},
		{"latent", "lower case", latent, "lars", 1, nil},
		{"latent", "possessive", latent, "Lars's.", 1, nil},
		{"latent", "explanation in brackets after", latent, "Lars. (Nadia's Colosseum is in Rome.)", 1, []string{"Nadia"}},
		{"latent", "explanation after a colon", latent, "Lars: he lives next to the Eiffel Tower, while Nadia lives by the Colosseum.", 1, []string{"Nadia"}},
		{"latent", "because clause", latent, "Lars, because Nadia lives in Rome.", 1, []string{"Nadia"}},
		{"latent", "not the other", latent, "Lars, not Nadia.", 1, []string{"Nadia"}},
		{"latent", "ruled out first", latent, "Not Nadia (Rome); Lars, who lives by the Eiffel Tower.", 1, []string{"Nadia"}},
		{"latent", "other taken back first", latent, "Nadia is not the one; it is Lars.", 1, []string{"Nadia"}},
		{"latent", "answer marker", latent, "The answer is Lars.", 1, nil},
		{"latent", "reasoning then marker", latent, "Nadia lives by the Colosseum and Tariq by Big Ben, so the answer is Lars.", 1, []string{"Nadia", "Tariq"}},
		{"latent", "reasoning then therefore", latent, "Nadia lives by the Colosseum. Therefore, Lars.", 1, []string{"Nadia"}},
		{"latent", "two names with or", latent, "Lars or Nadia", 0, []string{"Nadia"}},
		{"latent", "two names with a comma", latent, "Lars, Nadia", 0, []string{"Nadia"}},
		{"latent", "two names with and", latent, "Lars and Nadia", 0, []string{"Nadia"}},
		{"latent", "two names with a slash", latent, "Lars/Nadia", 0, []string{"Nadia"}},
		{"latent", "either or", latent, "Either Lars or Nadia.", 0, []string{"Nadia"}},
		{"latent", "hedge in brackets", latent, "Lars (or maybe Nadia)", 0, []string{"Nadia"}},
		{"latent", "hedge in the next sentence", latent, "Lars. Or Nadia.", 0, []string{"Nadia"}},
		{"latent", "could also be", latent, "Lars, though it could also be Nadia.", 0, []string{"Nadia"}},
		{"latent", "every name", latent, "Lars, Nadia, Tariq or Ilse", 0, []string{"Nadia", "Tariq", "Ilse"}},
		{"latent", "a list of the prompt's capitalised words", latent, "Lars., The, Some, Read, Answer, Nadia, Sooner, It", 0, []string{"Nadia"}},
		{"latent", "a bulleted list", latent, "- Lars\n- Eiffel Tower\n- Nadia", 0, []string{"Nadia"}},
		{"latent", "the wrong name", latent, "Nadia", 0, []string{"Nadia"}},
		{"latent", "wrong name, right one in the explanation", latent, "Nadia. (Lars lives next to the Eiffel Tower.)", 0, []string{"Nadia"}},
		{"latent", "inside a hyphenated name", latent, "Lars-Erik", 0, nil},
		{"latent", "inside a longer name", latent, "Larsson", 0, nil},
		{"latent", "after a hyphen", latent, "Erik-Lars", 0, nil},
		{"latent", "an unknown name as the alternative", latent, "Lars or John", 0, nil},
		{"latent", "a haystack person as the alternative", latent, "Lars or Abebe", 0, nil},
		{"latent", "a haystack person first", latent, "Abebe. Lars lives next to the Eiffel Tower.", 0, nil},
		{"latent", "think, then the name", latent, "<think>Nadia lives by the Colosseum; Lars by the Eiffel Tower.</think>Lars", 1, nil},
		{"latent", "right in think, wrong after", latent, "<think>Is it Lars?</think>Nadia.", 0, []string{"Nadia"}},
		{"latent", "everything in think", latent, "<think>Lars lives by the tower, so Lars.</think>", 0, nil},
		{"latent", "think never closed", latent, "<think>It must be Lars", 0, nil},
		{"latent", "orphan close tag", latent, "Lars</think>Nadia", 0, []string{"Nadia"}},
		{"latent", "think, then a marked answer", latent, "<think>Paris has the Eiffel Tower.</think>\n\n**Answer:** Lars", 1, nil},
		{"latent", "does not know", latent, "I don't know.", 0, nil},
		{"latent", "none of them", latent, "None of the characters.", 0, nil},
		{"latent", "empty", latent, "", 0, nil},
		{"latent", "accent added", accents, "Björn", 1, nil},
		{"latent", "accent and capitals", accents, "BJØRN", 1, nil},
		{"latent", "accented alternatives", accents, "Bjørn or Søren", 0, []string{"Soren"}},
		{"latent", "accented other first", accents, "Jürgen. Bjorn lives next to the Eiffel Tower.", 0, []string{"Jurgen"}},
		{"latent", "accented hyphenated name", accents, "Björn-Erik", 0, nil},
		{"latent:2hop", "the name", twoHop, "Amara", 1, nil},
		{"latent:2hop", "both hops explained", twoHop, "Amara, since the Semper Opera House is in Dresden, the capital of Saxony.", 1, nil},
		{"latent:2hop", "the other ruled out, then marked", twoHop,
			"Kofi lives next to the Hofbräuhaus, which is in Munich, Bavaria; Amara lives next to the Semper Opera House in Dresden. The answer is Amara.", 1, []string{"Kofi"}},
		{"latent:2hop", "alternatives", twoHop, "Amara or Kofi", 0, []string{"Kofi"}},
		{"latent:2hop", "right in think, wrong after", twoHop, "<think>Dresden is in Saxony, so Amara.</think>Kofi", 0, []string{"Kofi"}},
		{"latent:2hop", "the city instead of a name", twoHop, "Dresden", 0, nil},
		{"hops", "every name", hops, "QXKZP, HJWDT, MNBVC", 1, nil},
		{"hops", "lower case, any order", hops, "mnbvc hjwdt qxkzp", 1, nil},
		{"hops", "two of three", hops, "QXKZP and HJWDT", 2.0 / 3, nil},
		{"hops", "one decoy", hops, "QXKZP, HJWDT, MNBVC, RSTLN", 3.0 / 4, []string{"RSTLN"}},
		{"hops", "every variable, decoys included", hops, "QXKZP, HJWDT, MNBVC, RSTLN, GHJKL", 3.0 / 5, []string{"RSTLN", "GHJKL"}},
		{"hops", "only the decoys", hops, "RSTLN, GHJKL", 0, []string{"RSTLN", "GHJKL"}},
		{"hops", "a made-up variable", hops, "QXKZP, HJWDT, MNBVC, BCDFG", 3.0 / 4, []string{"BCDFG"}},
		{"hops", "decoy only in think", hops, "<think>RSTLN = 12345? no.</think>QXKZP, HJWDT, MNBVC", 1, nil},
		{"hops", "right in think, decoy after", hops, "<think>QXKZP, HJWDT, MNBVC</think>RSTLN", 0, []string{"RSTLN"}},
		{"hops", "names inside longer words", hops, "QXKZPA, XHJWDT", 0, nil},
		{"hops", "empty", hops, "", 0, nil},
	}
	perTask := map[string]int{}
	for _, c := range cases {
		r := GradeInstance(c.answer, c.tr)
		if math.Abs(r.Score-c.score) > 1e-9 || r.Correct != (c.score == 1 && (c.tr.Exclusive || c.extra == nil)) || !slices.Equal(r.Extra, c.extra) {
			t.Errorf("%s, %s: GradeInstance(%q) = score %v correct %v extra %v; want %v %v",
				c.task, c.name, c.answer, r.Score, r.Correct, r.Extra, c.score, c.extra)
		}
		perTask[c.task]++
	}
	if len(cases) < 40 {
		t.Errorf("only %d hostile answers", len(cases))
	}
	t.Logf("%d hostile answers: %v", len(cases), perTask)
}
