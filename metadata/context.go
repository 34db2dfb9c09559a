package metadata

import (
	"context"
	"slices"

	"go.opentelemetry.io/otel/attribute"
)

type ctxKey struct{}

// entry is what With stores: the merged values and their attributes,
// computed once.
type entry struct {
	aws   AWS
	attrs []attribute.KeyValue
}

// With returns a copy of ctx carrying m, for the spans of the AWS SDK calls
// made under it (package awssdk) and any instrumentation that reads
// [Attributes]. It is the Go counterpart of wrapping calls in a span that
// carries AWS metadata: nothing is recorded until a call is made.
//
// Values from an enclosing With stay, unless m sets the same field (the
// table fields TableName and TableNames go together); Params and
// Annotations are merged by key. A call's own request values win over the
// context's: a GetItem on table "a" under With(ctx, AWS{TableName: "b"}) is
// recorded with table "a". A nil ctx is taken as context.Background().
func With(ctx context.Context, m AWS) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	if outer, ok := ctx.Value(ctxKey{}).(*entry); ok {
		m = outer.aws.merge(m)
	} else {
		m = m.clone()
	}
	return context.WithValue(ctx, ctxKey{}, &entry{aws: m, attrs: m.Attributes()})
}

// From returns the metadata that With put in ctx, merged, and whether there
// is any.
func From(ctx context.Context) (AWS, bool) {
	if ctx == nil {
		return AWS{}, false
	}
	e, ok := ctx.Value(ctxKey{}).(*entry)
	if !ok {
		return AWS{}, false
	}
	return e.aws.clone(), true
}

// Attributes returns the span attributes of the metadata in ctx (see
// [AWS.Attributes]), or nil. The slice is the caller's to keep.
func Attributes(ctx context.Context) []attribute.KeyValue {
	if ctx == nil {
		return nil
	}
	e, ok := ctx.Value(ctxKey{}).(*entry)
	if !ok {
		return nil
	}
	return slices.Clone(e.attrs)
}
