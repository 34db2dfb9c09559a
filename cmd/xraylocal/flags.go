package main

import (
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/otelxray/otelxray/internal/daemonaddr"
)

// usageError is a mistake in the command line or the environment: the
// command exits 2. printed is true when the flag package has already
// printed it, with the usage.
type usageError struct {
	error
	printed bool
}

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...), false}
}

// checked is a string flag whose value is checked when it is parsed, so
// that a bad value is a usage error naming the flag.
type checked struct {
	p     *string
	check func(string) error
}

func (c checked) String() string {
	if c.p == nil {
		return ""
	}
	return *c.p
}

func (c checked) Set(s string) error {
	if err := c.check(s); err != nil {
		return err
	}
	*c.p = s
	return nil
}

// checkListen checks a listen address in either form of
// AWS_XRAY_DAEMON_ADDRESS (port 0: any free port).
func checkListen(s string) error {
	_, err := daemonaddr.Parse(s, true)
	return err
}

// checkHTTP checks the web UI's address: host:port, or "off".
func checkHTTP(s string) error {
	if s == "off" || s == "" {
		return nil
	}
	if _, _, err := net.SplitHostPort(s); err != nil {
		return fmt.Errorf("want host:port like 127.0.0.1:2001 (port 0: any free port), or off")
	}
	return nil
}

// checkForward checks a forward target: udp:host:port or host:port, with a
// real port.
func checkForward(s string) error {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "tcp:") {
		return errors.New("the daemon protocol is UDP; want udp:host:port, e.g. udp:127.0.0.1:2000")
	}
	if _, err := daemonaddr.HostPort(strings.TrimPrefix(t, "udp:"), false); err != nil {
		return errors.New("want udp:host:port with a port from 1 to 65535, e.g. udp:127.0.0.1:2000")
	}
	return nil
}
