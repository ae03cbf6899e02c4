// Package gguf reads and writes GGUF v3 files: the metadata key/values and
// tensor table that llama.cpp and Ollama load, plus F32/F16 tensor data.
// It is used to build tiny test models and to read tokenizer metadata.
package gguf

import "fmt"

// magic is "GGUF" read as a little-endian uint32.
const magic = 0x46554747

// version is the GGUF version written; the reader accepts 2 and 3
// (they share the layout with 64-bit counts).
const version = 3

// defaultAlignment is the tensor-data alignment when general.alignment is absent.
const defaultAlignment = 32

// ValueType is a GGUF metadata value type.
type ValueType uint32

// GGUF metadata value types, numbered as in the GGUF specification.
const (
	TypeUint8 ValueType = iota
	TypeInt8
	TypeUint16
	TypeInt16
	TypeUint32
	TypeInt32
	TypeFloat32
	TypeBool
	TypeString
	TypeArray
	TypeUint64
	TypeInt64
	TypeFloat64
)

var valueTypeNames = [...]string{"uint8", "int8", "uint16", "int16", "uint32", "int32",
	"float32", "bool", "string", "array", "uint64", "int64", "float64"}

func (t ValueType) String() string {
	if int(t) < len(valueTypeNames) {
		return valueTypeNames[t]
	}
	return fmt.Sprintf("ValueType(%d)", uint32(t))
}

// KV is one metadata entry. Value is one of uint8, int8, uint16, int16,
// uint32, int32, uint64, int64, float32, float64, bool, string, or a slice
// of one of those ([]string, []float32, []int32, ...).
type KV struct {
	Key   string
	Value any
}

// TensorType is a ggml tensor element type. Only F32 and F16 are written.
type TensorType uint32

// ggml tensor types this package writes.
const (
	F32 TensorType = 0
	F16 TensorType = 1
)

func (t TensorType) String() string {
	switch t {
	case F32:
		return "F32"
	case F16:
		return "F16"
	}
	return fmt.Sprintf("TensorType(%d)", uint32(t))
}

// Tensor is a tensor to write. Dims are in ggml order: ne[0], the
// contiguous dimension, first (a [rows][cols] matrix has Dims {cols, rows}).
// Data holds the elements as float32 and is converted to Type when written.
type Tensor struct {
	Name string
	Dims []uint64
	Type TensorType
	Data []float32
}

// elements is the product of the dims (1 for a scalar).
func elements(dims []uint64) uint64 {
	n := uint64(1)
	for _, d := range dims {
		n *= d
	}
	return n
}

// File is a parsed GGUF header: metadata and tensor table, not tensor data.
type File struct {
	Version uint32
	KV      map[string]any
	Keys    []string // metadata keys in file order
	Tensors []TensorInfo
	// DataOffset is where tensor data starts in the file (aligned);
	// TensorInfo.Offset is relative to it.
	DataOffset uint64
}

// TensorInfo describes one tensor of a File.
type TensorInfo struct {
	Name   string
	Dims   []uint64
	Type   TensorType
	Offset uint64 // relative to File.DataOffset
}
