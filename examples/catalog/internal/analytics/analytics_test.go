package analytics

import (
	"context"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// TestDogStatsD: Handle counts the event under its detail-type, and the
// DogStatsD counter sends it as one datagram.
func TestDogStatsD(t *testing.T) {
	ln, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	t.Setenv("DD_AGENT_HOST", "127.0.0.1")
	t.Setenv("DD_DOGSTATSD_PORT", strconv.Itoa(ln.LocalAddr().(*net.UDPAddr).Port))
	count, err := DogStatsD()
	if err != nil {
		t.Fatal(err)
	}
	if err := New(count).Handle(context.Background(), events.EventBridgeEvent{DetailType: "ProductCreated"}); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 512)
	_ = ln.SetReadDeadline(time.Now().Add(time.Minute)) // a hang guard, not a timing assertion
	n, err := ln.Read(buf)
	if got, want := string(buf[:n]), "catalog.events:1|c|#event_type:ProductCreated"; err != nil || got != want {
		t.Errorf("datagram %q, %v; want %q", got, err, want)
	}
}

func TestDogStatsDBadPort(t *testing.T) {
	t.Setenv("DD_DOGSTATSD_PORT", "eighty")
	if _, err := DogStatsD(); err == nil {
		t.Error("DD_DOGSTATSD_PORT=eighty accepted")
	}
}
