package needle

import (
	"math/rand/v2"
	"regexp"
	"strconv"
	"testing"
)

func TestWordListsAreCleanAndDistinct(t *testing.T) {
	for name, list := range map[string][]string{"adjectives": adjectives, "nouns": nouns} {
		if len(list) < 250 {
			t.Errorf("%s: only %d words", name, len(list))
		}
		seen := map[string]bool{}
		for _, w := range list {
			if !regexp.MustCompile(`^[a-z]+$`).MatchString(w) {
				t.Errorf("%s: %q is not plain lower-case letters", name, w)
			}
			if seen[w] {
				t.Errorf("%s: %q listed twice", name, w)
			}
			seen[w] = true
			if saysAbsent(w) {
				t.Errorf("%s: %q reads as an absence phrase to the grader", name, w)
			}
		}
	}
}

func TestGeneratorsProduceTheirFormats(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	uuidRe := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	pairRe := regexp.MustCompile(`^[a-z]+-[a-z]+$`)
	for range 2000 {
		if n, _ := strconv.Atoi(sevenDigits(rng)); n < 1000000 || n > 9999999 {
			t.Fatalf("seven digits out of range: %d", n)
		}
		if n, _ := strconv.Atoi(fiveDigits(rng)); n < 10000 || n > 99999 {
			t.Fatalf("five digits out of range: %d", n)
		}
		if u := uuid4(rng); !uuidRe.MatchString(u) {
			t.Fatalf("not a v4 UUID: %q", u)
		}
		if p := wordPair(rng); !pairRe.MatchString(p) {
			t.Fatalf("not an adjective-noun pair: %q", p)
		}
	}
}

func TestDrawerSkipsUsedAndRepeats(t *testing.T) {
	rejected := map[string]bool{}
	calls := 0
	used := func(s string) bool { // the first five candidates "occur in the haystack"
		calls++
		if len(rejected) < 5 {
			rejected[s] = true
		}
		return rejected[s]
	}
	d := newDrawer(rand.New(rand.NewPCG(3, 4)), used)
	got := map[string]bool{}
	for range 50 {
		s := d.draw(func(r *rand.Rand) string { return strconv.Itoa(r.IntN(60)) })
		if rejected[s] {
			t.Errorf("drew %q although used() rejected it", s)
		}
		if got[s] {
			t.Errorf("drew %q twice in one trial", s)
		}
		got[s] = true
	}
	if calls <= 5 {
		t.Fatalf("used() called only %d times", calls)
	}
}
