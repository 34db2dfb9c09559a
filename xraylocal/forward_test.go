package xraylocal

import (
	"net"
	"net/netip"
	"strconv"
	"strings"
	"testing"
)

func TestForwardLoops(t *testing.T) {
	local := []netip.Addr{netip.MustParseAddr("10.1.2.3"), netip.MustParseAddr("fe80::1")}
	for _, c := range []struct {
		listen, fwd string
		loops       bool
	}{
		{"127.0.0.1:2000", "127.0.0.1:2000", true},
		{"127.0.0.1:2000", "127.0.0.1:3000", false},
		{"127.0.0.1:2000", "127.0.0.2:2000", false},
		{"[::1]:2000", "[::1]:2000", true},
		{"[::ffff:127.0.0.1]:2000", "127.0.0.1:2000", true},
		{"0.0.0.0:2000", "127.0.0.1:2000", true},
		{"0.0.0.0:2000", "127.9.9.9:2000", true},
		{"[::]:2000", "[::1]:2000", true},
		{"[::]:2000", "127.0.0.1:2000", true},
		{"0.0.0.0:2000", "0.0.0.0:2000", true},
		{"0.0.0.0:2000", "10.1.2.3:2000", true},
		{"0.0.0.0:2000", "[fe80::1]:2000", true},
		{"0.0.0.0:2000", "10.1.2.4:2000", false},
		{"0.0.0.0:2000", "127.0.0.1:2001", false},
		{"10.1.2.3:2000", "127.0.0.1:2000", false},
	} {
		got := forwardLoops(netip.MustParseAddrPort(c.listen), netip.MustParseAddrPort(c.fwd), local)
		if got != c.loops {
			t.Errorf("forwardLoops(%s, %s) = %v, want %v", c.listen, c.fwd, got, c.loops)
		}
	}
}

// TestForwardToItselfRefused starts servers that would relay to
// themselves: Start fails, with an error that says why.
func TestForwardToItselfRefused(t *testing.T) {
	// A free port, for the wildcard case.
	c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	port := c.LocalAddr().(*net.UDPAddr).AddrPort().Port()
	c.Close()
	for _, listen := range []string{"127.0.0.1:" + strconv.Itoa(int(port)), "0.0.0.0:" + strconv.Itoa(int(port))} {
		for _, fwd := range []string{"udp:127.0.0.1:" + strconv.Itoa(int(port)), "localhost:" + strconv.Itoa(int(port))} {
			srv, err := Start(WithUDPAddr(listen), WithForward(fwd))
			if err == nil {
				srv.Close()
				t.Errorf("listen %s, forward %s: started", listen, fwd)
				continue
			}
			if !strings.Contains(err.Error(), "relayed to itself") {
				t.Errorf("listen %s, forward %s: %v", listen, fwd, err)
			}
		}
	}
}
