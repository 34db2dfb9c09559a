package wire

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
	"strconv"
	"unicode/utf8"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/segment"
)

const hexDigits = "0123456789abcdef"

// appendTraceID appends the X-Ray form of a trace ID, 1-<8 hex>-<24 hex>.
func appendTraceID(b []byte, id trace.TraceID) []byte {
	n := len(b)
	b = slices.Grow(b, 35)[:n+35]
	d := b[n : n+35]
	d[0], d[1], d[10] = '1', '-', '-'
	binary.LittleEndian.PutUint64(d[2:], hex8(binary.LittleEndian.Uint32(id[0:])))
	binary.LittleEndian.PutUint64(d[11:], hex8(binary.LittleEndian.Uint32(id[4:])))
	binary.LittleEndian.PutUint64(d[19:], hex8(binary.LittleEndian.Uint32(id[8:])))
	binary.LittleEndian.PutUint64(d[27:], hex8(binary.LittleEndian.Uint32(id[12:])))
	return b
}

// appendSpanID appends a span ID as 16 hex digits.
func appendSpanID(b []byte, id trace.SpanID) []byte {
	n := len(b)
	b = slices.Grow(b, 16)[:n+16]
	binary.LittleEndian.PutUint64(b[n:], hex8(binary.LittleEndian.Uint32(id[0:])))
	binary.LittleEndian.PutUint64(b[n+8:], hex8(binary.LittleEndian.Uint32(id[4:])))
	return b
}

// hex8 returns the 8 lower-case hex digits of 4 bytes, given as a
// little-endian word (the first byte lowest), as a little-endian word of
// characters: each byte's high digit, then its low digit.
func hex8(x uint32) uint64 {
	const lo4 = 0x0f0f0f0f0f0f0f0f
	// Byte k of x to byte 2k of z.
	z := uint64(x)
	z = (z | z<<16) & 0x0000ffff0000ffff
	z = (z | z<<8) & 0x00ff00ff00ff00ff
	// The high digit to byte 2k, the low one to byte 2k+1.
	n := z>>4&lo4 | (z&lo4)<<8
	// Digits of 10 and more are letters: add 'a'-'0'-10 to those.
	letters := (n + 0x0606060606060606) >> 4 & 0x0101010101010101
	return n + 0x3030303030303030 + letters*('a'-'0'-10)
}

// appendString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD,
// control characters are escaped, and at most maxRunes characters are kept
// (maxRunes <= 0 keeps all). The result is always valid JSON and UTF-8.
func appendString(b []byte, s string, maxRunes int) []byte {
	if maxRunes > 0 && len(s) > maxRunes {
		return appendEscaped(b, s, maxRunes)
	}
	// Fast path: printable ASCII is copied as it is, 8 bytes at a time,
	// each word tested as it is copied.
	n := len(b)
	b = slices.Grow(b, len(s)+2)
	d := b[n : n+len(s)+2]
	d[0] = '"'
	switch {
	case len(s) >= 8:
		for i := 0; i+8 < len(s); i += 8 {
			w := load8(s, i)
			if needsEscape8(w) {
				return appendEscaped(b, s, maxRunes)
			}
			binary.LittleEndian.PutUint64(d[1+i:], w)
		}
		w := load8(s, len(s)-8) // the last 8, maybe overlapping
		if needsEscape8(w) {
			return appendEscaped(b, s, maxRunes)
		}
		binary.LittleEndian.PutUint64(d[len(s)-7:], w)
	case len(s) >= 4:
		lo, hi := load4(s, 0), load4(s, len(s)-4)
		if needsEscape8(uint64(lo) | uint64(hi)<<32) {
			return appendEscaped(b, s, maxRunes)
		}
		binary.LittleEndian.PutUint32(d[1:], lo)
		binary.LittleEndian.PutUint32(d[len(s)-3:], hi)
	default:
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
				return appendEscaped(b, s, maxRunes)
			}
			d[1+i] = c
		}
	}
	d[len(s)+1] = '"'
	return b[:n+len(s)+2]
}

// appendEscaped is appendString's slow path: escapes, UTF-8 checks and the
// limit on characters.
func appendEscaped(b []byte, s string, maxRunes int) []byte {
	b = append(b, '"')
	runes := 0
	start := 0
	for i := 0; i < len(s); {
		if maxRunes > 0 && runes == maxRunes {
			b = append(b, s[start:i]...)
			return append(b, '"')
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				runes++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			runes++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			runes++
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			// Valid JSON, but escaped for readers that embed JSON in JavaScript.
			b = append(b, s[start:i]...)
			b = append(b, `\u202`...)
			b = append(b, hexDigits[r&0xf])
			i += size
			runes++
			start = i
			continue
		}
		i += size
		runes++
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// load8 returns s[i:i+8] as a little-endian word.
func load8(s string, i int) uint64 {
	w := s[i : i+8] // one bounds check, then none
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// load4 returns s[i:i+4] as a little-endian word.
func load4(s string, i int) uint32 {
	w := s[i : i+4]
	return uint32(w[0]) | uint32(w[1])<<8 | uint32(w[2])<<16 | uint32(w[3])<<24
}

// needsEscape8 reports whether any of the 8 bytes of x is a control
// character, '"', '\\' or not ASCII (exact, by the usual SWAR tests).
func needsEscape8(x uint64) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	ctrl := (x - lo*0x20) &^ x
	q := x ^ (lo * '"')
	bs := x ^ (lo * '\\')
	return (ctrl|(q-lo)&^q|(bs-lo)&^bs|x)&hi != 0
}

// appendFloat appends f as a JSON value: a number, or a string ("NaN",
// "+Inf", "-Inf") when f is not finite, since JSON has no such numbers.
func appendFloat(b []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(b, `"+Inf"`...)
	case math.IsInf(f, -1):
		return append(b, `"-Inf"`...)
	}
	// The same shape as encoding/json: plain decimals for ordinary
	// magnitudes, exponents for very large or small ones.
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	return strconv.AppendFloat(b, f, format, -1, 64)
}

// appendMicros appends a Unix time in microseconds as seconds with six
// decimals, the form X-Ray expects. Negative times are written as 0.
func appendMicros(b []byte, us int64) []byte {
	if us < 0 {
		us = 0
	}
	sec, frac := uint64(us)/1e6, uint64(us)%1e6
	if 1e9 <= sec && sec < 1e10 {
		// From 2001 to 2286: 10 digits, in independent pairs.
		n := len(b)
		b = slices.Grow(b, 17)[:n+17]
		d := b[n : n+17]
		top := uint32(sec / 1e8)
		rest := uint32(sec - uint64(top)*1e8)
		hi, lo := rest/10000, rest%10000
		f := uint32(frac)
		fhi, flo := f/10000, f%10000
		le := binary.LittleEndian
		le.PutUint16(d[0:], pairWords[uint8(top)])
		le.PutUint16(d[2:], pairWords[uint8(hi/100)])
		le.PutUint16(d[4:], pairWords[uint8(hi%100)])
		le.PutUint16(d[6:], pairWords[uint8(lo/100)])
		le.PutUint16(d[8:], pairWords[uint8(lo%100)])
		d[10] = '.'
		le.PutUint16(d[11:], pairWords[uint8(fhi)])
		le.PutUint16(d[13:], pairWords[uint8(flo/100)])
		le.PutUint16(d[15:], pairWords[uint8(flo%100)])
		return b
	}
	// Right to left, two digits at a time, straight into b.
	n := decimalLen(sec) + 7
	b = slices.Grow(b, n)
	i := len(b) + n
	b = b[:i]
	for range 3 {
		q := frac / 100
		i -= 2
		copy(b[i:i+2], digitPairs[2*(frac-100*q):])
		frac = q
	}
	i--
	b[i] = '.'
	for sec >= 100 {
		q := sec / 100
		i -= 2
		copy(b[i:i+2], digitPairs[2*(sec-100*q):])
		sec = q
	}
	if sec >= 10 {
		copy(b[i-2:i], digitPairs[2*sec:])
	} else {
		b[i-1] = byte('0' + sec)
	}
	return b
}

// digitPairs holds "00" to "99": the two digits of k at 2k.
const digitPairs = "00010203040506070809101112131415161718192021222324252627282930313233343536373839" +
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879" +
	"8081828384858687888990919293949596979899"

// pairWords holds digitPairs as little-endian 16-bit words, indexed by a
// byte so that no index needs a bounds check (100 to 255 are unused).
var pairWords = func() (t [256]uint16) {
	for k := range 100 {
		t[k] = uint16(digitPairs[2*k]) | uint16(digitPairs[2*k+1])<<8
	}
	return t
}()

// decimalLen is the number of decimal digits of x (1 for 0).
func decimalLen(x uint64) int {
	x |= 1                          // 0 has one digit, like 1
	t := bits.Len64(x) * 1233 >> 12 // log10(x) rounded down, or one more
	if x < pow10[t] {
		return t
	}
	return t + 1
}

// pow10 holds the powers of ten an uint64 can hold.
var pow10 = [...]uint64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19}

// appendValue appends an attribute value as JSON. Slices become arrays;
// strings longer than maxRunes are cut (maxRunes <= 0 keeps all).
func appendValue(b []byte, v attribute.Value, maxRunes int) []byte {
	switch v.Type() {
	case attribute.BOOL:
		return strconv.AppendBool(b, v.AsBool())
	case attribute.INT64:
		return appendInt(b, v.AsInt64())
	case attribute.FLOAT64:
		return appendFloat(b, v.AsFloat64())
	case attribute.STRING:
		return appendString(b, v.AsString(), maxRunes)
	case attribute.BOOLSLICE:
		return appendArray(b, v.AsBoolSlice(), strconv.AppendBool)
	case attribute.INT64SLICE:
		return appendArray(b, v.AsInt64Slice(), appendInt)
	case attribute.FLOAT64SLICE:
		return appendArray(b, v.AsFloat64Slice(), appendFloat)
	case attribute.STRINGSLICE:
		return appendArray(b, v.AsStringSlice(), func(b []byte, s string) []byte { return appendString(b, s, maxRunes) })
	default:
		// Types added to OTel after this code was written: their string form.
		return appendString(b, v.String(), maxRunes)
	}
}

// appendPrimitive appends a string, number or bool, cutting strings to
// maxRunes. Slices and other types are written as their string form.
func appendPrimitive(b []byte, v attribute.Value, maxRunes int) []byte {
	switch v.Type() {
	case attribute.BOOL, attribute.INT64, attribute.FLOAT64:
		return appendValue(b, v, 0)
	case attribute.STRING:
		return appendString(b, v.AsString(), maxRunes)
	default:
		return appendString(b, v.String(), maxRunes)
	}
}

// appendArray appends xs as a JSON array, each element by appendElem.
func appendArray[T any](b []byte, xs []T, appendElem func([]byte, T) []byte) []byte {
	b = append(b, '[')
	for i, x := range xs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendElem(b, x)
	}
	return append(b, ']')
}

// appendInt appends i in decimal, as strconv.AppendInt does; numbers below
// 1,000 (status codes, counts, retries) without a call.
func appendInt(b []byte, i int64) []byte {
	switch u := uint64(i); {
	case u < 10:
		return append(b, byte('0'+u))
	case u < 100:
		return append(b, digitPairs[2*u], digitPairs[2*u+1])
	case u < 1000:
		q := u / 100
		r := u - 100*q
		return append(b, byte('0'+q), digitPairs[2*r], digitPairs[2*r+1])
	}
	return strconv.AppendInt(b, i, 10)
}

// appendShortString appends s as a JSON string cut to MaxStringLen.
func appendShortString(b []byte, s string) []byte { return appendString(b, s, segment.MaxStringLen) }
