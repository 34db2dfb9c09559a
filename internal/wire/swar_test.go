package wire

import "testing"

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
