package ddlambda

import (
	"strings"
	"time"
)

// Where the Datadog Lambda Extension lives.
const (
	// DefaultExtensionURL is the extension's local HTTP API.
	DefaultExtensionURL = "http://127.0.0.1:8124"
	// DefaultExtensionPath is the file whose presence says the extension
	// is installed (the Datadog-Extension layer puts it there).
	DefaultExtensionPath = "/opt/extensions/datadog-agent"
)

// defaultExtensionTimeout bounds each call to the extension.
const defaultExtensionTimeout = 300 * time.Millisecond

// ExtensionOption configures Extension.
type ExtensionOption func(*extension)

// WithExtensionURL sets the extension's address (default
// [DefaultExtensionURL]).
func WithExtensionURL(u string) ExtensionOption {
	return func(x *extension) { x.url = strings.TrimSuffix(u, "/") }
}

// WithExtensionPath sets the file whose presence says the extension is
// installed (default [DefaultExtensionPath]).
func WithExtensionPath(p string) ExtensionOption { return func(x *extension) { x.path = p } }

// WithExtensionTimeout bounds each call to the extension (default 300ms).
func WithExtensionTimeout(d time.Duration) ExtensionOption {
	return func(x *extension) { x.client.Timeout = d }
}
