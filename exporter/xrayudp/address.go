package xrayudp

import (
	"fmt"

	"github.com/otelxray/otelxray/internal/daemonaddr"
)

// DefaultEndpoint is the daemon address used when neither WithEndpoint nor
// AWS_XRAY_DAEMON_ADDRESS sets one.
const DefaultEndpoint = "127.0.0.1:2000"

// parseAddress returns the UDP host:port of a daemon address in either of the
// forms of AWS_XRAY_DAEMON_ADDRESS: "host:port", or "udp:host:port tcp:host:port"
// (in either order; the tcp part is not used by this exporter).
func parseAddress(s string) (string, error) {
	hp, err := daemonaddr.Parse(s, false)
	if err != nil {
		return "", fmt.Errorf("xrayudp: invalid daemon address %w", err)
	}
	return hp, nil
}
