package wire

import (
	"fmt"
	"math"
	"strconv"
	"testing"
)

func TestAppendMicros(t *testing.T) {
	for _, c := range []struct {
		us   int64
		want string
	}{
		{0, "0.000000"},
		{1, "0.000001"},
		{999999, "0.999999"},
		{1000000, "1.000000"},
		{1796229910701093, "1796229910.701093"},
		{-5, "0.000000"},
		{9223372036854775807, "9223372036854.775807"},
	} {
		if got := string(appendMicros([]byte("x"), c.us)); got != "x"+c.want {
			t.Errorf("appendMicros(%d) = %q, want %q", c.us, got, "x"+c.want)
		}
	}
}

// TestAppendMicrosDigits holds appendMicros against strconv at every number
// of digits and around every power of ten.
func TestAppendMicrosDigits(t *testing.T) {
	for p := int64(1); p > 0 && p <= math.MaxInt64/10; p *= 10 {
		for _, us := range []int64{p - 1, p, p + 1, 3 * p, 10*p - 1} {
			want := strconv.FormatInt(us/1e6, 10) + "." + fmt.Sprintf("%06d", us%1e6)
			if got := string(appendMicros(nil, us)); got != want {
				t.Errorf("appendMicros(%d) = %q, want %q", us, got, want)
			}
		}
	}
	for x := uint64(0); x < 1<<20; x = x*3 + 1 {
		if got, want := decimalLen(x), len(strconv.FormatUint(x, 10)); got != want {
			t.Errorf("decimalLen(%d) = %d, want %d", x, got, want)
		}
	}
	if got, want := decimalLen(math.MaxUint64), 20; got != want {
		t.Errorf("decimalLen(MaxUint64) = %d, want %d", got, want)
	}
}

// TestAppendInt holds appendInt against strconv.
func TestAppendInt(t *testing.T) {
	ints := []int64{-1, -9, -10, -100, -1000, math.MaxInt64, math.MinInt64}
	for i := range int64(2000) {
		ints = append(ints, i)
	}
	for _, i := range ints {
		if got, want := string(appendInt([]byte("x"), i)), "x"+strconv.FormatInt(i, 10); got != want {
			t.Errorf("appendInt(%d) = %q, want %q", i, got, want)
		}
	}
}
