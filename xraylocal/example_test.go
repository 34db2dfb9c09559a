package xraylocal_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
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

func ExampleServer_ServiceMap() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	m := srv.ServiceMap()
	for _, n := range m.Nodes {
		fmt.Printf("%-6s %-20s layer %d, %d request(s)\n", n.Name, n.Type, n.Layer, n.Stats.Requests)
	}
	// Output:
	// Client client               layer 0, 0 request(s)
	// web    service              layer 1, 1 request(s)
	// orders AWS::DynamoDB::Table layer 2, 1 request(s)
}

func ExampleServiceMap_Edge() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	e := srv.ServiceMap().Edge("web", "orders")
	fmt.Printf("%d call(s), p99 %.0fms\n", e.Stats.Requests, e.Stats.Latency.P99*1000)
	// Output: 1 call(s), p99 50ms
}

func ExampleServiceMap_Node() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	n := srv.ServiceMap().Node("web")
	fmt.Println(n.Type, n.Root, n.Stats.OK)
	// Output: service true 1
}

func ExampleServiceMap_NodeOfType() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	n := srv.ServiceMap().NodeOfType("orders", "AWS::DynamoDB::Table")
	fmt.Println(n.TypeLabel, n.Inferred)
	// Output: DynamoDB table true
}

func ExampleServiceMap_WriteSVG() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	var b strings.Builder
	if err := srv.ServiceMap().WriteSVG(&b); err != nil {
		log.Fatal(err)
	}
	fmt.Println(strings.Count(b.String(), `data-type=`), "nodes drawn")
	// Output: 3 nodes drawn
}

// Mount the UI and API in a server of your own, or test against them.
func ExampleServer_Handler() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	srv.Receive([]byte(wire.Header + webDoc))

	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/api/traces?q=orders")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.Status, strings.Contains(string(body), `"total":1`))
	// Output: 200 OK true
}

func ExampleServer_WaitFor() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	go srv.Receive([]byte("not a datagram"))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.WaitFor(ctx, func(st xraylocal.Stats) bool { return st.Discarded >= 1 })
	fmt.Println(err, srv.Stats().Discarded)
	// Output: <nil> 1
}

func ExampleServer_WaitDocuments() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	fmt.Println(srv.WaitDocuments(ctx, 1) != nil) // nothing was sent
	// Output: true
}

func ExampleServer_Stats() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	srv.Receive([]byte(wire.Header + webDoc + webDoc)) // two documents: X-Ray rejects it
	st := srv.Stats()
	fmt.Println(st.Datagrams, st.Documents, st.Rejected, st.Traces)
	// Output: 2 1 1 1
}

func ExampleServer_UDPAddr() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	exp, err := xrayudp.New(xrayudp.WithEndpoint(srv.UDPAddr()))
	if err != nil {
		log.Fatal(err)
	}
	defer exp.Shutdown(context.Background())
	fmt.Println(exp.Endpoint() == srv.UDPAddr())
	// Output: true
}

func ExampleServer_URL() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithHTTPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	resp, err := http.Get(srv.URL() + "api/stats")
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(resp.Status, resp.Header.Get("Content-Type"))
	// Output: 200 OK application/json; charset=utf-8
}

func ExampleServer_Close() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(srv.Close(), srv.Close())
	// Output: <nil> <nil>
}

func ExampleTrace_Walk() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + webDoc))
	t, _ := srv.Trace("1-5759e988-bd862e3fe1be46a994272793")
	calls := 0
	t.Walk(func(s *xraylocal.Span, depth int) bool {
		if s.Namespace != "" {
			calls++
		}
		return true
	})
	fmt.Println(calls, "downstream call(s)")
	// Output: 1 downstream call(s)
}

func ExampleServiceMap_String() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(wire.Header + strings.Replace(webDoc, `"namespace":"aws"`, `"namespace":"aws","error":true,"throttle":true`, 1)))
	fmt.Print(srv.ServiceMap())
	// Output:
	// Client -> web (service): 1 request
	// web -> orders (DynamoDB table): 1 request, 1 error, 1 throttle
}

func ExampleProblem_String() {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	srv.Receive([]byte(`{"format":"json","version":2}` + "\n" + webDoc))
	fmt.Println(srv.Problems()[0])
	// Output: header version is 2, not 1; the first line must be `{"format":"json","version":1}` [header] (trace 1-5759e988-bd862e3fe1be46a994272793, doc a000000000000001, datagram 1; discarded by the daemon)
}
