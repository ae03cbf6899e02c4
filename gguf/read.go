package gguf

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// Limits that stop a corrupt header from allocating huge buffers.
const (
	maxStringLen  = 64 << 20
	maxPrealloc   = 1 << 20 // array elements allocated up front; more grow as read
	maxTensorDims = 4
	maxCount      = 1 << 40
	maxNesting    = 8 // arrays of arrays; 12 header bytes per level would otherwise let a crafted file overflow the stack
)

// ReadFile reads the header, metadata and tensor table of a GGUF file
// (not the tensor data). Errors name the file.
func ReadFile(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	gf, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return gf, nil
}

// Read parses a GGUF header, metadata and tensor table from r, reading no
// further than the tensor table. Versions 2 and 3 are accepted.
func Read(r io.Reader) (*File, error) {
	rd := &reader{r: bufio.NewReaderSize(r, 1<<16)}
	if m := rd.u32(); rd.err == nil && m != magic {
		return nil, fmt.Errorf("gguf: not a GGUF file (magic %#08x)", m)
	}
	f := &File{Version: rd.u32(), KV: map[string]any{}}
	if rd.err == nil && f.Version != 2 && f.Version != 3 {
		return nil, fmt.Errorf("gguf: unsupported GGUF version %d (want 2 or 3)", f.Version)
	}
	nTensors, nKV := rd.u64(), rd.u64()
	if rd.err != nil {
		return nil, fmt.Errorf("gguf: reading header: %w", rd.err)
	}
	if nTensors > maxCount || nKV > maxCount {
		return nil, fmt.Errorf("gguf: implausible header counts (%d tensors, %d metadata keys)", nTensors, nKV)
	}
	for i := uint64(0); i < nKV; i++ {
		key := rd.str()
		t := ValueType(rd.u32())
		if rd.err != nil {
			return nil, fmt.Errorf("gguf: reading metadata key %d of %d: %w", i+1, nKV, rd.err)
		}
		v, err := rd.value(t)
		if err != nil {
			return nil, fmt.Errorf("gguf: reading metadata %q: %w", key, err)
		}
		if _, dup := f.KV[key]; dup {
			return nil, fmt.Errorf("gguf: duplicate metadata key %q", key)
		}
		f.KV[key] = v
		f.Keys = append(f.Keys, key)
	}
	for i := uint64(0); i < nTensors; i++ {
		var ti TensorInfo
		ti.Name = rd.str()
		nd := rd.u32()
		if rd.err == nil && nd > maxTensorDims {
			return nil, fmt.Errorf("gguf: tensor %q has %d dims (max %d)", ti.Name, nd, maxTensorDims)
		}
		for j := uint32(0); j < nd && rd.err == nil; j++ {
			ti.Dims = append(ti.Dims, rd.u64())
		}
		ti.Type = TensorType(rd.u32())
		ti.Offset = rd.u64()
		if rd.err != nil {
			return nil, fmt.Errorf("gguf: reading tensor info %d of %d: %w", i+1, nTensors, rd.err)
		}
		f.Tensors = append(f.Tensors, ti)
	}
	align := uint64(defaultAlignment)
	if a, ok := f.Uint("general.alignment"); ok && a > 0 {
		align = a
	}
	f.DataOffset = alignUp(rd.pos, align)
	return f, nil
}

type reader struct {
	r       *bufio.Reader
	pos     uint64
	err     error
	buf     [8]byte
	nesting int // arrays of arrays being read
}

func (r *reader) fill(n int) []byte {
	if r.err != nil {
		return r.buf[:n]
	}
	k, err := io.ReadFull(r.r, r.buf[:n])
	r.pos += uint64(k)
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		r.err = err
	}
	return r.buf[:n]
}

func (r *reader) u8() uint8   { return r.fill(1)[0] }
func (r *reader) u16() uint16 { return binary.LittleEndian.Uint16(r.fill(2)) }
func (r *reader) u32() uint32 { return binary.LittleEndian.Uint32(r.fill(4)) }
func (r *reader) u64() uint64 { return binary.LittleEndian.Uint64(r.fill(8)) }

func (r *reader) str() string {
	n := r.u64()
	if r.err != nil {
		return ""
	}
	if n > maxStringLen {
		r.err = fmt.Errorf("string of %d bytes exceeds the %d-byte limit", n, maxStringLen)
		return ""
	}
	b := make([]byte, n)
	k, err := io.ReadFull(r.r, b)
	r.pos += uint64(k)
	if err != nil {
		r.err = io.ErrUnexpectedEOF
		return ""
	}
	return string(b)
}

// value reads one metadata value of type t.
func (r *reader) value(t ValueType) (any, error) {
	var v any
	switch t {
	case TypeUint8:
		v = r.u8()
	case TypeInt8:
		v = int8(r.u8())
	case TypeUint16:
		v = r.u16()
	case TypeInt16:
		v = int16(r.u16())
	case TypeUint32:
		v = r.u32()
	case TypeInt32:
		v = int32(r.u32())
	case TypeUint64:
		v = r.u64()
	case TypeInt64:
		v = int64(r.u64())
	case TypeFloat32:
		v = math.Float32frombits(r.u32())
	case TypeFloat64:
		v = math.Float64frombits(r.u64())
	case TypeBool:
		b := r.u8()
		if r.err == nil && b > 1 {
			return nil, fmt.Errorf("bool byte %d is neither 0 nor 1", b)
		}
		v = b == 1
	case TypeString:
		v = r.str()
	case TypeArray:
		return r.array()
	default:
		return nil, fmt.Errorf("unknown value type %d", uint32(t))
	}
	return v, r.err
}

// array reads an array value as a typed slice ([]string, []int32, ...);
// arrays of arrays come back as []any.
func (r *reader) array() (any, error) {
	et := ValueType(r.u32())
	n := r.u64()
	if r.err != nil {
		return nil, r.err
	}
	if n > maxCount {
		return nil, fmt.Errorf("implausible array length %d", n)
	}
	c := int(min(n, maxPrealloc))
	switch et {
	case TypeUint8:
		return readArray(r, n, make([]uint8, 0, c), r.u8)
	case TypeInt8:
		return readArray(r, n, make([]int8, 0, c), func() int8 { return int8(r.u8()) })
	case TypeUint16:
		return readArray(r, n, make([]uint16, 0, c), r.u16)
	case TypeInt16:
		return readArray(r, n, make([]int16, 0, c), func() int16 { return int16(r.u16()) })
	case TypeUint32:
		return readArray(r, n, make([]uint32, 0, c), r.u32)
	case TypeInt32:
		return readArray(r, n, make([]int32, 0, c), func() int32 { return int32(r.u32()) })
	case TypeUint64:
		return readArray(r, n, make([]uint64, 0, c), r.u64)
	case TypeInt64:
		return readArray(r, n, make([]int64, 0, c), func() int64 { return int64(r.u64()) })
	case TypeFloat32:
		return readArray(r, n, make([]float32, 0, c), func() float32 { return math.Float32frombits(r.u32()) })
	case TypeFloat64:
		return readArray(r, n, make([]float64, 0, c), func() float64 { return math.Float64frombits(r.u64()) })
	case TypeBool:
		return readArray(r, n, make([]bool, 0, c), func() bool { return r.u8() != 0 })
	case TypeString:
		return readArray(r, n, make([]string, 0, c), r.str)
	case TypeArray:
		if r.nesting >= maxNesting {
			return nil, fmt.Errorf("arrays nested more than %d deep", maxNesting)
		}
		r.nesting++
		defer func() { r.nesting-- }()
		out := make([]any, 0, c)
		for i := uint64(0); i < n; i++ {
			v, err := r.array()
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown array element type %d", uint32(et))
}

func readArray[T any](r *reader, n uint64, out []T, next func() T) ([]T, error) {
	for i := uint64(0); i < n && r.err == nil; i++ {
		out = append(out, next())
	}
	if r.err != nil {
		return nil, r.err
	}
	return out, nil
}
