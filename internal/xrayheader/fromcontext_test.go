package xrayheader

import (
	"context"
	"testing"
)

func TestFromContextPrefersContext(t *testing.T) {
	env := func(string) string { return "from-env" }
	//lint:ignore SA1029 the plain string key is aws-lambda-go's
	ctx := context.WithValue(context.Background(), ContextKey, "from-context")
	if got := FromContext(ctx, env); got != "from-context" {
		t.Errorf("got %q", got)
	}
	//lint:ignore SA1029 the plain string key is aws-lambda-go's
	empty := context.WithValue(context.Background(), ContextKey, "")
	if got := FromContext(empty, env); got != "" {
		t.Errorf("an empty header in the context must not fall back to the variable, got %q", got)
	}
	if got := FromContext(context.Background(), env); got != "from-env" {
		t.Errorf("got %q", got)
	}
}
