package xrayudp

import (
	"slices"
	"strings"
	"testing"

	"go.opentelemetry.io/otel"
)

// errorsSaid collects what otel.Handle is given while f runs.
func errorsSaid(t *testing.T, f func()) []string {
	t.Helper()
	var said []string
	otel.SetErrorHandler(otel.ErrorHandlerFunc(func(err error) { said = append(said, err.Error()) }))
	defer otel.SetErrorHandler(otel.ErrorHandlerFunc(func(error) {}))
	f()
	return said
}

func TestIndexedAttributesFromEnvironment(t *testing.T) {
	for _, tc := range []struct {
		name     string
		env      map[string]string
		opts     []Option
		indexed  []string
		indexAll bool
		said     string
	}{
		{"unset", nil, nil, nil, false, ""},
		{"keys", map[string]string{EnvIndexedAttributes: " order.id, customer.tier ,"}, nil, []string{"order.id", "customer.tier"}, false, ""},
		{"all", map[string]string{EnvIndexAllAttributes: "TRUE"}, nil, nil, true, ""},
		{"keys and all", map[string]string{EnvIndexedAttributes: "a", EnvIndexAllAttributes: "true"}, nil, []string{"a"}, true, ""},
		{"malformed all is reported, default used", map[string]string{EnvIndexAllAttributes: "yes"}, nil, nil, false,
			`xrayudp: OTEL_AWS_XRAY_INDEX_ALL_ATTRIBUTES="yes" is not true or false; using the default, false`},
		{"option beats both variables", map[string]string{EnvIndexedAttributes: "a", EnvIndexAllAttributes: "true"},
			[]Option{WithIndexedAttributes("b")}, []string{"b"}, false, ""},
		{"index-all option beats the key list", map[string]string{EnvIndexedAttributes: "a"},
			[]Option{WithIndexAllAttributes()}, nil, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c config
			said := errorsSaid(t, func() {
				c = newConfig(append([]Option{withGetenv(func(k string) string { return tc.env[k] })}, tc.opts...))
			})
			if !slices.Equal(c.indexed, tc.indexed) || c.indexAll != tc.indexAll {
				t.Errorf("indexed %q all %t; want %q %t", c.indexed, c.indexAll, tc.indexed, tc.indexAll)
			}
			if got := strings.Join(said, "\n"); got != tc.said {
				t.Errorf("said %q, want %q", got, tc.said)
			}
		})
	}
}
