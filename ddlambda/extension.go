package ddlambda

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"reflect"
	"strconv"
	"strings"

	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/internal/scrub"
	"github.com/otelxray/otelxray/lambdatrace"
)

type extension struct {
	url, path string
	client    *http.Client
	exp       *datadog.Exporter
}

// Extension returns a lambdatrace option that reports every
// invocation to the Datadog Lambda Extension, when it is installed:
// start-invocation with the event, end-invocation with the response, the
// outcome and our trace, span and parent IDs. The extension then builds its
// aws.lambda span with the invocation span's ID, so our spans hang under it;
// exp (may be nil) leaves that invocation span out so that it is not sent
// twice. The trace comes from the X-Ray header: a context the extension
// finds in the event is not adopted. Without the extension the option does
// nothing.
func Extension(exp *datadog.Exporter, opts ...ExtensionOption) lambdatrace.Option {
	x := &extension{url: DefaultExtensionURL, path: DefaultExtensionPath, client: &http.Client{Timeout: defaultExtensionTimeout}, exp: exp}
	for _, o := range opts {
		if o != nil {
			o(x)
		}
	}
	if _, err := os.Stat(x.path); err != nil {
		return lambdatrace.WithHooks(lambdatrace.Hooks{})
	}
	return lambdatrace.WithHooks(lambdatrace.Hooks{Start: x.start, End: x.end})
}

func (x *extension) start(ctx context.Context, inv lambdatrace.InvocationStart) {
	body, err := json.Marshal(inv.Event)
	if err != nil {
		body = []byte("{}")
	}
	h := http.Header{}
	h.Set("lambda-runtime-aws-request-id", inv.RequestID)
	_ = x.post(ctx, "/lambda/start-invocation", body, h)
}

func (x *extension) end(ctx context.Context, inv lambdatrace.InvocationEnd) {
	if !inv.Span.IsValid() {
		return
	}
	body, err := json.Marshal(inv.Response)
	if err != nil || inv.Panic != nil || inv.Err != nil {
		body = []byte("{}")
	}
	low, tid := ddtrace.TraceID(inv.Span.TraceID())
	h := http.Header{}
	h.Set("lambda-runtime-aws-request-id", inv.RequestID)
	h.Set("x-datadog-trace-id", strconv.FormatUint(low, 10))
	h.Set("x-datadog-span-id", strconv.FormatUint(ddtrace.SpanID(inv.Span.SpanID()), 10))
	if p := datadogParent(inv.InvocationStart); p.IsValid() {
		h.Set("x-datadog-parent-id", strconv.FormatUint(ddtrace.SpanID(p.SpanID()), 10))
	}
	h.Set("x-datadog-sampling-priority", priority(inv.Span))
	h.Set("x-datadog-tags", "_dd.p.tid="+tid)
	if inv.Err != nil || inv.Panic != nil {
		msg, typ := "", ""
		if inv.Err != nil {
			msg, typ = inv.Err.Error(), typeName(inv.Err)
		} else {
			msg, typ = toString(inv.Panic), "panic"
		}
		h.Set("x-datadog-invocation-error", "true")
		h.Set("x-datadog-invocation-error-msg", headerSafe(scrub.Redact(msg)))
		h.Set("x-datadog-invocation-error-type", headerSafe(typ))
		if inv.Stack != "" {
			// Base64, as Datadog's own libraries send it: a stack has newlines.
			h.Set("x-datadog-invocation-error-stack", base64.StdEncoding.EncodeToString([]byte(scrub.Redact(inv.Stack))))
		}
	}
	if x.post(ctx, "/lambda/end-invocation", body, h) == nil && x.exp != nil && inv.Span.IsSampled() {
		ddtrace.Replace(x.exp, ddtrace.SpanID(inv.Span.SpanID()))
	}
}

func (x *extension) post(ctx context.Context, path string, body []byte, h http.Header) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, x.url+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	for k, v := range h {
		req.Header[k] = v
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := x.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 != 2 {
		return errStatus(resp.Status)
	}
	return nil
}

type errStatus string

func (e errStatus) Error() string {
	return "ddlambda: the Datadog Lambda Extension answered " + string(e)
}

// priority is the Datadog sampling priority of sc's trace: the one Enable's
// sampler decided (in the tracestate), else 1 for a sampled trace, 0 for
// another.
func priority(sc trace.SpanContext) string {
	if p, _, ok := ddtrace.Priority(sc.TraceState()); ok {
		return strconv.Itoa(p)
	}
	if sc.IsSampled() {
		return "1"
	}
	return "0"
}

// headerSafe keeps a value usable as an HTTP header: one line of printable
// ASCII (other bytes become '?'), at most 1,024 bytes.
func headerSafe(s string) string {
	if len(s) > 1024 {
		s = s[:1024]
	}
	b := []byte(s)
	for i, c := range b {
		if c < 0x20 || c == 0x7f || c >= 0x80 {
			b[i] = '?'
		}
	}
	return string(b)
}

func typeName(err error) string { return strings.TrimPrefix(typeString(err), "*") }

func typeString(v any) string { return reflect.TypeOf(v).String() }

func toString(v any) string { return fmt.Sprint(v) }
