package ddlambda

import (
	"context"
	"os"
	"strconv"
	"strings"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/internal/envflag"
	"github.com/otelxray/otelxray/internal/lambdaenv"
	"github.com/otelxray/otelxray/lambdatrace"
)

// inferredConfig configures the inferred spans of the upstream service.
type inferredConfig struct {
	// serviceMapping is DD_SERVICE_MAPPING, parsed (parseServiceMapping).
	serviceMapping map[string]string
	// force makes the spans even where the Datadog Lambda Extension is
	// installed (it then makes its own too).
	force bool
	// extensionPath is the file whose presence says the extension is
	// installed; "" is DefaultExtensionPath.
	extensionPath string
	// service is the function span's service: the inferred spans'
	// peer.service and _dd.base_service.
	service string
	// genericServices names the spans sqs, sns ... instead of the queue,
	// topic ... (DD_TRACE_AWS_SERVICE_REPRESENTATION_ENABLED=false).
	genericServices bool
}

// envServiceRepresentation names inferred spans' services by the instance
// (true, the default) or by the AWS service (false).
const envServiceRepresentation = "DD_TRACE_AWS_SERVICE_REPRESENTATION_ENABLED"

// inferredConfigFromEnv reads DD_SERVICE_MAPPING, DD_SERVICE (else the
// function's name, lowercased, as the extension names the function span)
// and DD_TRACE_AWS_SERVICE_REPRESENTATION_ENABLED; a bad boolean is
// reported through otel.Handle and the default (true) kept.
func inferredConfigFromEnv(getenv func(string) string) inferredConfig {
	c := inferredConfig{serviceMapping: parseServiceMapping(getenv(envServiceMapping))}
	c.service = strings.ToLower(strings.TrimSpace(getenv("DD_SERVICE")))
	if c.service == "" {
		c.service = strings.ToLower(lambdaenv.Name(getenv))
	}
	repr, err := envflag.Bool(getenv, envServiceRepresentation, true)
	if err != nil {
		otel.Handle(err)
	}
	c.genericServices = !repr
	return c
}

// inferredHooks returns the hooks that make, at the end of every sampled
// invocation, the spans Datadog's extension infers from the event (see
// infer), in the invocation's trace, under the scope ddtrace.OnlyScope
// (the X-Ray exporter leaves them out), with ddtrace.ChildKey naming the
// span Datadog shows under each. Where the extension is installed and
// c.force is false, the hooks do nothing: the extension makes them.
func inferredHooks(c inferredConfig) lambdatrace.Hooks {
	path := c.extensionPath
	if path == "" {
		path = DefaultExtensionPath
	}
	if !c.force {
		if _, err := os.Stat(path); err == nil {
			return lambdatrace.Hooks{}
		}
	}
	o := inferOptions{mapping: c.serviceMapping, genericServices: c.genericServices, peer: c.service}
	return lambdatrace.Hooks{End: func(ctx context.Context, inv lambdatrace.InvocationEnd) {
		if !inv.Span.IsValid() || !inv.Span.IsSampled() || inv.TracerProvider == nil {
			return
		}
		if spans := infer(inv.Event, o); len(spans) > 0 {
			startInferred(ctx, inv, spans)
		}
	}}
}

// startInferred starts and ends the spans, the innermost first, each
// naming the one below it (ddtrace.ChildKey): the invocation span under
// the innermost, the innermost under its wrapper. Every span's parent is
// the invocation's upstream context, with the invocation's sampling
// decision and trace state; without one, its parent is the span it names,
// which the Datadog exporter reads as "a root in this trace".
func startInferred(ctx context.Context, inv lambdatrace.InvocationEnd, spans []inferred) {
	tr := inv.TracerProvider.Tracer(ddtrace.OnlyScope)
	status := lambdatrace.BuiltinResponse(inv.Response).StatusCode
	failure := ""
	switch {
	case inv.Err != nil:
		failure = inv.Err.Error()
	case inv.Panic != nil:
		failure = "panic: " + toString(inv.Panic)
	case status >= 500:
		failure = "HTTP " + strconv.Itoa(status)
	}
	n := len(spans)
	starts, ends := make([]time.Time, n), make([]time.Time, n)
	// The invocation span as Datadog gets it: its wall-clock start plus
	// its monotonic duration, so that a sync span ends exactly with it.
	start := inv.Start.Round(0)
	ends[n-1] = start.Add(inv.End.Sub(inv.Start))
	if spans[n-1].Async {
		ends[n-1] = start
	}
	for i := n - 1; i >= 0; i-- {
		st := spans[i].Start
		if st.IsZero() || st.After(ends[i]) {
			st = ends[i]
		}
		starts[i] = st
		if i > 0 {
			ends[i-1] = st // a wrapper ends where the span it wraps starts
		}
	}
	made := make([]trace.Span, n)
	child := inv.Span.SpanID()
	for i := n - 1; i >= 0; i-- {
		s := &spans[i]
		parent := datadogParent(inv.InvocationStart)
		if !parent.IsValid() || parent.TraceID() != inv.Span.TraceID() {
			parent = trace.NewSpanContext(trace.SpanContextConfig{TraceID: inv.Span.TraceID(), SpanID: child, Remote: true})
		}
		parent = parent.WithTraceFlags(inv.Span.TraceFlags()).WithTraceState(inv.Span.TraceState())
		attrs := make([]attribute.KeyValue, 0, len(s.Tags)+6)
		attrs = append(attrs,
			attribute.String("operation.name", s.Name), attribute.String("resource.name", s.Resource),
			attribute.String("service.name", s.Service), attribute.String("span.type", s.Type),
			attribute.String(ddtrace.ChildKey, child.String()))
		for k, v := range s.Tags {
			attrs = append(attrs, attribute.String(k, v))
		}
		if status > 0 && i == n-1 {
			attrs = append(attrs, attribute.String("http.status_code", strconv.Itoa(status)))
		}
		// inheritDecision: the parent is remote, but the invocation's
		// sampler has decided for this trace already.
		_, sp := tr.Start(inheritDecision(trace.ContextWithRemoteSpanContext(ctx, parent)), s.Name,
			trace.WithSpanKind(trace.SpanKindServer), trace.WithTimestamp(starts[i]), trace.WithAttributes(attrs...))
		if failure != "" {
			sp.SetStatus(codes.Error, failure) // the function's error, as the extension copies it
		}
		made[i], child = sp, sp.SpanContext().SpanID()
	}
	// Outermost first: an exporter that sends each span as it ends learns
	// every parent before the span it adopts arrives.
	for i, sp := range made {
		sp.End(trace.WithTimestamp(ends[i]))
	}
}
