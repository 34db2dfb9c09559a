// Command print shows what otelxray sends to the X-Ray daemon. It traces one
// simulated Lambda invocation (a DynamoDB read, an SQS send, an HTTP call
// that fails) through the real exporter to a UDP listener on loopback, then
// prints each datagram's document, checked against X-Ray's rules. No AWS
// account and no daemon are needed.
//
//	go -C examples run ./print
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"time"

	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/examples/internal/cli"
	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/segment/validate"
)

// header is what the Lambda runtime hands an invocation.
const header = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"

func main() {
	os.Exit(command(os.Args[1:], os.Stdout, os.Stderr))
}

// command runs the command line args and returns the exit status: 0, 2
// for a usage error, 1 when a datagram is invalid or cannot be read.
func command(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("print", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: print\n\nTraces one simulated Lambda invocation through otelxray's exporter and prints each\ndatagram sent to the X-Ray daemon, checked against X-Ray's rules. It takes no flags.\n")
	}
	if ok, code := cli.Parse(fs, args); !ok {
		return code
	}
	if err := run(stdout); err != nil {
		fmt.Fprintln(stderr, "print:", err)
		return cli.Failure
	}
	return cli.OK
}

func run(w io.Writer) error {
	daemon, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return err
	}
	defer daemon.Close()

	exp, err := xrayudp.New(xrayudp.WithEndpoint(daemon.LocalAddr().String()), xrayudp.WithLambda(true),
		xrayudp.WithIndexedAttributes("order.id"))
	if err != nil {
		return err
	}
	// A batcher hands the whole invocation to the exporter at once, so it
	// travels nested in one datagram (lambdatrace flushes it the same way
	// before the handler returns).
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp),
		sdktrace.WithIDGenerator(xray.NewIDGenerator()),
		sdktrace.WithResource(resource.NewSchemaless(attribute.String("service.name", "orders-post"))))
	invoke(tp.Tracer("orders"))
	if err := tp.Shutdown(context.Background()); err != nil {
		return err
	}

	st := exp.Stats()
	fmt.Fprintf(w, "Lambda trace header: %s\n", header)
	fmt.Fprintf(w, "%d spans -> %d datagram(s), %d bytes, sent to %s\n\n", st.Spans, st.Datagrams, st.Bytes, exp.Endpoint())
	buf := make([]byte, 65536)
	bad := 0
	for i := uint64(0); i < st.Datagrams; i++ {
		_ = daemon.SetReadDeadline(time.Now().Add(2 * time.Second))
		n, err := daemon.Read(buf)
		if err != nil {
			return fmt.Errorf("reading datagram %d: %w", i+1, err)
		}
		verdict := "valid"
		if err := validate.Datagram(buf[:n]); err != nil {
			verdict, bad = "INVALID: "+err.Error(), bad+1
		}
		_, body, _ := bytes.Cut(buf[:n], []byte("\n"))
		var pretty bytes.Buffer
		_ = json.Indent(&pretty, body, "", "  ")
		fmt.Fprintf(w, "datagram %d (%d bytes, %s):\n%s\n%s\n\n", i+1, n, verdict, bytes.TrimSpace(buf[:bytes.IndexByte(buf[:n], '\n')]), pretty.Bytes())
	}
	if bad > 0 {
		return fmt.Errorf("%d invalid datagram(s)", bad)
	}
	return nil
}

// invoke is one Lambda invocation, instrumented by hand the way lambdatrace
// and awssdk will do it.
func invoke(tr trace.Tracer) {
	ctx := xray.Propagator{}.Extract(context.Background(), propagation.MapCarrier{"X-Amzn-Trace-Id": header})
	ctx, handler := tr.Start(ctx, "post-order", trace.WithSpanKind(trace.SpanKindServer),
		trace.WithAttributes(attribute.String("faas.trigger", "http"), attribute.String("order.id", "42")))
	defer handler.End()

	_, get := tr.Start(ctx, "DynamoDB.GetItem", trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
		attribute.String("rpc.method", "GetItem"), attribute.String("aws.region", "eu-west-1"),
		attribute.String("aws.table_name", "orders"), attribute.String("aws.request_id", "V4KQNSO5AEMVJF66Q9ASUAAJGG8RAAL9V2PJR4B0VCVR9LIJUFVV"),
		attribute.Int("http.response.status_code", 200)))
	get.End()

	_, send := tr.Start(ctx, "SQS.SendMessage", trace.WithSpanKind(trace.SpanKindProducer), trace.WithAttributes(
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "SQS"),
		attribute.String("rpc.method", "SendMessage"), attribute.String("aws.region", "eu-west-1"),
		attribute.String("aws.queue_url", "https://sqs.eu-west-1.amazonaws.com/123456789012/order-changes"),
		attribute.Int("http.response.status_code", 200)))
	send.End()

	_, call := tr.Start(ctx, "POST", trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(
		attribute.String("http.request.method", "POST"), attribute.String("url.full", "https://payments.example.com/charge"),
		attribute.String("server.address", "payments.example.com"), attribute.Int("http.response.status_code", 503)))
	err := errors.New("payments: service unavailable")
	call.RecordError(err, trace.WithStackTrace(true))
	call.SetStatus(codes.Error, err.Error())
	call.End()
}
