package refmodel

import "math"

// codeDim is the width of a byte code: the order of the Hadamard matrix.
const codeDim = 32

// punctuation gets one class per character; anything not a digit, letter,
// space, newline or one of these falls into the catch-all class.
const punctuation = `.,?!:;'"-()/&%$#@*+=_[]<>`

// Byte classes, in the order they take codes: digits, case-folded letters,
// space, newline, punctuation, then the catch-all. 64 classes use all 32
// Hadamard rows and their negations.
const (
	classSpace    = 10 + 26
	classNewline  = classSpace + 1
	classPunct    = classNewline + 1
	classCatchAll = classPunct + len(punctuation)
	numClasses    = classCatchAll + 1
)

// byteClass maps a byte to its class. Upper and lower case share a class so
// "The" and "the" match; the output bias breaks the tie toward lower case.
func byteClass(b byte) int {
	switch {
	case b >= '0' && b <= '9':
		return int(b - '0')
	case b >= 'a' && b <= 'z':
		return 10 + int(b-'a')
	case b >= 'A' && b <= 'Z':
		return 10 + int(b-'A')
	case b == ' ':
		return classSpace
	case b == '\n':
		return classNewline
	}
	for i := 0; i < len(punctuation); i++ {
		if punctuation[i] == b {
			return classPunct + i
		}
	}
	return classCatchAll
}

// classCode returns the unit-norm code of a class: row c of the 32x32
// Sylvester-Hadamard matrix for c < 32, the negated row c-32 otherwise. Two
// different classes then have a dot product of 0 or -1, never positive, so
// a partial match always scores at least a full unit below a full match.
func classCode(c int) [codeDim]float32 {
	row, sign := c, 1.0
	if c >= codeDim {
		row, sign = c-codeDim, -1.0
	}
	scale := sign / math.Sqrt(codeDim)
	var v [codeDim]float32
	for j := range v {
		// Sylvester construction: H[r][j] = (-1)^popcount(r & j).
		if popcount(row&j)%2 == 0 {
			v[j] = float32(scale)
		} else {
			v[j] = float32(-scale)
		}
	}
	return v
}

func popcount(x int) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}
