package gguf

// String returns a string metadata value.
func (f *File) String(key string) (string, bool) {
	s, ok := f.KV[key].(string)
	return s, ok
}

// Strings returns a string-array metadata value.
func (f *File) Strings(key string) ([]string, bool) {
	s, ok := f.KV[key].([]string)
	return s, ok
}

// Uint returns any integer metadata value as uint64. Negative signed
// values are reported as absent: they are never valid counts or ids.
func (f *File) Uint(key string) (uint64, bool) {
	switch v := f.KV[key].(type) {
	case uint8:
		return uint64(v), true
	case uint16:
		return uint64(v), true
	case uint32:
		return uint64(v), true
	case uint64:
		return v, true
	case int8:
		if v < 0 {
			return 0, false
		}
		return uint64(v), true
	case int16:
		if v < 0 {
			return 0, false
		}
		return uint64(v), true
	case int32:
		if v < 0 {
			return 0, false
		}
		return uint64(v), true
	case int64:
		if v < 0 {
			return 0, false
		}
		return uint64(v), true
	}
	return 0, false
}

// Float returns a float32 or float64 metadata value as float64.
func (f *File) Float(key string) (float64, bool) {
	switch v := f.KV[key].(type) {
	case float32:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}

// Float32s returns a float32-array metadata value (e.g. token scores).
func (f *File) Float32s(key string) ([]float32, bool) {
	s, ok := f.KV[key].([]float32)
	return s, ok
}

// Int32s returns an int32-array metadata value (e.g. token types).
func (f *File) Int32s(key string) ([]int32, bool) {
	s, ok := f.KV[key].([]int32)
	return s, ok
}
