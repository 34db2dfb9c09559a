package awssdk

import (
	"context"
	"reflect"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/metadata"
)

// Attributes of the RPC semantic conventions that mark an AWS SDK call.
const (
	rpcSystemKey  attribute.Key = "rpc.system"
	rpcServiceKey attribute.Key = "rpc.service"
	rpcMethodKey  attribute.Key = "rpc.method"
	rpcSystemAWS                = "aws-api"
)

// clientSpan starts every span.
var clientSpan = []trace.SpanStartOption{trace.WithSpanKind(trace.SpanKindClient)}

// operation is what a call's input type tells, worked out once per type.
type operation struct {
	service string // the X-Ray name: DynamoDB, SecretsManager, ...
	name    string // the span name: DynamoDB.GetItem
	req     *compiledOp
}

// operation returns the description of the call with input in.
func (m *instrumentation) operation(serviceID, op string, in any) *operation {
	if in == nil {
		service := serviceName(serviceID)
		return &operation{service: service, name: service + "." + op}
	}
	t := reflect.TypeOf(in)
	if o, ok := m.ops.Load(t); ok {
		return o.(*operation)
	}
	service := serviceName(serviceID)
	o, _ := m.ops.LoadOrStore(t, &operation{
		service: service,
		name:    service + "." + op,
		req:     m.params.compile(serviceID, op, t, false),
	})
	return o.(*operation)
}

type spanMiddleware struct{ m *instrumentation }

func (spanMiddleware) ID() string { return spanMiddlewareID }

// HandleSerialize wraps the rest of the call (serialization, every attempt,
// deserialization) in the call's span.
func (s spanMiddleware) HandleSerialize(ctx context.Context, in middleware.SerializeInput, next middleware.SerializeHandler) (
	out middleware.SerializeOutput, md middleware.Metadata, err error,
) {
	m := s.m
	serviceID := awsmiddleware.GetServiceID(ctx)
	op := awsmiddleware.GetOperationName(ctx)
	info := m.operation(serviceID, op, in.Parameters)

	span := otelawsSpan(ctx, serviceID, op)
	if span == nil {
		ctx = m.parentFromLambda(ctx)
		ctx, span = m.tracer.Start(ctx, info.name, clientSpan...)
		defer span.End()
	}
	if !span.IsRecording() {
		return next.HandleSerialize(ctx, in)
	}

	buf := getAttrs()
	defer putAttrs(buf, span)
	attrs := (*buf)[:4]
	attrs[0] = rpcSystemKey.String(rpcSystemAWS)
	attrs[1] = rpcServiceKey.String(info.service) // otelaws sets rpc.method only, as Service/Operation
	attrs[2] = rpcMethodKey.String(op)
	attrs[3] = metadata.RegionKey.String(awsmiddleware.GetRegion(ctx))
	attrs = info.req.extract(attrs, in.Parameters)
	out, md, err = next.HandleSerialize(ctx, in)
	if err == nil {
		attrs = m.params.response(attrs, serviceID, op, out.Result)
	}
	attrs = appendResult(attrs, md, err)
	attrs = appendContext(attrs, ctx)
	span.SetAttributes(attrs...)
	*buf = attrs
	if err != nil {
		recordError(span, err)
	}
	return out, md, err
}

// appendContext appends the metadata.With values of ctx that the call's own
// attributes do not already set. The two table keys go together: a call on
// its own tables takes none from the context.
func appendContext(attrs []attribute.KeyValue, ctx context.Context) []attribute.KeyValue {
	extra := metadata.Attributes(ctx)
	if len(extra) == 0 {
		return attrs
	}
	hasTable := hasKey(attrs, metadata.TableNameKey) || hasKey(attrs, metadata.TableNamesKey)
	n := len(attrs)
	for _, kv := range extra {
		switch kv.Key {
		case metadata.RegionKey, metadata.RequestIDKey, metadata.RetriesKey, metadata.ThrottleKey, "aws.operation":
			continue // the call's, never the context's
		case metadata.TableNameKey, metadata.TableNamesKey:
			if hasTable {
				continue
			}
		}
		if !hasKey(attrs[:n], kv.Key) {
			attrs = append(attrs, kv)
		}
	}
	return attrs
}

func hasKey(kvs []attribute.KeyValue, k attribute.Key) bool {
	for _, kv := range kvs {
		if kv.Key == k {
			return true
		}
	}
	return false
}
