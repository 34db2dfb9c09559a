package xraylocal_test

import (
	"context"
	"fmt"
	"log"
	"net"
	"os"
	"strings"
	"time"

	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/xraylocal"
)

// A segment of the "web" service that read the DynamoDB table "orders".
const webDoc = `{"trace_id":"1-5759e988-bd862e3fe1be46a994272793","name":"web","id":"a000000000000001",` +
	`"start_time":1700000000,"end_time":1700000000.25,"http":{"request":{"method":"GET","url":"http://web.local/"},"response":{"status":200}},` +
	`"subsegments":[{"name":"DynamoDB","id":"a000000000000002","start_time":1700000000.05,"end_time":1700000000.1,` +
	`"namespace":"aws","aws":{"operation":"GetItem","table_name":"orders"}}]}`

// Start a daemon on a free port in a test, send it a datagram, wait for the
// document and read the service map.
func ExampleStart() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	conn, err := net.Dial("udp", srv.UDPAddr())
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Write([]byte(wire.Header + webDoc)); err != nil {
		log.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.WaitDocuments(ctx, 1); err != nil {
		log.Fatal(err)
	}
	fmt.Print(srv.ServiceMap())
	// Output:
	// Client -> web (service): 1 request
	// web -> orders (DynamoDB table): 1 request
}

// Point the otelxray exporter at the daemon and check the map it draws.
func ExampleStart_exporter() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	exp, err := xrayudp.New(xrayudp.WithEndpoint(srv.UDPAddr()), xrayudp.WithLambda(false))
	if err != nil {
		log.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp), sdktrace.WithIDGenerator(xray.NewIDGenerator()),
		sdktrace.WithResource(resource.NewSchemaless(attribute.String("service.name", "checkout"))))
	ctx, span := tp.Tracer("checkout").Start(context.Background(), "POST /pay", trace.WithSpanKind(trace.SpanKindServer))
	_, call := tp.Tracer("checkout").Start(ctx, "SQS.SendMessage", trace.WithSpanKind(trace.SpanKindProducer), trace.WithAttributes(
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "SQS"), attribute.String("rpc.method", "SendMessage"),
		attribute.String("aws.queue_url", "https://sqs.eu-west-1.amazonaws.com/123456789012/payments")))
	call.End()
	span.End()
	_ = tp.Shutdown(context.Background())

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.WaitDocuments(ctx, int(exp.Stats().Datagrams)); err != nil {
		log.Fatal(err)
	}
	queue := srv.ServiceMap().NodeOfType("payments", "AWS::SQS::Queue")
	fmt.Println(queue.Name, queue.TypeLabel, queue.Stats.Requests, "request(s), problems:", srv.Stats().Problems)
	// Output: payments SQS queue 1 request(s), problems: 0
}

// Receive processes a datagram without the network; Problems lists what
// is wrong with it.
func ExampleServer_Receive() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(webDoc)) // no header line
	for _, p := range srv.Problems() {
		fmt.Printf("%s: %s\n", p.Rule, p.Outcome)
	}
	// Output: header: discarded by the daemon
}

func ExampleServer_Problems() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	bad := strings.Replace(webDoc, `"namespace":"aws"`, `"namespace":"AWS"`, 1)
	srv.Receive([]byte(wire.Header + bad))
	for _, p := range srv.Problems() {
		fmt.Printf("%s at %s in doc %s (%s)\n", p.Rule, p.Field, p.DocID, p.Outcome)
	}
	// Output: namespace at subsegments[0].namespace in doc a000000000000001 (kept)
}

func ExampleServer_Trace() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	t, ok := srv.Trace("1-5759e988-bd862e3fe1be46a994272793")
	if !ok {
		log.Fatal("no trace")
	}
	t.Walk(func(s *xraylocal.Span, depth int) bool {
		fmt.Printf("%*s%s %s %v\n", 2*depth, "", s.Name, s.Kind, s.Duration())
		return true
	})
	// Output:
	// web segment 250ms
	//   DynamoDB subsegment 50ms
}

func ExampleTrace_WriteTree() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	t, _ := srv.Trace("1-5759e988-bd862e3fe1be46a994272793")
	_ = t.WriteTree(os.Stdout)
	// Output:
	// trace 1-5759e988-bd862e3fe1be46a994272793  web  250ms long  2 spans
	// └─ web  250ms long  service  GET http://web.local/ status 200
	//    └─ DynamoDB  +50ms start, 50ms long  AWS call  GetItem DynamoDB table orders
}

// The legend explains the trees to a reader who has never used X-Ray.
func ExampleTreeLegend() {
	fmt.Print(xraylocal.TreeLegend)
	// Output:
	// How to read the traces below: one line per span (a timed piece of work), indented under its caller.
	//   trace ID  first service  how long the whole trace took  number of spans  flags
	//   └─ name  +when it started after the trace began, how long it took  kind  what it served or called  flags
	// Kinds:
	//   service   what one service (a Lambda function, a server) recorded of a request it handled (an X-Ray "segment")
	//   step      a part of that service's work (a "subsegment")
	//   call      a request to another service (HTTP or SQL); if that service is traced too, its own line is under it
	//   AWS call  a request to an AWS service with the AWS SDK: operation, resource, HTTP status
	// Flags: ERROR a client error (HTTP 4xx), THROTTLE slowed down by the service (429), FAULT a server error (5xx),
	//   IN PROGRESS not finished yet. A line with "!" breaks a rule of X-Ray's: X-Ray could reject or misdraw it.
}

func ExampleServer_Traces() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	// Words match span names, called resources, URLs, ids and flags.
	for _, q := range []string{"orders", "fault"} {
		fmt.Printf("%q: %d trace(s)\n", q, len(srv.Traces(q)))
	}
	// Output:
	// "orders": 1 trace(s)
	// "fault": 0 trace(s)
}
