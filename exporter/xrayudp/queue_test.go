package xrayudp

import (
	"net"
	"testing"
	"time"
)

func TestReceiverQueue(t *testing.T) {
	c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	addr := c.LocalAddr().(*net.UDPAddr)
	if _, ok := receiverQueue(addr); !ok {
		t.Skip("no /proc/net/udp here")
	}
	w, err := net.DialUDP("udp", nil, addr)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for range 10 {
		if _, err := w.Write(make([]byte, 1000)); err != nil {
			t.Fatal(err)
		}
	}
	// Nothing reads c: its queue holds the 10 datagrams (charged with overhead).
	for start := time.Now(); time.Since(start) < 5*time.Second; time.Sleep(time.Millisecond) {
		if q, _ := receiverQueue(addr); q >= 10_000 {
			return
		}
	}
	q, ok := receiverQueue(addr)
	t.Errorf("queue %d, %v; want at least 10,000 bytes", q, ok)
}

func TestFindQueue(t *testing.T) {
	table := []byte(`   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
 8111: 0100007F:07D0 00000000:0000 07 00000000:00003400 00:00000000 00000000     0        0 286422 2 00000000d2999d21 0
 8112: 00000000:07D1 00000000:0000 07 00000000:00000010 00:00000000 00000000     0        0 286422 2 00000000d2999d21 0
 bad line
`)
	tests := []struct {
		addr string
		want int
		ok   bool
	}{
		{"127.0.0.1:2000", 0x3400, true},
		{"10.0.0.1:2001", 0x10, true}, // bound to any address
		{"10.0.0.1:2000", 0, false},
		{"127.0.0.1:2002", 0, false},
	}
	for _, tc := range tests {
		a, _ := net.ResolveUDPAddr("udp", tc.addr)
		if got, ok := findQueue(table, a); got != tc.want || ok != tc.ok {
			t.Errorf("findQueue(%s) = %d, %v; want %d, %v", tc.addr, got, ok, tc.want, tc.ok)
		}
	}
}
