package wire

import "testing"

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
