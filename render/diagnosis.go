package render

import (
	"fmt"

	"niah/stats"
	"niah/units"
)

// DiagnosisText says in one line which failure shape the records fit, with
// its evidence, or why it holds back; "" when nothing was graded.
func DiagnosisText(d stats.Diagnosis) string {
	if b := diagnosisBody(d); b != "" {
		return "diagnosis: " + b
	}
	return ""
}

// diagnosisBody is DiagnosisText without its "diagnosis: " lead.
func diagnosisBody(d stats.Diagnosis) string {
	found := func(score float64, n int) string { return fmt.Sprintf("%s/%d found", trimScore(score), n) }
	var t string
	switch d.Kind {
	case stats.NotDiagnosed:
		return ""
	case stats.NoFailure:
		t = fmt.Sprintf("no failure (%s)", found(d.OutScore, d.Out))
	case stats.PositionLimit:
		if d.Holds == 0 {
			t = fmt.Sprintf("position limit at or below %s: every length and depth tested fails (%s)",
				units.FormatLength(d.Param), found(d.InScore, d.In))
			break
		}
		t = fmt.Sprintf("position limit near %s: every depth fails from %s (%s), %s and shorter hold (%s)",
			units.FormatLength(d.Param), units.FormatLength(d.Fails), found(d.InScore, d.In),
			units.FormatLength(d.Holds), found(d.OutScore, d.Out))
	case stats.DistanceLimit, stats.KeptEnd:
		t = fmt.Sprintf("distance limit near %s tokens (a sliding window or context shift): needles %s or more tokens before the question fail (%s), those within %s hold (%s), at every length",
			units.FormatCount(twoFigures(d.Param)), units.FormatCount(d.Fails), found(d.InScore, d.In), units.FormatCount(d.Holds), found(d.OutScore, d.Out))
		if d.Kind == stats.KeptEnd {
			t = fmt.Sprintf("the start of long prompts is lost (the server kept the end): needles %s or more tokens before the question fail (%s); %d of the failed trials have a length the server did not confirm or counted short",
				units.FormatCount(d.Fails), found(d.InScore, d.In), d.Unverified)
		}
	case stats.MidDepthDip:
		t = fmt.Sprintf("a mid-depth dip: %s fail from %s (%s) while the others hold (%s)",
			depthBand(d.Shape), units.FormatLength(d.DipFrom), found(d.InScore, d.In), found(d.OutScore, d.Out))
	case stats.NoClearShape:
		t = fmt.Sprintf("no clear shape: %s, and no limit of length, distance or depth explains the misses",
			found(d.InScore+d.OutScore, d.In+d.Out))
	case stats.Undecided:
		t = fmt.Sprintf("not enough trials to tell %s from %s", shapeName(d.Shape), shapeName(*d.Second))
		if d.CannotTell {
			t += "; no tested cell tells them apart: add lengths or depths where they differ"
			if pair(d, stats.PositionLimit, stats.DistanceLimit) {
				t += " (needles near the question, depth 100%, at the longest lengths)"
			}
		} else {
			t += "; about " + count(d.MoreTrials, "more trial")
			if d.Cells == 1 {
				t += " in the one cell where they disagree would likely decide"
			} else {
				t += fmt.Sprintf(" (%d in each of the %d cells where they disagree) would likely decide", d.MorePerCell, d.Cells)
			}
		}
	}
	if d.Estimated > 0 && usesDistance(d) {
		t += fmt.Sprintf(" (distances estimated from depth for %d trials recorded without distance_tokens)", d.Estimated)
	}
	return t
}

// usesDistance: the named shape, or one of the two held apart, reads
// distances.
func usesDistance(d stats.Diagnosis) bool {
	dist := func(k stats.ShapeKind) bool { return k == stats.DistanceLimit || k == stats.KeptEnd }
	return dist(d.Shape.Kind) || (d.Second != nil && dist(d.Second.Kind))
}

func pair(d stats.Diagnosis, a, b stats.ShapeKind) bool {
	x, y := d.Shape.Kind, d.Second.Kind
	return (x == a && y == b) || (x == b && y == a)
}

// shapeName names a fitted shape in a few words.
func shapeName(s stats.Shape) string {
	switch s.Kind {
	case stats.NoFailure:
		return "no failure"
	case stats.PositionLimit:
		return "a position limit near " + units.FormatLength(s.Param)
	case stats.DistanceLimit, stats.KeptEnd:
		return "a distance limit near " + units.FormatCount(twoFigures(s.Param)) + " tokens"
	case stats.MidDepthDip:
		return "a mid-depth dip (" + depthBand(s) + ")"
	}
	return "no clear shape"
}

// twoFigures rounds n to two significant figures: the limit lies
// somewhere between the distances measured, not at a precise token.
func twoFigures(n int) int {
	p := 1
	for n/p >= 100 {
		p *= 10
	}
	return (n + p/2) / p * p
}

// depthBand writes a dip's depths: "depth 50%", "depths 30%-70%".
func depthBand(s stats.Shape) string {
	if s.DipLo == s.DipHi {
		return "depth " + formatDepth(s.DipLo)
	}
	return "depths " + formatDepth(s.DipLo) + "-" + formatDepth(s.DipHi)
}

// count writes "1 more trial", "3 more trials".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// trimScore writes a summed score: whole when it is whole.
func trimScore(s float64) string {
	if s == float64(int(s)) {
		return fmt.Sprint(int(s))
	}
	return fmt.Sprintf("%.1f", s)
}
