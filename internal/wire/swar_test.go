package wire

import (
	"encoding/hex"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/segment"
)

// TestNeedsEscape8 compares the word test with the byte test for every byte
// value at every position, among ordinary bytes.
func TestNeedsEscape8(t *testing.T) {
	for pos := range 8 {
		for c := range 256 {
			w := []byte("abcdefgh")
			w[pos] = byte(c)
			want := c < 0x20 || c == '"' || c == '\\' || c >= 0x80
			if got := needsEscape8(load8(string(w), 0)); got != want {
				t.Fatalf("byte %#x at %d: needsEscape8 = %v, want %v", c, pos, got, want)
			}
		}
	}
}

// TestNeedsEscape8Words compares the two tests on words mixing bytes of
// every kind (borrows between bytes must not change the answer).
func TestNeedsEscape8Words(t *testing.T) {
	kinds := []byte{0, 0x1f, 0x20, '!', '"', '#', '[', '\\', ']', 'a', 0x7f, 0x80, 0xff}
	w := make([]byte, 8)
	for n := range 200000 {
		m, want := n, false
		for i := range w {
			w[i] = kinds[m%len(kinds)]
			m /= len(kinds)
			want = want || w[i] < 0x20 || w[i] == '"' || w[i] == '\\' || w[i] >= 0x80
		}
		if got := needsEscape8(load8(string(w), 0)); got != want {
			t.Fatalf("%q: needsEscape8 = %v, want %v", w, got, want)
		}
	}
}

// TestAppendStringFastPath holds appendString against its slow path for
// every length up to 40 with every kind of byte at every position.
func TestAppendStringFastPath(t *testing.T) {
	kinds := []byte{0, 0x1f, ' ', '"', '\\', 'a', 0x7f, 0x80, 0xe2, 0xff}
	for n := range 41 {
		plain := make([]byte, n)
		for i := range plain {
			plain[i] = 'a' + byte(i%26)
		}
		check := func(s string) {
			for _, max := range []int{0, n, n + 1} {
				got := appendString([]byte("x"), s, max)
				want := appendEscaped([]byte("x"), s, max)
				if string(got) != string(want) {
					t.Fatalf("appendString(%q, %d) = %q, want %q", s, max, got, want)
				}
			}
		}
		check(string(plain))
		for pos := range n {
			for _, c := range kinds {
				w := append([]byte(nil), plain...)
				w[pos] = c
				check(string(w))
			}
		}
	}
}

// TestHexIDs holds the word-at-a-time hex of span and trace IDs against
// encoding/hex for every byte value at every position.
func TestHexIDs(t *testing.T) {
	for pos := range 16 {
		for c := range 256 {
			var tid trace.TraceID
			for i := range tid {
				tid[i] = byte(i*37 + 11)
			}
			tid[pos] = byte(c)
			want := "x1-" + hex.EncodeToString(tid[:4]) + "-" + hex.EncodeToString(tid[4:])
			if got := string(appendTraceID([]byte("x"), tid)); got != want {
				t.Fatalf("appendTraceID(%x) = %q, want %q", tid, got, want)
			}
			var sid trace.SpanID
			copy(sid[:], tid[pos/2:])
			if got, want := string(appendSpanID([]byte("x"), sid)), "x"+hex.EncodeToString(sid[:]); got != want {
				t.Fatalf("appendSpanID(%x) = %q, want %q", sid, got, want)
			}
		}
	}
}

// FuzzAppendString holds appendString's word-at-a-time fast path against
// its slow path, and plainName against segment.SanitizeName.
func FuzzAppendString(f *testing.F) {
	f.Add("DynamoDB", 0)
	f.Add("0123456789abcdef\"x", 16)
	f.Add("é\u2028\x00", 2)
	f.Fuzz(func(t *testing.T, s string, max int) {
		if got, want := appendString([]byte("x"), s, max), appendEscaped([]byte("x"), s, max); string(got) != string(want) {
			t.Fatalf("appendString(%q, %d) = %q, want %q", s, max, got, want)
		}
		if plainName(s) {
			if got := segment.SanitizeName(s); got != s {
				t.Fatalf("plainName(%q) but SanitizeName gives %q", s, got)
			}
			if got, want := string(appendString(nil, s, segment.MaxNameLen)), `"`+s+`"`; got != want {
				t.Fatalf("plainName(%q) but appendString gives %s", s, got)
			}
		}
	})
}

// TestIsASCII holds isASCII against a byte loop for every length up to 24
// with every kind of byte at every position.
func TestIsASCII(t *testing.T) {
	for n := range 25 {
		for pos := range max(n, 1) {
			for _, c := range []byte{'a', 0x00, 0x7f, 0x80, 0xc3, 0xff} {
				s := []byte(strings.Repeat("k", n))
				if n > 0 {
					s[pos] = c
				}
				want := true
				for _, b := range s {
					want = want && b < 0x80
				}
				if got := isASCII(string(s)); got != want {
					t.Fatalf("isASCII(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
}
