package metadata_test

import (
	"reflect"
	"testing"

	"go.opentelemetry.io/otel/attribute"

	"github.com/otelxray/otelxray/metadata"
)

func TestAnnotate(t *testing.T) {
	tests := []struct {
		name string
		in   []attribute.KeyValue
		want []attribute.KeyValue
	}{
		{"none", nil, []attribute.KeyValue{}},
		{"primitives", []attribute.KeyValue{
			attribute.String("order.id", "42"), attribute.Bool("vip", true), attribute.Float64("total", 9.5),
		}, []attribute.KeyValue{
			attribute.String("order.id", "42"), attribute.Bool("vip", true), attribute.Float64("total", 9.5),
			metadata.AnnotationsKey.StringSlice([]string{"order.id", "vip", "total"}),
		}},
		{"slices, empty keys, the list key itself and repeats are left out", []attribute.KeyValue{
			attribute.IntSlice("ids", []int{1}),
			{Key: "", Value: attribute.StringValue("x")},
			metadata.AnnotationsKey.StringSlice([]string{"x"}),
			attribute.String("a", "1"),
			attribute.String("a", "2"),
		}, []attribute.KeyValue{
			attribute.String("a", "1"),
			metadata.AnnotationsKey.StringSlice([]string{"a"}),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := metadata.Annotate(tt.in...); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Annotate() =\n%v\nwant\n%v", got, tt.want)
			}
		})
	}
}
