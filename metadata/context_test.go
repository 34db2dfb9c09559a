package metadata_test

import (
	"context"
	"reflect"
	"testing"

	"go.opentelemetry.io/otel/attribute"

	"github.com/otelxray/otelxray/metadata"
)

func TestWith(t *testing.T) {
	tests := []struct {
		name   string
		layers []metadata.AWS // outermost first
		want   metadata.AWS
	}{
		{"one", []metadata.AWS{{TableName: "orders"}}, metadata.AWS{TableName: "orders"}},
		{"inner fields win, outer ones stay", []metadata.AWS{
			{TableName: "orders", QueueURL: "q1", AccountID: "1"},
			{QueueURL: "q2", BucketName: "b"},
		}, metadata.AWS{TableName: "orders", QueueURL: "q2", AccountID: "1", BucketName: "b"}},
		{"table fields go together", []metadata.AWS{
			{TableName: "orders"},
			{TableNames: []string{"a", "b"}},
		}, metadata.AWS{TableNames: []string{"a", "b"}}},
		{"params and annotations merge by key", []metadata.AWS{
			{Params: []attribute.KeyValue{attribute.Int("item_count", 1), attribute.String("shard", "a")},
				Annotations: []attribute.KeyValue{attribute.String("tenant", "acme")}},
			{Params: []attribute.KeyValue{attribute.Int("item_count", 2)},
				Annotations: []attribute.KeyValue{attribute.String("tenant", "globex"), attribute.Int("tier", 1)}},
		}, metadata.AWS{
			Params:      []attribute.KeyValue{attribute.String("shard", "a"), attribute.Int("item_count", 2)},
			Annotations: []attribute.KeyValue{attribute.String("tenant", "globex"), attribute.Int("tier", 1)},
		}},
		{"an empty layer changes nothing", []metadata.AWS{{SecretID: "s"}, {}}, metadata.AWS{SecretID: "s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			for _, m := range tt.layers {
				ctx = metadata.With(ctx, m)
			}
			got, ok := metadata.From(ctx)
			if !ok || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("From() = %+v, %v; want %+v", got, ok, tt.want)
			}
			if attrs, want := metadata.Attributes(ctx), tt.want.Attributes(); !reflect.DeepEqual(attrs, want) {
				t.Errorf("Attributes() = %v; want %v", attrs, want)
			}
		})
	}
}

func TestWithCopies(t *testing.T) {
	tables := []string{"a", "b"}
	params := []attribute.KeyValue{attribute.Int("item_count", 1)}
	ctx := metadata.With(context.Background(), metadata.AWS{TableNames: tables, Params: params})
	tables[0] = "changed"
	params[0] = attribute.Int("item_count", 99)

	got, _ := metadata.From(ctx)
	if got.TableNames[0] != "a" || got.Params[0].Value.AsInt64() != 1 {
		t.Fatalf("With kept the caller's slices: %+v", got)
	}
	got.TableNames[1] = "changed too"
	attrs := metadata.Attributes(ctx)
	attrs[0] = attribute.String("x", "y")
	again, _ := metadata.From(ctx)
	if again.TableNames[1] != "b" || metadata.Attributes(ctx)[0].Key != metadata.TableNamesKey {
		t.Fatalf("From or Attributes handed out the stored slices: %+v", again)
	}
}

func TestEmptyContext(t *testing.T) {
	for _, ctx := range []context.Context{context.Background(), nil} {
		if m, ok := metadata.From(ctx); ok || !reflect.DeepEqual(m, metadata.AWS{}) {
			t.Errorf("From(%v) = %+v, %v", ctx, m, ok)
		}
		if attrs := metadata.Attributes(ctx); attrs != nil {
			t.Errorf("Attributes(%v) = %v", ctx, attrs)
		}
	}
	//lint:ignore SA1012 a nil context must not panic
	ctx := metadata.With(nil, metadata.AWS{TableName: "t"})
	if m, ok := metadata.From(ctx); !ok || m.TableName != "t" {
		t.Errorf("With(nil, ...) lost the value: %+v", m)
	}
}
