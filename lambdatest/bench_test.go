package lambdatest_test

import (
	"context"
	"testing"

	"github.com/otelxray/otelxray/lambdatest"
	"github.com/otelxray/otelxray/lambdatrace"
)

// The time lambdatest adds to a user's test: each benchmark runs one
// invocation of the same wrapped handler. BenchmarkHandlerCall calls it
// directly (what a test without lambdatest does); the others add the
// harness's setup, the invocation through it and the checks.
//
//	go test -run '^$' -bench . -benchtime 200x ./lambdatest

func BenchmarkHandlerCall(b *testing.B) {
	h := lambdatest.New(b, lambdatest.WithoutDatadog()) // only for a daemon to write to
	_ = h
	wrapped := lambdatrace.Wrap(work, lambdatrace.WithoutGlobals())
	//lint:ignore SA1029 the key aws-lambda-go uses
	ctx := context.WithValue(context.Background(), "x-amzn-trace-id", "Root=1-6b104c5a-5431e239df61696dd26a7f0b;Parent=742968f2b4971b23;Sampled=1")
	for b.Loop() {
		if _, err := wrapped(ctx, order{Item: "tea"}); err != nil {
			b.Fatal(err)
		}
	}
}

// checks are the assertions a test makes.
func checks(t lambdatest.TB, inv *lambdatest.Invocation) {
	inv.NoError(t)
	inv.OneTrace(t)
	inv.HasSubsegment(t, "reserve tea")
	inv.NoInvalidDocuments(t)
}

// BenchmarkSetupInvokeCheck is a whole test: a new harness, the handler
// wrapped, one invocation, the checks, and the cleanup.
func BenchmarkSetupInvokeCheck(b *testing.B) {
	for _, m := range modes {
		b.Run(m.name, func(b *testing.B) {
			for b.Loop() {
				t := &exampleT{}
				h := lambdatest.New(t)
				f := m.run(h, lambdatrace.Wrap(work, lambdatrace.WithoutGlobals()))
				checks(t, f.Invoke(t, order{Item: "tea"}))
				t.done()
				if t.failed {
					b.Fatal("a check failed")
				}
			}
		})
	}
}

// BenchmarkInvokeCheck is one more invocation and its checks in a test
// whose harness is already up.
func BenchmarkInvokeCheck(b *testing.B) {
	for _, m := range modes {
		b.Run(m.name, func(b *testing.B) {
			h := lambdatest.New(b)
			f := m.run(h, lambdatrace.Wrap(work, lambdatrace.WithoutGlobals()))
			for b.Loop() {
				checks(b, f.Invoke(b, order{Item: "tea"}))
			}
		})
	}
}
