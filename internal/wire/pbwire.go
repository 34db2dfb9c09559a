package wire

// The protobuf wire format, only as much as the OTLP encoder writes (see
// https://protobuf.dev/programming-guides/encoding/). Written here rather
// than taken from google.golang.org/protobuf/encoding/protowire so that
// binaries linking the exporter do not link the protobuf module, whose
// internal packages open and hash the executable at init. The tests hold
// these appenders byte for byte against protowire's.

// fieldNum is a protobuf field number.
type fieldNum int32

// wireType is a protobuf wire type.
type wireType int8

const (
	varintType  wireType = 0
	fixed64Type wireType = 1
	bytesType   wireType = 2
	fixed32Type wireType = 5
)

// appendTag appends the key of field f with wire type t.
func appendTag(b []byte, f fieldNum, t wireType) []byte {
	return appendVarint(b, uint64(f)<<3|uint64(t&7))
}

// appendVarint appends v as a base-128 varint, least significant group
// first. The one-byte case is inlined (every tag the encoder writes and most
// lengths); longer varints take a call, which keeps the encoder small.
func appendVarint(b []byte, v uint64) []byte {
	if v < 0x80 {
		return append(b, byte(v))
	}
	return appendVarintLong(b, v)
}

//go:noinline
func appendVarintLong(b []byte, v uint64) []byte {
	for v >= 0x80 {
		b = append(b, byte(v)|0x80)
		v >>= 7
	}
	return append(b, byte(v))
}

// sizeVarint returns how many bytes appendVarint writes for v (1 to 10).
func sizeVarint(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

// appendFixed64 appends v as 8 little-endian bytes.
func appendFixed64(b []byte, v uint64) []byte {
	return append(b,
		byte(v), byte(v>>8), byte(v>>16), byte(v>>24),
		byte(v>>32), byte(v>>40), byte(v>>48), byte(v>>56))
}

// appendFixed32 appends v as 4 little-endian bytes.
func appendFixed32(b []byte, v uint32) []byte {
	return append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24))
}

// appendLenString appends s with its varint length in front.
func appendLenString(b []byte, s string) []byte {
	return append(appendVarint(b, uint64(len(s))), s...)
}

// appendLenBytes appends v with its varint length in front.
func appendLenBytes(b []byte, v []byte) []byte {
	return append(appendVarint(b, uint64(len(v))), v...)
}

// encodeBool returns the varint value of a bool: 1 for true, 0 for false.
func encodeBool(x bool) uint64 {
	if x {
		return 1
	}
	return 0
}
