package slogtrace

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/slogtest"

	"github.com/aws/aws-lambda-go/lambdacontext"
	"go.opentelemetry.io/otel/trace"
)

var (
	testTrace = trace.TraceID{0x57, 0x59, 0xe9, 0x88, 0xbd, 0x86, 0x2e, 0x3f, 0xe1, 0xbe, 0x46, 0xa9, 0x94, 0x27, 0x27, 0x93}
	testSpan  = trace.SpanID{0x53, 0x99, 0x5c, 0x3f, 0x42, 0xcd, 0x8a, 0xd8}
)

const (
	wantXRay    = "1-5759e988-bd862e3fe1be46a994272793"
	wantW3C     = "5759e988bd862e3fe1be46a994272793"
	wantSpan    = "53995c3f42cd8ad8"
	wantDDTrace = "16266516598257821587" // 0xe1be46a994272793
	wantDDSpan  = "6023947403358210776"  // 0x53995c3f42cd8ad8
	wantRequest = "8f507cfc-0000-4a2a-8c3c-3a7c6d7e2b3f"
)

func spanCtx(ctx context.Context, tid trace.TraceID, sid trace.SpanID) context.Context {
	return trace.ContextWithSpanContext(ctx, trace.NewSpanContext(trace.SpanContextConfig{
		TraceID: tid, SpanID: sid, TraceFlags: trace.FlagsSampled,
	}))
}

func lambdaCtx(ctx context.Context) context.Context {
	return lambdacontext.NewContext(ctx, &lambdacontext.LambdaContext{AwsRequestID: wantRequest})
}

// decode parses one JSON line.
func decode(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("not one JSON line: %v\n%s", err, b)
	}
	return m
}

func TestHandlerAddsIDs(t *testing.T) {
	span := spanCtx(context.Background(), testTrace, testSpan)
	ids := map[string]any{KeyXRayTraceID: wantXRay, KeyTraceID: wantW3C, KeySpanID: wantSpan}
	dd := map[string]any{KeyDatadogTraceID: wantDDTrace, KeyDatadogSpanID: wantDDSpan}
	req := map[string]any{KeyRequestID: wantRequest}
	all := []string{KeyXRayTraceID, KeyTraceID, KeySpanID, KeyRequestID, KeyDatadogTraceID, KeyDatadogSpanID}
	for _, tc := range []struct {
		name string
		ctx  context.Context
		opts []Option
		want []map[string]any
	}{
		{"no span, no request", context.Background(), nil, nil},
		{"no span, datadog", context.Background(), []Option{WithDatadog()}, nil},
		{"span", span, nil, []map[string]any{ids}},
		{"request only", lambdaCtx(context.Background()), nil, []map[string]any{req}},
		{"span and request", lambdaCtx(span), nil, []map[string]any{ids, req}},
		{"datadog", lambdaCtx(span), []Option{WithDatadog()}, []map[string]any{ids, req, dd}},
		{"invalid span", spanCtx(context.Background(), trace.TraceID{}, testSpan), nil, nil},
		{"empty request id", lambdacontext.NewContext(context.Background(), &lambdacontext.LambdaContext{}), nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			l := slog.New(NewHandler(slog.NewJSONHandler(&buf, nil), tc.opts...))
			l.InfoContext(tc.ctx, "hello", "k", "v")
			got := decode(t, buf.Bytes())
			want := map[string]any{"msg": "hello", "k": "v"}
			for _, m := range tc.want {
				for k, v := range m {
					want[k] = v
				}
			}
			for _, k := range append(all, "msg", "k") {
				if got[k] != want[k] {
					t.Errorf("%s = %v, want %v", k, got[k], want[k])
				}
			}
		})
	}
}

// The ids stay at the top level under groups; attributes keep their groups.
func TestHandlerGroups(t *testing.T) {
	var buf bytes.Buffer
	ctx := lambdaCtx(spanCtx(context.Background(), testTrace, testSpan))
	l := slog.New(NewHandler(slog.NewJSONHandler(&buf, nil)))
	l = l.With("top", 1).WithGroup("g").With("a", 2).WithGroup("h")
	l.InfoContext(ctx, "grouped", "b", 3)
	got := decode(t, buf.Bytes())
	for k, v := range map[string]any{KeyXRayTraceID: wantXRay, KeySpanID: wantSpan, KeyRequestID: wantRequest, "top": 1.0} {
		if got[k] != v {
			t.Errorf("top level %s = %v, want %v", k, got[k], v)
		}
	}
	g, _ := got["g"].(map[string]any)
	h, _ := g["h"].(map[string]any)
	if g["a"] != 2.0 || h["b"] != 3.0 || len(g) != 2 || len(h) != 1 {
		t.Errorf("groups: %v", got["g"])
	}
	// Without ids the grouped handler writes the same groups.
	buf.Reset()
	l.Info("grouped", "b", 3)
	got = decode(t, buf.Bytes())
	if _, ok := got[KeyTraceID]; ok || got["top"] != 1.0 {
		t.Errorf("without a context: %v", got)
	}
	if g, _ := got["g"].(map[string]any); g["a"] != 2.0 {
		t.Errorf("without a context, groups: %v", got["g"])
	}
}

// The text handler gets the same attributes.
func TestHandlerText(t *testing.T) {
	var buf bytes.Buffer
	l := slog.New(NewHandler(slog.NewTextHandler(&buf, nil), WithDatadog()))
	l.WithGroup("g").InfoContext(lambdaCtx(spanCtx(context.Background(), testTrace, testSpan)), "hi", "a", 1)
	line := buf.String()
	for _, want := range []string{
		"g.a=1", "xray_trace_id=" + wantXRay, "trace_id=" + wantW3C, "span_id=" + wantSpan,
		"requestId=" + wantRequest, "dd.trace_id=" + wantDDTrace, "dd.span_id=" + wantDDSpan,
	} {
		if !strings.Contains(line, want) {
			t.Errorf("no %q in %s", want, line)
		}
	}
	if strings.Contains(line, "g.xray_trace_id") {
		t.Errorf("ids inside the group: %s", line)
	}
}

// fixedCtx hands its handler a fixed context, so that slogtest (which logs
// without one) runs every case through the id-adding paths.
type fixedCtx struct {
	h   slog.Handler
	ctx context.Context
}

func (f fixedCtx) Enabled(_ context.Context, l slog.Level) bool  { return f.h.Enabled(f.ctx, l) }
func (f fixedCtx) Handle(_ context.Context, r slog.Record) error { return f.h.Handle(f.ctx, r) }
func (f fixedCtx) WithAttrs(as []slog.Attr) slog.Handler         { return fixedCtx{f.h.WithAttrs(as), f.ctx} }
func (f fixedCtx) WithGroup(n string) slog.Handler               { return fixedCtx{f.h.WithGroup(n), f.ctx} }

// The wrapper keeps slog's Handler rules, with and without ids to add.
func TestHandlerFollowsSlogRules(t *testing.T) {
	for name, ctx := range map[string]context.Context{
		"no ids":   context.Background(),
		"with ids": lambdaCtx(spanCtx(context.Background(), testTrace, testSpan)),
	} {
		t.Run(name, func(t *testing.T) {
			var buf bytes.Buffer
			slogtest.Run(t, func(*testing.T) slog.Handler {
				buf.Reset()
				return fixedCtx{NewHandler(slog.NewJSONHandler(&buf, nil), WithDatadog()), ctx}
			}, func(t *testing.T) map[string]any {
				m := decode(t, buf.Bytes())
				for _, k := range []string{KeyXRayTraceID, KeyTraceID, KeySpanID, KeyRequestID, KeyDatadogTraceID, KeyDatadogSpanID} {
					if _, ok := m[k]; ok != (ctx != context.Background()) {
						t.Errorf("%s present %t in %v", k, ok, m)
					}
					delete(m, k)
				}
				return m
			})
		})
	}
}

// Records of many spans logged at once each get their own ids.
func TestHandlerConcurrentSpans(t *testing.T) {
	var mu sync.Mutex
	var buf bytes.Buffer
	h := NewHandler(slog.NewJSONHandler(lockedWriter{&mu, &buf}, nil))
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sid := trace.SpanID{1, byte(i + 1)}
			ctx := spanCtx(context.Background(), testTrace, sid)
			l := slog.New(h).With("i", i)
			for range 50 {
				l.InfoContext(ctx, "m")
			}
		}()
	}
	wg.Wait()
	for line := range strings.SplitSeq(strings.TrimSpace(buf.String()), "\n") {
		m := decode(t, []byte(line))
		i := int(m["i"].(float64))
		if want := (trace.SpanID{1, byte(i + 1)}).String(); m[KeySpanID] != want {
			t.Fatalf("record of goroutine %d has span %v, want %s", i, m[KeySpanID], want)
		}
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	b  *bytes.Buffer
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func TestNewLambdaHandler(t *testing.T) {
	for _, tc := range []struct {
		name       string
		env        map[string]string
		json       bool
		debug, err bool // enabled levels
	}{
		{"unset: text at info", nil, false, false, true},
		{"JSON", map[string]string{EnvLogFormat: "JSON"}, true, false, true},
		{"json debug", map[string]string{EnvLogFormat: "json", EnvLogLevel: "debug"}, true, true, true},
		{"text", map[string]string{EnvLogFormat: "Text", EnvLogLevel: "ERROR"}, false, false, true},
		{"fatal", map[string]string{EnvLogFormat: "JSON", EnvLogLevel: "FATAL"}, true, false, false},
		{"unknown level is info", map[string]string{EnvLogFormat: "JSON", EnvLogLevel: "loud"}, true, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			h := NewLambdaHandler(&buf, withGetenv(func(k string) string { return tc.env[k] }))
			ctx := context.Background()
			if h.Enabled(ctx, slog.LevelDebug) != tc.debug || h.Enabled(ctx, slog.LevelError) != tc.err {
				t.Errorf("debug %t error %t, want %t %t", h.Enabled(ctx, slog.LevelDebug), h.Enabled(ctx, slog.LevelError), tc.debug, tc.err)
			}
			slog.New(h).Log(lambdaCtx(ctx), slog.LevelError+8, "x")
			if !tc.json {
				if !strings.Contains(buf.String(), "requestId="+wantRequest) {
					t.Errorf("text line %q", buf.String())
				}
				return
			}
			m := decode(t, buf.Bytes())
			if m["message"] != "x" || m["timestamp"] == nil || m[KeyRequestID] != wantRequest {
				t.Errorf("JSON line %v", m)
			}
		})
	}
}

// One grouped logger shared by goroutines logging different spans and
// requests: each record has its own ids (the grouped cache is per span).
func TestHandlerGroupedConcurrentSpans(t *testing.T) {
	var mu sync.Mutex
	var buf bytes.Buffer
	l := slog.New(NewHandler(slog.NewJSONHandler(lockedWriter{&mu, &buf}, nil))).WithGroup("g")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := spanCtx(context.Background(), testTrace, trace.SpanID{2, byte(i + 1)})
			if i%2 == 0 {
				ctx = lambdacontext.NewContext(ctx, &lambdacontext.LambdaContext{AwsRequestID: fmt.Sprint("r", i)})
			}
			for range 50 {
				l.InfoContext(ctx, "m", "i", i)
			}
		}()
	}
	wg.Wait()
	for line := range strings.SplitSeq(strings.TrimSpace(buf.String()), "\n") {
		m := decode(t, []byte(line))
		i := int(m["g"].(map[string]any)["i"].(float64))
		if want := (trace.SpanID{2, byte(i + 1)}).String(); m[KeySpanID] != want {
			t.Fatalf("record of goroutine %d has span %v, want %s", i, m[KeySpanID], want)
		}
		if req, _ := m[KeyRequestID].(string); (i%2 == 0) != (req == fmt.Sprint("r", i)) || (i%2 == 1 && req != "") {
			t.Fatalf("record of goroutine %d has request %q", i, req)
		}
	}
}
