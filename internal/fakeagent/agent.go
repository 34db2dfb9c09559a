package fakeagent

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/tinylib/msgp/msgp"
)

// Agent is a fake Datadog Agent: it decodes every v0.4 payload.
type Agent struct {
	// Srv is the agent's server; a test may replace Srv.Config.Handler or
	// close it.
	Srv *httptest.Server
	// Status is the status of every answer (200 unless a test sets it
	// before sending).
	Status int

	mu      sync.Mutex
	spans   []map[string]any // every span received, in order
	traces  int
	headers []http.Header
	bodies  [][]byte
}

// Start starts an agent that runs until the test ends.
func Start(t testing.TB) *Agent {
	a := &Agent{Status: http.StatusOK}
	a.Srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v0.4/traces" || (r.Method != http.MethodPut && r.Method != http.MethodPost) {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		body, _ := io.ReadAll(r.Body)
		v, rest, err := msgp.ReadIntfBytes(body)
		if err != nil || len(rest) != 0 {
			t.Errorf("payload is not one msgpack value: %v (%d bytes left)", err, len(rest))
			http.Error(w, "bad payload", http.StatusBadRequest)
			return
		}
		traces, ok := v.([]any)
		if !ok {
			t.Errorf("payload is %T, want an array of traces", v)
		}
		a.mu.Lock()
		defer a.mu.Unlock()
		a.headers = append(a.headers, r.Header.Clone())
		a.bodies = append(a.bodies, body)
		for _, tr := range traces {
			spans, ok := tr.([]any)
			if !ok {
				t.Errorf("trace is %T, want an array of spans", tr)
				continue
			}
			a.traces++
			for _, s := range spans {
				m, ok := s.(map[string]any)
				if !ok {
					t.Errorf("span is %T, want a map", s)
					continue
				}
				a.spans = append(a.spans, m)
			}
		}
		w.WriteHeader(a.Status)
		_, _ = w.Write([]byte(`{"rate_by_service":{}}`))
	}))
	t.Cleanup(a.Srv.Close)
	return a
}

// URL is the agent's base URL.
func (a *Agent) URL() string { return a.Srv.URL }

// Received returns the spans received so far, and the headers of each
// payload.
func (a *Agent) Received() ([]map[string]any, []http.Header) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]map[string]any(nil), a.spans...), append([]http.Header(nil), a.headers...)
}

// Bodies returns every payload received so far, as sent.
func (a *Agent) Bodies() [][]byte {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([][]byte(nil), a.bodies...)
}

// ByResource returns the first span with this resource, nil if none.
func ByResource(spans []map[string]any, resource string) map[string]any {
	for _, s := range spans {
		if s["resource"] == resource {
			return s
		}
	}
	return nil
}

// Norm makes msgpack integers comparable: small unsigned values decode as
// int64, large ones as uint64; non-negative ones all become uint64.
func Norm(v any) any {
	switch n := v.(type) {
	case int:
		return uint64(n)
	case int64:
		if n >= 0 {
			return uint64(n)
		}
	case int32:
		return uint64(n)
	}
	return v
}
