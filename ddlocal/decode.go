package ddlocal

import (
	"errors"
	"fmt"
	"time"

	"github.com/tinylib/msgp/msgp"
)

// decodePayload decodes a v0.4 payload (a msgpack array of traces, each an
// array of span maps) as the Datadog Agent reads it: unknown keys are
// skipped, nil stands for an empty value, and integers may come signed or
// unsigned. Every length is checked against the bytes left before anything
// is allocated, so a hostile payload cannot make it allocate more than its
// own size allows.
func decodePayload(b []byte) ([][]Span, error) {
	n, b, err := readArrayHeader(b, "the payload")
	if err != nil {
		return nil, err
	}
	traces := make([][]Span, 0, n)
	for i := range n {
		var m uint32
		if m, b, err = readArrayHeader(b, fmt.Sprintf("trace %d", i)); err != nil {
			return nil, err
		}
		spans := make([]Span, 0, m)
		for j := range m {
			var s Span
			if s, b, err = decodeSpan(b); err != nil {
				return nil, fmt.Errorf("trace %d, span %d: %w", i, j, err)
			}
			spans = append(spans, s)
		}
		traces = append(traces, spans)
	}
	if len(b) != 0 {
		return nil, fmt.Errorf("%d bytes after the payload's array", len(b))
	}
	return traces, nil
}

// readArrayHeader reads an array header whose length the bytes left can
// hold (each element takes at least one byte).
func readArrayHeader(b []byte, what string) (uint32, []byte, error) {
	if len(b) > 0 && msgp.NextType(b) == msgp.NilType {
		b, err := msgp.ReadNilBytes(b)
		return 0, b, err
	}
	n, o, err := msgp.ReadArrayHeaderBytes(b)
	if err != nil {
		return 0, b, fmt.Errorf("%s is not a msgpack array: %w", what, err)
	}
	if int(n) > len(o) {
		return 0, b, fmt.Errorf("%s claims %d elements in %d bytes", what, n, len(o))
	}
	return n, o, nil
}

// readMapHeader reads a map header whose length the bytes left can hold.
func readMapHeader(b []byte, what string) (uint32, []byte, error) {
	if len(b) > 0 && msgp.NextType(b) == msgp.NilType {
		b, err := msgp.ReadNilBytes(b)
		return 0, b, err
	}
	n, o, err := msgp.ReadMapHeaderBytes(b)
	if err != nil {
		return 0, b, fmt.Errorf("%s is not a msgpack map: %w", what, err)
	}
	if int(n)*2 > len(o) {
		return 0, b, fmt.Errorf("%s claims %d entries in %d bytes", what, n, len(o))
	}
	return n, o, nil
}

func decodeSpan(b []byte) (s Span, o []byte, err error) {
	n, b, err := readMapHeader(b, "the span")
	if err != nil {
		return s, b, err
	}
	var start, dur int64
	for range n {
		var key string
		if key, b, err = readString(b); err != nil {
			return s, b, fmt.Errorf("a key: %w", err)
		}
		switch key {
		case "service":
			s.Service, b, err = readString(b)
		case "name":
			s.Name, b, err = readString(b)
		case "resource":
			s.Resource, b, err = readString(b)
		case "type":
			s.Type, b, err = readString(b)
		case "trace_id":
			s.TraceID, b, err = readUint(b)
		case "span_id":
			s.SpanID, b, err = readUint(b)
		case "parent_id":
			s.ParentID, b, err = readUint(b)
		case "start":
			start, b, err = readInt(b)
		case "duration":
			dur, b, err = readInt(b)
		case "error":
			var e int64
			e, b, err = readInt(b)
			s.Error = e != 0
		case "meta":
			s.Meta, b, err = readStrings(b)
		case "metrics":
			s.Metrics, b, err = readFloats(b)
		case "span_links":
			s.Links, b, err = readLinks(b)
		default:
			b, err = msgp.Skip(b)
		}
		if err != nil {
			return s, b, fmt.Errorf("%s: %w", key, err)
		}
	}
	s.Start, s.Duration = time.Unix(0, start), time.Duration(dur)
	return s, b, nil
}

func readLinks(b []byte) ([]Link, []byte, error) {
	n, b, err := readArrayHeader(b, "span_links")
	if err != nil {
		return nil, b, err
	}
	links := make([]Link, 0, n)
	for range n {
		var m uint32
		if m, b, err = readMapHeader(b, "a span link"); err != nil {
			return nil, b, err
		}
		var l Link
		for range m {
			var key string
			if key, b, err = readString(b); err != nil {
				return nil, b, err
			}
			switch key {
			case "trace_id":
				l.TraceID, b, err = readUint(b)
			case "trace_id_high":
				l.TraceIDHigh, b, err = readUint(b)
			case "span_id":
				l.SpanID, b, err = readUint(b)
			case "attributes":
				l.Attributes, b, err = readStrings(b)
			case "tracestate":
				l.Tracestate, b, err = readString(b)
			case "flags":
				var f uint64
				f, b, err = readUint(b)
				l.Flags = uint32(f)
			default:
				b, err = msgp.Skip(b)
			}
			if err != nil {
				return nil, b, fmt.Errorf("span link %s: %w", key, err)
			}
		}
		links = append(links, l)
	}
	return links, b, nil
}

func readStrings(b []byte) (map[string]string, []byte, error) {
	n, b, err := readMapHeader(b, "the map")
	if err != nil || n == 0 {
		return nil, b, err
	}
	m := make(map[string]string, n)
	for range n {
		var k, v string
		if k, b, err = readString(b); err != nil {
			return nil, b, err
		}
		if v, b, err = readString(b); err != nil {
			return nil, b, fmt.Errorf("%s: %w", k, err)
		}
		m[k] = v
	}
	return m, b, nil
}

func readFloats(b []byte) (map[string]float64, []byte, error) {
	n, b, err := readMapHeader(b, "the map")
	if err != nil || n == 0 {
		return nil, b, err
	}
	m := make(map[string]float64, n)
	for range n {
		var k string
		var v float64
		if k, b, err = readString(b); err != nil {
			return nil, b, err
		}
		if v, b, err = readFloat(b); err != nil {
			return nil, b, fmt.Errorf("%s: %w", k, err)
		}
		m[k] = v
	}
	return m, b, nil
}

func readString(b []byte) (string, []byte, error) {
	if len(b) == 0 {
		return "", b, msgp.ErrShortBytes
	}
	switch msgp.NextType(b) {
	case msgp.NilType:
		b, err := msgp.ReadNilBytes(b)
		return "", b, err
	case msgp.BinType:
		v, o, err := msgp.ReadBytesZC(b)
		return string(v), o, err
	}
	return msgp.ReadStringBytes(b)
}

var errNegative = errors.New("a negative number where an unsigned one belongs")

func readUint(b []byte) (uint64, []byte, error) {
	if len(b) == 0 {
		return 0, b, msgp.ErrShortBytes
	}
	switch msgp.NextType(b) {
	case msgp.NilType:
		b, err := msgp.ReadNilBytes(b)
		return 0, b, err
	case msgp.IntType:
		v, o, err := msgp.ReadInt64Bytes(b)
		if err == nil && v < 0 {
			err = errNegative
		}
		return uint64(v), o, err
	}
	return msgp.ReadUint64Bytes(b)
}

func readInt(b []byte) (int64, []byte, error) {
	if len(b) == 0 {
		return 0, b, msgp.ErrShortBytes
	}
	switch msgp.NextType(b) {
	case msgp.NilType:
		b, err := msgp.ReadNilBytes(b)
		return 0, b, err
	case msgp.UintType:
		v, o, err := msgp.ReadUint64Bytes(b)
		return int64(v), o, err // a duration past 292 years wraps; it is only shown
	}
	return msgp.ReadInt64Bytes(b)
}

func readFloat(b []byte) (float64, []byte, error) {
	if len(b) == 0 {
		return 0, b, msgp.ErrShortBytes
	}
	switch msgp.NextType(b) {
	case msgp.IntType:
		v, o, err := msgp.ReadInt64Bytes(b)
		return float64(v), o, err
	case msgp.UintType:
		v, o, err := msgp.ReadUint64Bytes(b)
		return float64(v), o, err
	case msgp.Float32Type:
		v, o, err := msgp.ReadFloat32Bytes(b)
		return float64(v), o, err
	case msgp.NilType:
		b, err := msgp.ReadNilBytes(b)
		return 0, b, err
	}
	return msgp.ReadFloat64Bytes(b)
}
