package dogstatsd

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// The variables Address reads, as Datadog's clients read them.
const (
	// EnvURL is DogStatsD's address, udp://host:port.
	EnvURL = "DD_DOGSTATSD_URL"
	// EnvHost is DogStatsD's host when EnvURL is unset (also the trace
	// agent's).
	EnvHost = "DD_AGENT_HOST"
	// EnvPort is DogStatsD's port when EnvURL is unset.
	EnvPort = "DD_DOGSTATSD_PORT"
)

// DefaultAddr is where DogStatsD listens (the Datadog Lambda Extension,
// or a local agent) when nothing says otherwise.
const DefaultAddr = "127.0.0.1:8125"

// Address returns DogStatsD's host:port from the environment: EnvURL,
// else EnvHost and EnvPort (either defaulting to 127.0.0.1 and 8125),
// else DefaultAddr. It returns an error, and DefaultAddr, for a value it
// cannot use, such as a unix socket.
func Address(getenv func(string) string) (string, error) {
	if u := strings.TrimSpace(getenv(EnvURL)); u != "" {
		a, err := ParseURL(u)
		if err != nil {
			return DefaultAddr, fmt.Errorf("%s: %w", EnvURL, err)
		}
		return a, nil
	}
	host, port := strings.TrimSpace(getenv(EnvHost)), strings.TrimSpace(getenv(EnvPort))
	if host == "" && port == "" {
		return DefaultAddr, nil
	}
	if host == "" {
		host = "127.0.0.1"
	}
	if port == "" {
		port = "8125"
	}
	if err := checkPort(port); err != nil {
		return DefaultAddr, fmt.Errorf("%s=%q: %w", EnvPort, port, err)
	}
	return net.JoinHostPort(strings.Trim(host, "[]"), port), nil
}

// ParseURL reads a DogStatsD URL, udp://host:port (port 8125 when left
// out), into host:port. Unix sockets (unix://, unixgram://) are refused:
// this client speaks UDP only.
func ParseURL(s string) (string, error) {
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("%q is not a URL: want udp://host:port", cut(s, 80))
	}
	switch u.Scheme {
	case "udp":
	case "unix", "unixgram":
		return "", fmt.Errorf("%q is a unix socket, which this client does not support: use udp://host:port", cut(s, 80))
	default:
		return "", fmt.Errorf("%q: want udp://host:port", cut(s, 80))
	}
	host, port := u.Hostname(), u.Port()
	if host == "" {
		return "", fmt.Errorf("%q has no host: want udp://host:port", cut(s, 80))
	}
	if port == "" {
		port = "8125"
	}
	if err := checkPort(port); err != nil {
		return "", fmt.Errorf("%q: %w", cut(s, 80), err)
	}
	return net.JoinHostPort(host, port), nil
}

func checkPort(p string) error {
	if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("port %q is not a number from 1 to 65535", cut(p, 16))
	}
	return nil
}
