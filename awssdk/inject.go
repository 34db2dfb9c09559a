package awssdk

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"slices"
	"strings"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/metadata"
	"github.com/otelxray/otelxray/propagation/ddprop"
)

// Trace context in messages. Without importing any service client, the
// middleware edits the request body the client serialized, in the Build
// step (before the content length is computed and the request signed, once
// per call whatever the retries): the caller's input is never touched.
//
//   - SQS SendMessage, SendMessageBatch (AWS JSON 1.0, every entry) and SNS
//     Publish, PublishBatch (query protocol, every entry): message
//     attributes traceparent and tracestate (String), and with
//     [WithDatadogCarrier] _datadog (String for SQS, Binary for SNS, as
//     Datadog writes them). An attribute the caller set is never replaced;
//     a message that would pass 10 attributes or its size limit gets none.
//   - EventBridge PutEvents: each entry's TraceHeader, the X-Ray header of
//     the call's span (EventBridge's own field); with WithDatadogCarrier,
//     _datadog in a Detail that is a JSON object.
//   - Step Functions StartExecution, StartSyncExecution: traceHeader; with
//     WithDatadogCarrier, _datadog in the input (an absent input is {}).
//   - Kinesis PutRecord, PutRecords: nothing, the data is the caller's;
//     with WithDatadogCarrier, _datadog in data that is a JSON object.
//
// The call's span lists what was written in otelxray.propagation.injected
// and counts the messages that got nothing in otelxray.propagation.skipped,
// with the reason in otelxray.propagation.skip_reason.

const (
	injectMiddlewareID = "otelxray.MessageContext"
	// maxInjectBody bounds the request bodies read: above every service's
	// request limit handled here.
	maxInjectBody = 6 << 20
	// maxMessageAttributes is the SQS and SNS limit per message.
	maxMessageAttributes = 10
)

// carriers is what one call writes.
type carriers struct {
	w3c  [][2]string // traceparent, tracestate
	dd   []byte      // the _datadog JSON, nil without WithDatadogCarrier
	xray string      // the X-Ray header of the call's span
}

// injection is what one call's editor did.
type injection struct {
	injected []string
	skipped  int
	reason   string
}

func (r *injection) add(name string) {
	if !slices.Contains(r.injected, name) {
		r.injected = append(r.injected, name)
	}
}

func (r *injection) skip(reason string) { r.skipped++; r.reason = reason }

// editor rewrites a request body; nil output means unchanged.
type editor func(body []byte, c *carriers, r *injection) []byte

// editorFor returns the editor of an operation, nil for the others.
func editorFor(service, op string) (editor, bool) {
	switch service + "." + op {
	case "SQS.SendMessage":
		return editSQSSend, true
	case "SQS.SendMessageBatch":
		return editSQSBatch, true
	case "SNS.Publish":
		return editSNSPublish, false
	case "SNS.PublishBatch":
		return editSNSBatch, false
	case "EventBridge.PutEvents":
		return editPutEvents, true
	case "SFN.StartExecution", "SFN.StartSyncExecution":
		return editStartExecution, true
	case "Kinesis.PutRecord":
		return editPutRecord, true
	case "Kinesis.PutRecords":
		return editPutRecords, true
	}
	return nil, false
}

type injectMiddleware struct{ m *instrumentation }

func (injectMiddleware) ID() string { return injectMiddlewareID }

// HandleBuild edits the serialized body of the operations above.
func (i injectMiddleware) HandleBuild(ctx context.Context, in middleware.BuildInput, next middleware.BuildHandler) (
	middleware.BuildOutput, middleware.Metadata, error,
) {
	edit, jsonProtocol := editorFor(awsmiddleware.GetServiceID(ctx), awsmiddleware.GetOperationName(ctx))
	req, ok := in.Request.(*smithyhttp.Request)
	sc := trace.SpanContextFromContext(ctx)
	if edit == nil || !ok || req == nil || req.Request == nil || !sc.IsValid() {
		return next.HandleBuild(ctx, in)
	}
	var r injection
	ct := req.Header.Get("Content-Type")
	if jsonProtocol != strings.Contains(ct, "json") {
		r.skip("protocol " + ct)
	} else if body, ok := readBody(req); !ok {
		r.skip("body not readable")
	} else if out := edit(body, i.m.carriers(ctx, sc), &r); out != nil {
		if nr, err := req.SetStream(bytes.NewReader(out)); err == nil {
			in.Request = nr
		}
	}
	span := trace.SpanFromContext(ctx)
	if len(r.injected) > 0 {
		span.SetAttributes(metadata.PropagationInjectedKey.StringSlice(r.injected))
	}
	if r.skipped > 0 {
		span.SetAttributes(metadata.PropagationSkippedKey.Int(r.skipped), metadata.PropagationSkipReasonKey.String(r.reason))
	}
	return next.HandleBuild(ctx, in)
}

// readBody reads a seekable body and rewinds it.
func readBody(req *smithyhttp.Request) ([]byte, bool) {
	s, ok := req.GetStream().(io.ReadSeeker)
	if !ok {
		return nil, false
	}
	start, err := s.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, false
	}
	b, err := io.ReadAll(io.LimitReader(s, maxInjectBody+1))
	if _, serr := s.Seek(start, io.SeekStart); serr != nil || err != nil || len(b) > maxInjectBody {
		return nil, false
	}
	return b, true
}

// carriers builds what the call's span context writes.
func (m *instrumentation) carriers(ctx context.Context, sc trace.SpanContext) *carriers {
	c := &carriers{xray: traceHeaderValue(sc, "")}
	w3c := propagation.MapCarrier{}
	propagation.TraceContext{}.Inject(ctx, w3c)
	for _, k := range []string{"traceparent", "tracestate"} {
		if v := w3c[k]; v != "" {
			c.w3c = append(c.w3c, [2]string{k, v})
		}
	}
	if m.datadog {
		dd := propagation.MapCarrier{}
		ddprop.Propagator{}.Inject(ctx, dd)
		for k, v := range w3c {
			dd[k] = v
		}
		c.dd, _ = json.Marshal(dd)
	}
	return c
}
