package stats

// VerdictKind is the answer to "does the claim hold?" on RULER's
// definition of effective length.
type VerdictKind int

const (
	// NothingTested: no length had a valid trial.
	NothingTested VerdictKind = iota
	// BelowShortest: not even the shortest tested length reaches the bar
	// (the claim, known or not, is not held anywhere measured).
	BelowShortest
	// ClaimUnknown: there is an effective length, but no claim to hold
	// it against.
	ClaimUnknown
	// HoldsClaim: retrieval holds across the whole claim.
	HoldsClaim
	// HoldsAllTested: retrieval holds at every tested length, and none
	// was tested as far as the claim.
	HoldsAllTested
	// HoldsPart: retrieval holds to part of the claim, RULER of Claimed.
	HoldsPart
)

// Verdict is the judgement of one summary and the numbers it rests on.
type Verdict struct {
	Kind VerdictKind
	Effective
	Claimed int // the claimed context; 0: unknown
}

// Verdict judges e against a claimed context (0: unknown).
func (e Effective) Verdict(claimed int) Verdict {
	v := Verdict{Effective: e, Claimed: max(claimed, 0)}
	switch {
	case e.MaxTested == 0:
		v.Kind = NothingTested
	case e.RULER == 0:
		v.Kind = BelowShortest
	case v.Claimed == 0:
		v.Kind = ClaimUnknown
	case e.RULER >= v.Claimed:
		v.Kind = HoldsClaim
	case e.RULER == e.MaxTested:
		v.Kind = HoldsAllTested
	default:
		v.Kind = HoldsPart
	}
	return v
}
