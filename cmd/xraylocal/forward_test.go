package main

import (
	"bytes"
	"context"
	"net"
	"strconv"
	"strings"
	"testing"
)

// TestForwardToItself: -forward to the address xraylocal listens on would
// relay every datagram to itself forever; the command refuses to start.
func TestForwardToItself(t *testing.T) {
	c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(c.LocalAddr().(*net.UDPAddr).Port)
	c.Close()
	for _, listen := range []string{"127.0.0.1:" + port, "0.0.0.0:" + port} {
		args := []string{"-listen", listen, "-http", "off", "-forward", "udp:127.0.0.1:" + port}
		var stderr bytes.Buffer
		err := run(context.Background(), args, &bytes.Buffer{}, &stderr, noEnv, nil)
		if err == nil || !strings.Contains(err.Error(), "relayed to itself forever") {
			t.Errorf("%q: err %v, want a refusal", args, err)
		}
	}
}
