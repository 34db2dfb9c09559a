package lambdatest

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/otelxray/otelxray/ddlocal"
	"github.com/otelxray/otelxray/internal/xrayheader"
	"github.com/otelxray/otelxray/xraylocal"
)

// syncTimeout bounds the wait for the documents after an invocation.
const syncTimeout = 10 * time.Second

// Invocation is one invocation's outcome and what reached the collectors
// while it ran.
type Invocation struct {
	// Response is the handler's response as aws-lambda-go encoded it, or
	// its error payload when Err is set.
	Response []byte
	// Err is set when the handler returned an error, panicked or timed out.
	Err error
	// RequestID is the invocation's request ID.
	RequestID string
	// Header is the trace header the function was handed ("" for none);
	// TraceID its Root, and Sampled its Sampled=1.
	Header  string
	TraceID string
	Sampled bool

	h *Harness
	// The traces that received something while the invocation ran (by ID),
	// and the counters before and after.
	xrayTraces []string
	ddTraces   []uint64
	xrayBefore xraylocal.Stats
	xrayAfter  xraylocal.Stats
	metrics    []ddlocal.Metric
}

// Invoke hands the function event (any value, encoded as JSON; []byte and
// json.RawMessage as they are) with a new trace header that says Sampled=1,
// waits for its response, and then until xraylocal and DogStatsD have
// processed every datagram the function wrote before it answered. The Datadog stand-in has
// what the function sent by then too, since the exporter's HTTP request
// ends before the handler returns. With a sampled header it also records the
// function segment Lambda itself would send, the parent of the function's
// own documents. A failure to run the invocation (not the handler's error,
// which is in Err) fails the test.
func (f *Function) Invoke(t TB, event any, opts ...InvokeOption) *Invocation {
	t.Helper()
	var c invokeConfig
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	payload, err := encodeEvent(event)
	if err != nil {
		t.Fatalf("lambdatest: encoding the event (%T) as JSON: %v", event, err)
	}
	inv := &Invocation{h: f.h}
	var parent string
	if c.setHeader {
		inv.Header = c.header
		var sampled string
		inv.TraceID, parent, sampled = xrayheader.Fields(c.header)
		inv.Sampled = sampled == "1"
	} else {
		inv.Header, inv.TraceID, parent = newHeader(!c.unsampled)
		inv.Sampled = !c.unsampled
	}
	f.h.mu.Lock()
	defer f.h.mu.Unlock()
	xBefore, dBefore := f.h.xrayCounts(), f.h.ddCounts()
	inv.xrayBefore = f.h.xray.Stats()
	metricsBefore := f.h.metricCount()
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), f.h.cfg.timeout+syncTimeout)
	defer cancel()
	resp, id, failed, err := f.call(ctx, payload, inv.Header)
	end := time.Now()
	if err != nil {
		t.Fatalf("lambdatest: invoking %s: %v", f.h.cfg.name, err)
	}
	inv.Response, inv.RequestID = resp, id
	if failed {
		inv.Err = errors.New(errorMessage(resp))
	}
	if inv.Sampled && inv.TraceID != "" && parent != "" {
		f.h.functionSegment(inv.TraceID, parent, start, end, failed)
	}
	if err := f.h.relay.sync(syncTimeout); err != nil {
		t.Fatalf("lambdatest: waiting for the X-Ray documents: %v", err)
	}
	if f.h.stats != nil {
		if err := f.h.stats.sync(syncTimeout); err != nil {
			t.Fatalf("lambdatest: waiting for the DogStatsD metrics: %v", err)
		}
		inv.metrics = f.h.dd.Metrics()[metricsBefore:]
	}
	inv.xrayAfter = f.h.xray.Stats()
	inv.xrayTraces = changedKeys(xBefore, f.h.xrayCounts())
	inv.ddTraces = changedKeys(dBefore, f.h.ddCounts())
	return inv
}

func encodeEvent(event any) ([]byte, error) {
	switch e := event.(type) {
	case []byte:
		return e, nil
	case json.RawMessage:
		return e, nil
	case nil:
		return []byte("{}"), nil
	}
	return json.Marshal(event)
}

// errorMessage returns the errorMessage of a Lambda error payload, else the
// payload.
func errorMessage(b []byte) string {
	var e struct {
		Type    string `json:"errorType"`
		Message string `json:"errorMessage"`
	}
	if json.Unmarshal(b, &e) == nil && e.Message != "" {
		if e.Type != "" && !strings.Contains(e.Message, e.Type) {
			return e.Type + ": " + e.Message
		}
		return e.Message
	}
	return string(b)
}

// xrayCounts maps every trace xraylocal holds to its document count.
func (h *Harness) xrayCounts() map[string]int {
	m := map[string]int{}
	for _, s := range h.xray.Traces("") {
		m[s.ID] = s.DocumentCount
	}
	return m
}

// ddCounts maps every Datadog trace to its span count.
func (h *Harness) ddCounts() map[uint64]int {
	m := map[uint64]int{}
	if h.dd == nil {
		return m
	}
	for _, t := range h.dd.Traces() {
		m[t.TraceID] = len(t.Spans)
	}
	return m
}

// metricCount is how many metric values the Datadog stand-in holds.
func (h *Harness) metricCount() int {
	if h.dd == nil {
		return 0
	}
	return len(h.dd.Metrics())
}

// changedKeys returns the keys of after that are new or whose count grew.
func changedKeys[K comparable](before, after map[K]int) []K {
	var out []K
	for k, n := range after {
		if n > before[k] {
			out = append(out, k)
		}
	}
	return out
}
