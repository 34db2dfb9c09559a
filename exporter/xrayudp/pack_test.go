package xrayudp_test

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/internal/fakedaemon"
)

// dynamoAttrs are the attributes of a typical DynamoDB call span.
func dynamoAttrs(i int) []attribute.KeyValue {
	return []attribute.KeyValue{
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
		attribute.String("rpc.method", "GetItem"), attribute.String("aws.region", "eu-west-1"),
		attribute.StringSlice("aws.dynamodb.table_names", []string{"orders"}),
		attribute.String("aws.request_id", fmt.Sprintf("%036d", i)),
		attribute.Int("http.response.status_code", 200),
	}
}

// checkAllOnce asserts that every span id 1..n arrived exactly once, in
// valid datagrams within the limit, and returns the datagrams.
func checkAllOnce(t *testing.T, gs []fakedaemon.Datagram, n int) {
	t.Helper()
	mustValid(t, gs)
	docs, err := fakedaemon.Documents(gs)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		if _, ok := docs[sid(uint64(i)).String()]; !ok {
			t.Fatalf("span %d missing (%d of %d arrived in %d datagrams)", i, len(docs), n, len(gs))
		}
	}
	if len(docs) != n {
		t.Fatalf("%d documents, want %d", len(docs), n)
	}
}

func TestPacking1000SpanTree(t *testing.T) {
	// A handler with 9 operations of 110 DynamoDB calls each: 1,000 spans.
	stubs := tracetest.SpanStubs{span(1, 0)}
	next := uint64(2)
	for range 9 {
		op := next
		stubs = append(stubs, span(op, 1))
		next++
		for range 110 {
			stubs = append(stubs, span(next, op, dynamoAttrs(int(next))...))
			next++
		}
	}
	if len(stubs) != 1000 {
		t.Fatalf("%d spans", len(stubs))
	}
	d := fakedaemon.Start(t, fakedaemon.WithReadBuffer(4<<20))
	exp := newExporter(t, d)
	if err := exp.ExportSpans(context.Background(), stubs.Snapshots()); err != nil {
		t.Fatal(err)
	}
	st := exp.Stats()
	gs := d.Wait(t, int(st.Datagrams), 2*time.Second)
	checkAllOnce(t, gs, 1000)
	if len(gs) > 10 {
		t.Errorf("%d datagrams for 1,000 spans, want at most 10", len(gs))
	}
	var total int
	for _, g := range gs {
		total += len(g.Raw)
	}
	t.Logf("1,000-span tree: %d datagrams, %d bytes (largest limit 64,000), stats %+v", len(gs), total, st)
}

func TestPacking1000FlatChildren(t *testing.T) {
	// One handler with 999 direct children: a document holds one parent, so
	// the children that do not fit go out one per datagram. (How many reach a
	// receiver with the default socket buffer depends on how fast it drains:
	// BenchmarkFlush1000DefaultBuffer measures it.)
	stubs := tracetest.SpanStubs{span(1, 0)}
	for i := uint64(2); i <= 1000; i++ {
		stubs = append(stubs, span(i, 1, dynamoAttrs(int(i))...))
	}
	d := fakedaemon.Start(t, fakedaemon.WithReadBuffer(4<<20))
	exp := newExporter(t, d)
	start := time.Now()
	if err := exp.ExportSpans(context.Background(), stubs.Snapshots()); err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	st := exp.Stats()
	gs, ok := d.WaitFor(int(st.Datagrams), 2*time.Second)
	if !ok {
		t.Fatalf("%d of %d datagrams arrived", len(gs), st.Datagrams)
	}
	checkAllOnce(t, gs, 1000)
	t.Logf("1,000 flat spans: %d datagrams, %d bytes, flushed in %v", st.Datagrams, st.Bytes, elapsed)
}

func TestPackingDeepChain(t *testing.T) {
	stubs := tracetest.SpanStubs{span(1, 0)}
	for i := uint64(2); i <= 500; i++ {
		stubs = append(stubs, span(i, i-1))
	}
	d := fakedaemon.Start(t)
	exp := newExporter(t, d)
	if err := exp.ExportSpans(context.Background(), stubs.Snapshots()); err != nil {
		t.Fatal(err)
	}
	gs := d.Wait(t, int(exp.Stats().Datagrams), 2*time.Second)
	checkAllOnce(t, gs, 500)
	if len(gs) > 10 {
		t.Errorf("%d datagrams for a 500-span chain", len(gs))
	}
}

func TestPackingCycleAndDuplicates(t *testing.T) {
	// Hand-made IDs can form a cycle (2 -> 3 -> 2); each span must still go
	// out exactly once.
	stubs := tracetest.SpanStubs{span(1, 0), span(2, 3), span(3, 2), span(4, 4)}
	d := fakedaemon.Start(t)
	exp := newExporter(t, d)
	if err := exp.ExportSpans(context.Background(), stubs.Snapshots()); err != nil {
		t.Fatal(err)
	}
	gs := d.Wait(t, int(exp.Stats().Datagrams), 2*time.Second)
	checkAllOnce(t, gs, 4)
}

func TestHostileSpansEndToEnd(t *testing.T) {
	many := make([]attribute.KeyValue, 10000)
	for i := range many {
		many[i] = attribute.Int(fmt.Sprintf("attr.%05d", i), i)
	}
	links := make([]sdktrace.Link, 300)
	for i := range links {
		links[i] = sdktrace.Link{SpanContext: trace.NewSpanContext(trace.SpanContextConfig{TraceID: testTrace, SpanID: sid(uint64(9000 + i))})}
	}
	withName := func(s tracetest.SpanStub, name string) tracetest.SpanStub { s.Name = name; return s }
	withLinks := func(s tracetest.SpanStub) tracetest.SpanStub { s.Links = links; return s }
	stubs := tracetest.SpanStubs{
		span(1, 0, attribute.String("payload", strings.Repeat("x", 1<<20))),
		span(2, 1, many...),
		span(3, 1, attribute.Float64("nan", math.NaN()), attribute.Float64("inf", math.Inf(-1))),
		withName(span(4, 1, attribute.String("k\xff\xfe", "v\xc3\x28")), "bad \xff\xfe name"),
		withName(span(5, 1), ""),
		withLinks(span(6, 1)),
	}
	d := fakedaemon.Start(t)
	exp := newExporter(t, d, xrayudp.WithIndexedAttributes("attr.00001", "nan"))
	if err := exp.ExportSpans(context.Background(), stubs.Snapshots()); err != nil {
		t.Fatal(err)
	}
	st := exp.Stats()
	gs := d.Wait(t, int(st.Datagrams), 2*time.Second)
	checkAllOnce(t, gs, 6)
	if st.Trimmed < 2 {
		t.Errorf("trimmed %d spans, want at least the 1 MB and the 10,000-attribute ones", st.Trimmed)
	}
}
