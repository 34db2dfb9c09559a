package datadog

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// The environment variables read by New, as Datadog's tracers read them.
// An option overrides each of them.
const (
	// EnvAgentURL is the agent's base URL, http://host:port
	// (WithAgentURL).
	EnvAgentURL = "DD_TRACE_AGENT_URL"
	// EnvAgentHost is the agent's host when EnvAgentURL is unset
	// (default 127.0.0.1).
	EnvAgentHost = "DD_AGENT_HOST"
	// EnvAgentPort is the agent's port when EnvAgentURL is unset
	// (default 8126).
	EnvAgentPort = "DD_TRACE_AGENT_PORT"
	// EnvService is the service name (WithService; default the
	// resource's service.name).
	EnvService = "DD_SERVICE"
	// EnvEnv is the env tag (WithEnv).
	EnvEnv = "DD_ENV"
	// EnvVersion is the version tag (WithVersion).
	EnvVersion = "DD_VERSION"
)

// DefaultAgent is where the agent (and the Lambda Extension) listens when
// neither an option nor the environment says otherwise.
const DefaultAgent = "http://127.0.0.1:8126"

func (c *config) fromEnv() {
	if c.url == "" {
		c.url = c.getenv(EnvAgentURL)
	}
	if c.url == "" {
		host, port := c.getenv(EnvAgentHost), c.getenv(EnvAgentPort)
		if host != "" || port != "" {
			if host == "" {
				host = "127.0.0.1"
			}
			if port == "" {
				port = "8126"
			}
			c.url = "http://" + net.JoinHostPort(host, port)
		}
	}
	if c.url == "" {
		c.url = DefaultAgent
	}
	if c.service == "" {
		c.service = c.getenv(EnvService)
	}
	if c.env == "" {
		c.env = c.getenv(EnvEnv)
	}
	if c.version == "" {
		c.version = c.getenv(EnvVersion)
	}
}

// tracesURL checks the agent URL and returns its v0.4 traces endpoint.
func tracesURL(base string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(base))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("datadog: invalid agent URL %q: want http://host:port (set %s, or %s and %s)", base, EnvAgentURL, EnvAgentHost, EnvAgentPort)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return "", fmt.Errorf("datadog: invalid agent URL %q: port %q is not a number from 1 to 65535 (check %s or %s)", base, p, EnvAgentURL, EnvAgentPort)
		}
	}
	u.Path = strings.TrimSuffix(u.Path, "/") + "/v0.4/traces"
	return u.String(), nil
}
