package xraylocal

import (
	"fmt"
	"net"
	"net/netip"
)

// checkForwardLoop returns an error when datagrams sent to fwd would come
// back to the socket bound at listen: the same address and port, or a
// wildcard listen address (0.0.0.0, ::) and a forward to a loopback
// address or an address of this host on the same port. Relaying to
// oneself repeats every datagram forever.
func checkForwardLoop(listen, fwd *net.UDPAddr, local []netip.Addr) error {
	if forwardLoops(addrPort(listen), addrPort(fwd), local) {
		return fmt.Errorf("xraylocal: the forward address %s is xraylocal's own listen address %s: every datagram would be relayed to itself forever; forward to the real daemon on another port (e.g. -listen 127.0.0.1:2000 -forward udp:127.0.0.1:3000)", fwd, listen)
	}
	return nil
}

// forwardLoops reports whether a datagram sent to fwd reaches a socket
// bound to listen; local are the host's own addresses.
func forwardLoops(listen, fwd netip.AddrPort, local []netip.Addr) bool {
	if listen.Port() != fwd.Port() {
		return false
	}
	l, f := listen.Addr().Unmap(), fwd.Addr().Unmap()
	if l == f {
		return true
	}
	if !l.IsUnspecified() {
		return false
	}
	if f.IsLoopback() || f.IsUnspecified() {
		return true
	}
	for _, a := range local {
		if a.Unmap() == f {
			return true
		}
	}
	return false
}

func addrPort(a *net.UDPAddr) netip.AddrPort {
	ap := a.AddrPort()
	if !ap.Addr().IsValid() {
		// A nil IP is the wildcard.
		ap = netip.AddrPortFrom(netip.IPv6Unspecified(), ap.Port())
	}
	return ap
}

// localAddrs returns the addresses of the host's interfaces.
func localAddrs() []netip.Addr {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var out []netip.Addr
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok {
			if ip, ok := netip.AddrFromSlice(n.IP); ok {
				out = append(out, ip.Unmap())
			}
		}
	}
	return out
}
