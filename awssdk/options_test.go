package awssdk_test

import (
	"testing"

	"github.com/aws/smithy-go/middleware"

	"github.com/otelxray/otelxray/awssdk"
)

func TestAppendMiddlewaresNil(t *testing.T) {
	awssdk.AppendMiddlewares(nil) // no panic, nothing to do
	var opts []func(*middleware.Stack) error
	awssdk.AppendMiddlewares(&opts)
	if len(opts) != 1 {
		t.Fatalf("%d API options, want 1", len(opts))
	}
}
