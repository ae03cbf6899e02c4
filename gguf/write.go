package gguf

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
)

// Write writes a GGUF v3 file: the metadata in the given order, the tensor
// table, then the tensor data, each tensor aligned to general.alignment
// (32 bytes unless kvs sets it).
func Write(w io.Writer, kvs []KV, tensors []Tensor) error {
	align := uint64(defaultAlignment)
	seen := make(map[string]bool, len(kvs))
	for _, kv := range kvs {
		if seen[kv.Key] {
			return fmt.Errorf("gguf: duplicate metadata key %q", kv.Key)
		}
		seen[kv.Key] = true
		if kv.Key == "general.alignment" {
			a, ok := kv.Value.(uint32)
			if !ok || a == 0 || a%8 != 0 {
				return fmt.Errorf("gguf: general.alignment must be a uint32 multiple of 8, got %v", kv.Value)
			}
			align = uint64(a)
		}
	}
	offsets := make([]uint64, len(tensors))
	var dataSize uint64
	for i, t := range tensors {
		if t.Type != F32 && t.Type != F16 {
			return fmt.Errorf("gguf: tensor %q: type %v not supported for writing (only F32, F16)", t.Name, t.Type)
		}
		if len(t.Dims) == 0 || len(t.Dims) > 4 {
			return fmt.Errorf("gguf: tensor %q: %d dims, want 1 to 4", t.Name, len(t.Dims))
		}
		if n := elements(t.Dims); n != uint64(len(t.Data)) {
			return fmt.Errorf("gguf: tensor %q: dims %v hold %d elements but data has %d", t.Name, t.Dims, n, len(t.Data))
		}
		offsets[i] = dataSize
		dataSize = alignUp(dataSize+tensorBytes(t), align)
	}

	bw := &writer{w: bufio.NewWriterSize(w, 1<<16)}
	bw.u32(magic)
	bw.u32(version)
	bw.u64(uint64(len(tensors)))
	bw.u64(uint64(len(kvs)))
	for _, kv := range kvs {
		bw.str(kv.Key)
		if err := bw.value(kv.Value); err != nil {
			return fmt.Errorf("gguf: metadata %q: %w", kv.Key, err)
		}
	}
	for i, t := range tensors {
		bw.str(t.Name)
		bw.u32(uint32(len(t.Dims)))
		for _, d := range t.Dims {
			bw.u64(d)
		}
		bw.u32(uint32(t.Type))
		bw.u64(offsets[i])
	}
	bw.pad(align)
	for _, t := range tensors {
		bw.pad(align) // the same rule that computed offsets[i]
		switch t.Type {
		case F32:
			for _, v := range t.Data {
				bw.u32(math.Float32bits(v))
			}
		case F16:
			for _, v := range t.Data {
				bw.u16(Float32ToFloat16(v))
			}
		}
	}
	// Trailing padding: llama.cpp sizes the data section as the sum of
	// padded tensor sizes and may read that many bytes.
	bw.pad(align)
	if bw.err != nil {
		return bw.err
	}
	return bw.w.Flush()
}

// WriteFile writes a GGUF file at path (see Write). Errors name the path;
// a file that could not be finished is removed rather than left truncated.
func WriteFile(path string, kvs []KV, tensors []Tensor) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = Write(f, kvs, tensors)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func tensorBytes(t Tensor) uint64 {
	if t.Type == F16 {
		return 2 * uint64(len(t.Data))
	}
	return 4 * uint64(len(t.Data))
}

func alignUp(n, align uint64) uint64 { return (n + align - 1) / align * align }

// writer tracks the byte position (for padding) and the first error.
type writer struct {
	w   *bufio.Writer
	pos uint64
	err error
	buf [8]byte
}

func (w *writer) bytes(b []byte) {
	if w.err != nil {
		return
	}
	n, err := w.w.Write(b)
	w.pos += uint64(n)
	w.err = err
}

func (w *writer) u8(v uint8)   { w.buf[0] = v; w.bytes(w.buf[:1]) }
func (w *writer) u16(v uint16) { binary.LittleEndian.PutUint16(w.buf[:], v); w.bytes(w.buf[:2]) }
func (w *writer) u32(v uint32) { binary.LittleEndian.PutUint32(w.buf[:], v); w.bytes(w.buf[:4]) }
func (w *writer) u64(v uint64) { binary.LittleEndian.PutUint64(w.buf[:], v); w.bytes(w.buf[:8]) }
func (w *writer) str(s string) { w.u64(uint64(len(s))); w.bytes([]byte(s)) }

func (w *writer) pad(align uint64) {
	for w.pos%align != 0 && w.err == nil {
		w.u8(0)
	}
}

// value writes a metadata value with its type tag.
func (w *writer) value(v any) error {
	t, ok := scalarType(v)
	if ok {
		w.u32(uint32(t))
		w.scalar(v)
		return nil
	}
	elem, n, ok := arrayType(v)
	if !ok {
		return fmt.Errorf("unsupported value type %T", v)
	}
	w.u32(uint32(TypeArray))
	w.u32(uint32(elem))
	w.u64(uint64(n))
	switch a := v.(type) {
	case []uint8:
		w.bytes(a)
	case []int8:
		for _, x := range a {
			w.u8(uint8(x))
		}
	case []uint16:
		for _, x := range a {
			w.u16(x)
		}
	case []int16:
		for _, x := range a {
			w.u16(uint16(x))
		}
	case []uint32:
		for _, x := range a {
			w.u32(x)
		}
	case []int32:
		for _, x := range a {
			w.u32(uint32(x))
		}
	case []uint64:
		for _, x := range a {
			w.u64(x)
		}
	case []int64:
		for _, x := range a {
			w.u64(uint64(x))
		}
	case []float32:
		for _, x := range a {
			w.u32(math.Float32bits(x))
		}
	case []float64:
		for _, x := range a {
			w.u64(math.Float64bits(x))
		}
	case []bool:
		for _, x := range a {
			w.scalar(x)
		}
	case []string:
		for _, x := range a {
			w.str(x)
		}
	}
	return nil
}

func (w *writer) scalar(v any) {
	switch x := v.(type) {
	case uint8:
		w.u8(x)
	case int8:
		w.u8(uint8(x))
	case uint16:
		w.u16(x)
	case int16:
		w.u16(uint16(x))
	case uint32:
		w.u32(x)
	case int32:
		w.u32(uint32(x))
	case uint64:
		w.u64(x)
	case int64:
		w.u64(uint64(x))
	case float32:
		w.u32(math.Float32bits(x))
	case float64:
		w.u64(math.Float64bits(x))
	case bool:
		if x {
			w.u8(1)
		} else {
			w.u8(0)
		}
	case string:
		w.str(x)
	}
}

func scalarType(v any) (ValueType, bool) {
	switch v.(type) {
	case uint8:
		return TypeUint8, true
	case int8:
		return TypeInt8, true
	case uint16:
		return TypeUint16, true
	case int16:
		return TypeInt16, true
	case uint32:
		return TypeUint32, true
	case int32:
		return TypeInt32, true
	case uint64:
		return TypeUint64, true
	case int64:
		return TypeInt64, true
	case float32:
		return TypeFloat32, true
	case float64:
		return TypeFloat64, true
	case bool:
		return TypeBool, true
	case string:
		return TypeString, true
	}
	return 0, false
}

func arrayType(v any) (ValueType, int, bool) {
	switch a := v.(type) {
	case []uint8:
		return TypeUint8, len(a), true
	case []int8:
		return TypeInt8, len(a), true
	case []uint16:
		return TypeUint16, len(a), true
	case []int16:
		return TypeInt16, len(a), true
	case []uint32:
		return TypeUint32, len(a), true
	case []int32:
		return TypeInt32, len(a), true
	case []uint64:
		return TypeUint64, len(a), true
	case []int64:
		return TypeInt64, len(a), true
	case []float32:
		return TypeFloat32, len(a), true
	case []float64:
		return TypeFloat64, len(a), true
	case []bool:
		return TypeBool, len(a), true
	case []string:
		return TypeString, len(a), true
	}
	return 0, 0, false
}
