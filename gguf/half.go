package gguf

import "math"

// Float32ToFloat16 converts to IEEE 754 half precision, rounding to
// nearest even; values too large become ±Inf, NaN stays NaN.
func Float32ToFloat16(f float32) uint16 {
	b := math.Float32bits(f)
	sign := uint16(b>>16) & 0x8000
	exp := int32(b>>23) & 0xff
	mant := b & 0x7fffff
	switch {
	case exp == 0xff: // Inf or NaN
		if mant != 0 {
			return sign | 0x7e00
		}
		return sign | 0x7c00
	case exp-127 > 15: // overflow
		return sign | 0x7c00
	case exp-127 >= -14: // normal half
		h := uint32(exp-127+15)<<10 | mant>>13
		return sign | uint16(roundNearestEven(h, mant&0x1fff, 0x1000))
	case exp-127 >= -25: // subnormal half (or rounds up into the smallest)
		full := mant | 0x800000 // implicit leading 1
		shift := uint32(-14-(exp-127)) + 13
		h := full >> shift
		rest := full & (1<<shift - 1)
		return sign | uint16(roundNearestEven(h, rest, 1<<(shift-1)))
	}
	return sign // underflow to ±0
}

// roundNearestEven rounds h up when the discarded bits rest exceed half, or
// equal half and h is odd. A carry into the exponent is the correct result.
func roundNearestEven(h, rest, half uint32) uint32 {
	if rest > half || (rest == half && h&1 == 1) {
		h++
	}
	return h
}

// Float16ToFloat32 converts IEEE 754 half precision to float32 exactly.
func Float16ToFloat32(h uint16) float32 {
	sign := uint32(h&0x8000) << 16
	exp := uint32(h>>10) & 0x1f
	mant := uint32(h & 0x3ff)
	switch {
	case exp == 0x1f:
		return math.Float32frombits(sign | 0x7f800000 | mant<<13)
	case exp == 0:
		// subnormal: mant × 2^-24
		v := float32(mant) * (1.0 / (1 << 24))
		if sign != 0 {
			v = -v
		}
		return v
	}
	return math.Float32frombits(sign | (exp+127-15)<<23 | mant<<13)
}
