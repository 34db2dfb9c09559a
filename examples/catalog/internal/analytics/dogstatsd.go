package analytics

import (
	"context"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
)

// DogStatsD returns a Counter that sends each count as a DogStatsD
// datagram ("name:value|c|#tags") to the agent at DD_AGENT_HOST
// (127.0.0.1 if unset) and DD_DOGSTATSD_PORT (8125), where the Datadog
// Lambda Extension listens. Counts are fire and forget, as DogStatsD's
// are; a bad address is an error here, never a panic later.
func DogStatsD() (Counter, error) {
	host, port := os.Getenv("DD_AGENT_HOST"), os.Getenv("DD_DOGSTATSD_PORT")
	if host == "" {
		host = "127.0.0.1"
	}
	if port == "" {
		port = "8125"
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return nil, fmt.Errorf("DD_DOGSTATSD_PORT %q: want a port number", port)
	}
	conn, err := net.Dial("udp", net.JoinHostPort(host, port))
	if err != nil {
		return nil, fmt.Errorf("DogStatsD at %s:%s: %w", host, port, err)
	}
	return func(_ context.Context, name string, value float64, tags ...string) {
		line := name + ":" + strconv.FormatFloat(value, 'f', -1, 64) + "|c"
		if len(tags) > 0 {
			line += "|#" + strings.Join(tags, ",")
		}
		_, _ = conn.Write([]byte(line))
	}, nil
}
