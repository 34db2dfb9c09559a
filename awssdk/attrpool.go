package awssdk

import (
	"sync"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"go.opentelemetry.io/otel/attribute"
)

// attrPool holds the attribute lists of calls whose spans copied them. A
// call's list is about 1 KB, the largest allocation the middleware makes.
var attrPool = sync.Pool{New: func() any {
	kvs := make([]attribute.KeyValue, 0, 16)
	return &kvs
}}

// maxPooledAttrs is the capacity past which a list is let go rather than
// kept: a call with hundreds of context attributes does not make every
// later call hold that much.
const maxPooledAttrs = 64

func getAttrs() *[]attribute.KeyValue { return attrPool.Get().(*[]attribute.KeyValue) }

// putAttrs returns a list to the pool when span is the OpenTelemetry SDK's,
// whose SetAttributes copies what it is given. Another implementation may
// keep the slice: its list is never reused.
func putAttrs(kvs *[]attribute.KeyValue, span trace.Span) {
	if _, sdk := span.(sdktrace.ReadWriteSpan); !sdk || cap(*kvs) > maxPooledAttrs {
		return
	}
	clear((*kvs)[:cap(*kvs)])
	*kvs = (*kvs)[:0]
	attrPool.Put(kvs)
}
