package daemonaddr

import (
	"net"
	"net/netip"
)

// UDPAddr resolves a host:port, as net.ResolveUDPAddr("udp", hp) does, without
// the resolver when the host is an IP address (the daemon's in Lambda is):
// a cold start should not pay for the resolver's setup to learn what the
// address already says. Host names and service names go to
// net.ResolveUDPAddr.
func UDPAddr(hp string) (*net.UDPAddr, error) {
	if ap, err := netip.ParseAddrPort(hp); err == nil {
		ip := ap.Addr().As16() // the resolver's form, IPv4 addresses too
		return &net.UDPAddr{IP: ip[:], Port: int(ap.Port()), Zone: ap.Addr().Zone()}, nil
	}
	return net.ResolveUDPAddr("udp", hp)
}
