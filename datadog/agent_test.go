package datadog_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/tinylib/msgp/msgp"
)

// agent is a fake Datadog Agent: it decodes every v0.4 payload.
type agent struct {
	srv     *httptest.Server
	mu      sync.Mutex
	spans   []map[string]any // every span received, in order
	traces  int
	headers []http.Header
	status  int
}

func startAgent(t *testing.T) *agent {
	a := &agent{status: http.StatusOK}
	a.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
		w.WriteHeader(a.status)
		_, _ = w.Write([]byte(`{"rate_by_service":{}}`))
	}))
	t.Cleanup(a.srv.Close)
	return a
}

func (a *agent) received() ([]map[string]any, []http.Header) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]map[string]any(nil), a.spans...), append([]http.Header(nil), a.headers...)
}

func byName(spans []map[string]any, resource string) map[string]any {
	for _, s := range spans {
		if s["resource"] == resource {
			return s
		}
	}
	return nil
}
