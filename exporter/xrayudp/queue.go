package xrayudp

import (
	"bytes"
	"encoding/binary"
	"net"
	"os"
	"strconv"
)

// receiverQueue returns how many bytes wait in the receive queue of the
// socket bound to addr, when that socket is on this host (Linux, same
// network namespace: the daemon in Lambda, or xraylocal). It reads what
// `ss -u` shows, from /proc/net/udp and udp6; ok is false anywhere else.
// UDP gives the sender no other sign that a receiver falls behind.
func receiverQueue(addr *net.UDPAddr) (queued int, ok bool) {
	if addr == nil {
		return 0, false
	}
	for _, table := range []string{"/proc/net/udp", "/proc/net/udp6"} {
		b, err := os.ReadFile(table)
		if err != nil {
			continue
		}
		if q, ok := findQueue(b, addr); ok {
			return q, true
		}
	}
	return 0, false
}

// findQueue scans one /proc/net/udp table for a socket bound to addr's
// port and to addr's IP or to any address, and returns its rx_queue.
func findQueue(table []byte, addr *net.UDPAddr) (int, bool) {
	for _, line := range bytes.Split(table, []byte("\n"))[1:] {
		f := bytes.Fields(line)
		if len(f) < 5 {
			continue
		}
		ip, port, ok := parseProcAddr(f[1])
		if !ok || port != addr.Port || !(ip.Equal(addr.IP) || ip.IsUnspecified()) {
			continue
		}
		_, rx, found := bytes.Cut(f[4], []byte(":"))
		n, err := strconv.ParseUint(string(rx), 16, 32)
		if found && err == nil {
			return int(n), true
		}
	}
	return 0, false
}

// parseProcAddr parses "0100007F:07D0": the address as 32-bit words in the
// host's byte order, then the port, in hex.
func parseProcAddr(s []byte) (net.IP, int, bool) {
	h, p, ok := bytes.Cut(s, []byte(":"))
	if !ok || (len(h) != 8 && len(h) != 32) {
		return nil, 0, false
	}
	port, err := strconv.ParseUint(string(p), 16, 16)
	if err != nil {
		return nil, 0, false
	}
	ip := make(net.IP, len(h)/2)
	for w := 0; w < len(h); w += 8 {
		v, err := strconv.ParseUint(string(h[w:w+8]), 16, 32)
		if err != nil {
			return nil, 0, false
		}
		binary.NativeEndian.PutUint32(ip[w/2:], uint32(v))
	}
	return ip, int(port), true
}
