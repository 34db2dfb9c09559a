package lambdatest_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"slices"

	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/lambdatest"
	"github.com/otelxray/otelxray/lambdatrace"
)

// greet is the function under test.
func greet(ctx context.Context, name string) (string, error) {
	_, span := trace.SpanFromContext(ctx).TracerProvider().Tracer("greeter").Start(ctx, "compose")
	defer span.End()
	return "hello " + name, nil
}

// In a test, t is the test's *testing.T: run the function in aws-lambda-go's
// loop, invoke it, check its trace.
func Example() {
	t := &exampleT{} // in a test: func TestGreet(t *testing.T)
	defer t.done()

	h := lambdatest.New(t, lambdatest.WithFunctionName("greeter"))
	f := h.Start(lambdatrace.Wrap(greet, lambdatrace.WithoutGlobals()))
	inv := f.Invoke(t, "world")
	inv.NoError(t)
	inv.OneTrace(t)
	inv.HasSubsegment(t, "compose")
	inv.NoInvalidDocuments(t)
	fmt.Println(string(inv.Response), t.failed)
	// Output: "hello world" false
}

// exampleT stands in for *testing.T in the Example.
type exampleT struct {
	failed   bool
	cleanups []func()
}

func (t *exampleT) Helper() {}
func (t *exampleT) Errorf(format string, args ...any) {
	t.failed = true
	log.Printf(format, args...)
}
func (t *exampleT) Fatalf(format string, args ...any) { log.Fatalf(format, args...) }
func (t *exampleT) Cleanup(f func())                  { t.cleanups = append(t.cleanups, f) }
func (t *exampleT) Setenv(k, v string) {
	old, had := os.LookupEnv(k)
	t.Cleanup(func() {
		if had {
			_ = os.Setenv(k, old)
		} else {
			_ = os.Unsetenv(k)
		}
	})
	_ = os.Setenv(k, v)
}
func (t *exampleT) done() {
	for _, f := range slices.Backward(t.cleanups) {
		f()
	}
}
