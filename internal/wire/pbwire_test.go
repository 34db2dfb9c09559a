package wire

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

// pbCase is one value written by both the package's appenders and
// protowire's.
type pbCase struct {
	field fieldNum
	u64   uint64
	u32   uint32
	data  []byte
	flag  bool
}

// pbOurs writes c with the package's appenders, each wire type in turn,
// after a non-empty prefix (appenders must append, not overwrite).
func pbOurs(c pbCase) ([]byte, int) {
	b := []byte{0xAA}
	b = appendTag(b, c.field, varintType)
	b = appendVarint(b, c.u64)
	b = appendTag(b, c.field, fixed64Type)
	b = appendFixed64(b, c.u64)
	b = appendTag(b, c.field, fixed32Type)
	b = appendFixed32(b, c.u32)
	b = appendTag(b, c.field, bytesType)
	b = appendLenBytes(b, c.data)
	b = appendTag(b, c.field, bytesType)
	b = appendLenString(b, string(c.data))
	b = appendVarint(b, encodeBool(c.flag))
	return b, sizeVarint(c.u64)
}

// pbTheirs writes c the same way with protowire.
func pbTheirs(c pbCase) ([]byte, int) {
	n := protowire.Number(c.field)
	b := []byte{0xAA}
	b = protowire.AppendTag(b, n, protowire.VarintType)
	b = protowire.AppendVarint(b, c.u64)
	b = protowire.AppendTag(b, n, protowire.Fixed64Type)
	b = protowire.AppendFixed64(b, c.u64)
	b = protowire.AppendTag(b, n, protowire.Fixed32Type)
	b = protowire.AppendFixed32(b, c.u32)
	b = protowire.AppendTag(b, n, protowire.BytesType)
	b = protowire.AppendBytes(b, c.data)
	b = protowire.AppendTag(b, n, protowire.BytesType)
	b = protowire.AppendString(b, string(c.data))
	b = protowire.AppendVarint(b, protowire.EncodeBool(c.flag))
	return b, protowire.SizeVarint(c.u64)
}

func checkPB(t *testing.T, c pbCase) {
	t.Helper()
	got, gotSize := pbOurs(c)
	want, wantSize := pbTheirs(c)
	if !bytes.Equal(got, want) {
		t.Fatalf("%+v:\n got % x\nwant % x", c, got, want)
	}
	if gotSize != wantSize {
		t.Fatalf("sizeVarint(%d) = %d, protowire says %d", c.u64, gotSize, wantSize)
	}
}

func TestPBWireMatchesProtowire(t *testing.T) {
	long := bytes.Repeat([]byte("x"), 300)
	cases := []struct {
		name string
		c    pbCase
	}{
		{"zero", pbCase{field: 1}},
		{"one byte varint", pbCase{field: 15, u64: 0x7F, u32: 0x7F, data: []byte("a"), flag: true}},
		{"two byte varint", pbCase{field: 16, u64: 0x80, u32: 0x80, data: long[:127]}},
		{"length needs two bytes", pbCase{field: 2047, u64: 0x3FFF, u32: 0x100, data: long[:128]}},
		{"three byte length", pbCase{field: 2048, u64: 0x4000, data: long}},
		{"max field", pbCase{field: fieldNum(protowire.MaxValidNumber), u64: 1 << 35, u32: 1 << 31}},
		{"negative int64", pbCase{field: fAnyInt, u64: uint64(math.MaxUint64 - 4), u32: math.MaxUint32}},
		{"max uint64", pbCase{field: fSpanStart, u64: math.MaxUint64, u32: math.MaxUint32}},
		{"float bits", pbCase{field: fAnyDouble, u64: math.Float64bits(-1.5)}},
		{"empty data", pbCase{field: fAnyString, u64: 1 << 63, data: []byte{}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { checkPB(t, tc.c) })
	}
}

func TestPBWireRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(20, 1))
	for range 20000 {
		// Spread values over every varint length, not just the long ones.
		u := r.Uint64() >> r.UintN(64)
		data := make([]byte, r.IntN(400))
		for i := range data {
			data[i] = byte(r.Uint32())
		}
		checkPB(t, pbCase{
			field: fieldNum(1 + r.Int32N(int32(protowire.MaxValidNumber))),
			u64:   u,
			u32:   r.Uint32(),
			data:  data,
			flag:  r.IntN(2) == 1,
		})
	}
}

func TestPBWireSizeVarintEveryLength(t *testing.T) {
	for shift := range 64 {
		for _, v := range []uint64{1<<shift - 1, 1 << shift, 1<<shift + 1} {
			if got, want := sizeVarint(v), protowire.SizeVarint(v); got != want {
				t.Errorf("sizeVarint(%#x) = %d, protowire says %d", v, got, want)
			}
		}
	}
}

func FuzzPBWire(f *testing.F) {
	f.Add(int32(1), uint64(0), uint32(0), []byte(nil), false)
	f.Add(int32(16), uint64(math.MaxUint64), uint32(math.MaxUint32), []byte("span"), true)
	f.Add(int32(protowire.MaxValidNumber), uint64(300), uint32(1<<16), bytes.Repeat([]byte{0}, 200), false)
	f.Fuzz(func(t *testing.T, field int32, u64 uint64, u32 uint32, data []byte, flag bool) {
		if n := protowire.Number(field); n < protowire.MinValidNumber || n > protowire.MaxValidNumber {
			return // the encoder only writes valid field numbers
		}
		checkPB(t, pbCase{field: fieldNum(field), u64: u64, u32: u32, data: data, flag: flag})
	})
}

// TestCloseMsgMatchesProtowire checks that a message opened with a one-byte
// length and closed after its body gets bigger is the same as protowire's
// length-prefixed bytes, for bodies whose length takes one to three bytes.
func TestCloseMsgMatchesProtowire(t *testing.T) {
	for _, n := range []int{0, 1, 127, 128, 129, 16383, 16384, 70000} {
		body := bytes.Repeat([]byte{0x5A}, n)
		b, start := openMsg([]byte{0xAA}, fSpanAttributes)
		b = append(b, body...)
		got := closeMsg(b, start)
		want := protowire.AppendTag([]byte{0xAA}, fSpanAttributes, protowire.BytesType)
		want = protowire.AppendBytes(want, body)
		if !bytes.Equal(got, want) {
			t.Errorf("body of %d bytes: the message differs from protowire's", n)
		}
	}
}
