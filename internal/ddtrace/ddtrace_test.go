package ddtrace_test

import (
	"fmt"
	"testing"

	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
)

func ExampleTraceID() {
	id, _ := trace.TraceIDFromHex("5759e988bd862e3fe1be46a994272793")
	low, tid := ddtrace.TraceID(id)
	fmt.Println(low, tid)
	// Output: 16266516598257821587 5759e988bd862e3f
}

func TestReplacedIsPerOwnerAndOnce(t *testing.T) {
	a, b := new(int), new(int)
	ddtrace.Replace(a, 7)
	if ddtrace.Replaced(b, 7) {
		t.Error("another exporter's span was left out")
	}
	if !ddtrace.Replaced(a, 7) {
		t.Error("a replaced span was not left out")
	}
	if ddtrace.Replaced(a, 7) {
		t.Error("a replaced span was left out twice")
	}
}
