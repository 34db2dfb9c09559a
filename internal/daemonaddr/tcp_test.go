package daemonaddr

import "testing"

func TestTCP(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"127.0.0.1:2000", "127.0.0.1:2000"},
		{"udp:127.0.0.1:2000 tcp:127.0.0.2:2001", "127.0.0.2:2001"},
		{"tcp:10.0.0.1:3000 udp:127.0.0.1:2000", "10.0.0.1:3000"},
		{"udp:127.0.0.1:2000", ""},
		{"tcp:127.0.0.1:2000", ""},
		{"nonsense", ""},
	} {
		got, err := TCP(c.in)
		if got != c.want || (err != nil) != (c.want == "") {
			t.Errorf("TCP(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}
