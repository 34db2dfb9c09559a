package segment

import (
	"fmt"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/attribute"
)

// TestShapesBounded checks the shape cache's bounds: key lists too long to
// cache get no shape, ever-changing keys take at most maxShapes slots and do
// not evict a list that keeps coming back, which stays ready.
func TestShapesBounded(t *testing.T) {
	tr := NewTranslator(Config{})
	var sc Scratch
	steady := []attribute.KeyValue{attribute.String("rpc.system", "aws-api"), attribute.String("meta.a", "1")}
	huge := []attribute.KeyValue{attribute.String(strings.Repeat("k", maxShapeKeyBytes+1), "v")}
	for i := range 1000 {
		if sh := sc.shape(tr, steady); (sh == nil) != (i == 0) || sh != nil && sh.keys[0] != "rpc.system" {
			t.Fatalf("span %d: steady shape %v", i, sh)
		}
		if sh := sc.shape(tr, huge); sh != nil {
			t.Fatalf("span %d: a shape for %d bytes of keys", i, len(huge[0].Key))
		}
		changing := []attribute.KeyValue{attribute.String(fmt.Sprintf("key.%d", i), "v")}
		if sh := sc.shape(tr, changing); sh != nil {
			t.Fatalf("span %d: a shape for keys seen once", i)
		}
	}
	n := 0
	for _, sh := range sc.shapes {
		if sh == nil {
			continue
		}
		n++
		bytes := 0
		for _, k := range sh.keys {
			bytes += len(k)
		}
		if bytes > maxShapeKeyBytes {
			t.Errorf("a shape keeps %d bytes of keys", bytes)
		}
	}
	if n > maxShapes {
		t.Errorf("%d shapes", n)
	}
	other := NewTranslator(Config{})
	sc.shape(other, steady)
	if sh := sc.shape(other, steady); sh == nil || sh.t != other {
		t.Errorf("another translator's shape: %v", sh)
	}
	if sh := sc.shape(tr, steady); sh == nil || sh.t != tr {
		t.Errorf("the first translator's shape: %v", sh)
	}
}
